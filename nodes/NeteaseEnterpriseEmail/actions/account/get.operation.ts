import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator, simplifyOption } from '../../descriptions/locators';
import { resolveAccount, simplifyAccount } from '../../helpers/accounts';
import { getDepartments } from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { AccountAddress } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import type { Operation } from '../operation';
import { ACCOUNT_CONCURRENCY } from '../operation';

const properties: INodeProperties[] = [
	accountLocator(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [simplifyOption],
	},
];

interface Input {
	address: AccountAddress;
	simplify: boolean;
}

export const get: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['account'], operation: ['get'] } },
		properties,
	),
	concurrency: ACCOUNT_CONCURRENCY,

	async prepare(this: IExecuteFunctions, i: number) {
		const simplify =
			(this.getNodeParameter('options', i, {}) as { simplify?: boolean }).simplify ?? true;
		return { address: await resolveAccount.call(this, i), simplify };
	},

	async execute(this: IExecuteFunctions, { address, simplify }: Input, i: number) {
		const account = await apiRequest.call(
			this,
			'account.get',
			{ domain: address.domain, accountName: address.accountName },
			{ itemIndex: i },
		);
		if (!simplify) return account;
		return simplifyAccount(
			account,
			address.domain,
			await getDepartments.call(this, address.domain, i),
		);
	},
};
