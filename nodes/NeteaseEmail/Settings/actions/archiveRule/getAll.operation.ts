import type { IExecuteFunctions } from 'n8n-workflow';

import { limitOf, returnAllProperties } from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import { defaultDomain } from '../../../shared/transport';
import { listRules } from './archiveRules';

interface Input {
	domain: string;
	limit?: number;
}

export const getAll: Operation<Input> = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many archive rules',
	description: "List the organisation's mail-archiving rules, oldest first",
	properties: returnAllProperties,
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return { domain: await defaultDomain.call(this), limit: limitOf(item) };
	},

	async execute(this: IExecuteFunctions, { domain, limit }: Input, item: Item) {
		const rules = await listRules.call(this, domain, item.index);
		return limit === undefined ? rules : rules.slice(0, limit);
	},
};
