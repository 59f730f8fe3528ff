import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator } from '../../descriptions/locators';
import { optionsCollection, simplifyOption, wantsSimplified } from '../../descriptions/options';
import { accountsOutput, resolveAccount } from '../../helpers/accounts';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { AccountAddress } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import type { Operation } from '../operation';
import { ACCOUNT_CONCURRENCY } from '../operation';

const properties: INodeProperties[] = [accountLocator(), optionsCollection([simplifyOption])];

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
		return { address: await resolveAccount.call(this, i), simplify: wantsSimplified.call(this, i) };
	},

	async execute(this: IExecuteFunctions, { address, simplify }: Input, i: number) {
		const body = { domain: address.domain, accountName: address.accountName };
		const account = await apiRequest.call(this, 'account.get', body, { itemIndex: i });
		const [output] = await accountsOutput.call(this, [account], address.domain, simplify, i);
		return output;
	},
};
