import type { IExecuteFunctions } from 'n8n-workflow';

import type { Target } from '../../../shared/directory/targets';
import { readTarget, targetProperties } from '../../../shared/directory/targets';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import { readScope, scopeOutput } from './viewScope';

export const getViewScope: Operation<Target> = {
	value: 'getViewScope',
	name: 'Get View Scope',
	action: 'Get the view scope of a department or role',
	description: 'Get which part of the organisation a department or role can see',
	properties: targetProperties('view of the address book'),
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return await readTarget.call(this, item);
	},

	async execute(this: IExecuteFunctions, target: Target, item: Item) {
		const scope = await readScope.call(this, target, item.index);
		return await scopeOutput.call(this, target, scope, item.index);
	},
};
