import type { IExecuteFunctions } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions/locators';
import {
	optionsCollection,
	simplifyOption,
	wantsSimplified,
} from '../../../shared/descriptions/options';
import { accountsOutput, resolveAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';

interface Input {
	address: AccountAddress;
	simplify: boolean;
}

export const get: Operation<Input> = {
	value: 'get',
	name: 'Get',
	action: 'Get an account',
	description: "Get one account's details, picked from the list or by address; changes nothing",
	properties: [accountLocator(), optionsCollection([simplifyOption])],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return { address: await resolveAccount.call(this, item), simplify: wantsSimplified(item) };
	},

	async execute(this: IExecuteFunctions, { address, simplify }: Input, item: Item) {
		const body = { domain: address.domain, accountName: address.accountName };
		const account = await apiRequest.call(this, 'account.get', body, { itemIndex: item.index });
		const [output] = await accountsOutput.call(
			this,
			[account],
			address.domain,
			simplify,
			item.index,
		);
		return output;
	},
};
