import type { IExecuteFunctions } from 'n8n-workflow';

import {
	limitOf,
	optionsCollection,
	returnAllProperties,
	simplifyOption,
	wantsSimplified,
} from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import { apiRequestAllItems, defaultDomain } from '../../../shared/transport';
import { mailListOutput } from './mailLists';

interface Input {
	domain: string;
	limit?: number;
	simplify: boolean;
}

export const getAll: Operation<Input> = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many mail lists',
	description: 'List the mail lists of the domain',
	properties: [...returnAllProperties, optionsCollection([simplifyOption])],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return {
			domain: await defaultDomain.call(this),
			limit: limitOf(item),
			simplify: wantsSimplified(item),
		};
	},

	async execute(this: IExecuteFunctions, { domain, limit, simplify }: Input, item: Item) {
		const lists = await apiRequestAllItems.call(
			this,
			'mailList.list',
			{ domain },
			{ itemIndex: item.index, limit },
		);
		return await Promise.all(
			lists.map(
				async (list) => await mailListOutput.call(this, list, domain, simplify, item.index),
			),
		);
	},
};
