import type { IExecuteFunctions } from 'n8n-workflow';

import type { Target } from '../../../shared/directory/targets';
import { readTarget, targetProperties } from '../../../shared/directory/targets';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import { accessOutput, readModules, TARGET_SUBJECT } from './loginAccess';

export const get: Operation<Target> = {
	value: 'get',
	name: 'Get',
	action: 'Get single sign-on access',
	description: 'Which web mail functions a department or role may open through single sign-on',
	properties: targetProperties(TARGET_SUBJECT),
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return await readTarget.call(this, item);
	},

	async execute(this: IExecuteFunctions, target: Target, item: Item) {
		return accessOutput(target, await readModules.call(this, target, item.index));
	},
};
