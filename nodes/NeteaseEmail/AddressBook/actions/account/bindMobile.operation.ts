import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator } from '../../descriptions/locators';
import { resolveAccount } from '../../helpers/accounts';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { AccountAddress } from '../../helpers/validation';
import { validateMobile } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import type { Operation } from '../operation';
import { ACCOUNT_CONCURRENCY } from '../operation';

const properties: INodeProperties[] = [
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
];

interface Input {
	address: AccountAddress;
	mobile: string;
}

export const bindMobile: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['account'], operation: ['bindMobile'] } },
		properties,
	),
	concurrency: ACCOUNT_CONCURRENCY,

	async prepare(this: IExecuteFunctions, i: number) {
		const address = await resolveAccount.call(this, i);
		return {
			address,
			mobile: validateMobile(this.getNode(), i, this.getNodeParameter('mobile', i)),
		};
	},

	async execute(this: IExecuteFunctions, { address, mobile }: Input, i: number) {
		const body = { domain: address.domain, accountName: address.accountName, mobile };
		await apiRequest.call(this, 'mobile.bind', body, { itemIndex: i, idempotent: true });
		return { accountName: address.accountName, email: address.email, mobile };
	},
};
