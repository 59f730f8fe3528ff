import type { IExecuteFunctions } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions/locators';
import { resolveAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { validateMobile } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';

interface Input {
	address: AccountAddress;
	mobile: string;
}

export const bindMobile: Operation<Input> = {
	value: 'bindMobile',
	name: 'Bind Mobile',
	action: 'Bind a mobile number to an account',
	description: 'Bind a mobile number to an account',
	properties: [
		accountLocator(),
		{
			displayName: 'Mobile',
			name: 'mobile',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 13800138000',
			description: 'The Chinese mainland mobile number to bind to the account',
		},
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return {
			address: await resolveAccount.call(this, item),
			mobile: validateMobile(item.field('mobile'), item.param('mobile')),
		};
	},

	async execute(this: IExecuteFunctions, { address, mobile }: Input, item: Item) {
		const body = { domain: address.domain, accountName: address.accountName, mobile };
		await apiRequest.call(this, 'mobile.bind', body, { itemIndex: item.index });
		return { accountName: address.accountName, email: address.email, mobile };
	},
};
