import type { IExecuteFunctions } from 'n8n-workflow';

import {
	optionsCollection,
	simplifyOption,
	wantsSimplified,
} from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { getMailList, mailListAddress, mailListOutput, mailListParameter } from './mailLists';

interface Input {
	address: AccountAddress;
	simplify: boolean;
}

export const get: Operation<Input> = {
	value: 'get',
	name: 'Get',
	action: 'Get a mail list',
	description: 'Get a mail list with its members and sending rules',
	properties: [mailListParameter, optionsCollection([simplifyOption])],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return { address: await mailListAddress.call(this, item), simplify: wantsSimplified(item) };
	},

	async execute(this: IExecuteFunctions, { address, simplify }: Input, item: Item) {
		const list = await getMailList.call(this, address, item.index);
		return await mailListOutput.call(this, list, address.domain, simplify, item.index);
	},
};
