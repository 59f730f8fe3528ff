import type { IExecuteFunctions } from 'n8n-workflow';

import type { Target } from '../../../shared/directory/targets';
import { readTarget, targetProperties, wireTarget } from '../../../shared/directory/targets';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { textOf, validateChoice } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import { accessOutput, MODULES, readModules, TARGET_SUBJECT } from './loginAccess';

interface Input {
	target: Target;
	modules: string[];
}

export const set: Operation<Input> = {
	value: 'set',
	name: 'Set',
	action: 'Set single sign-on access',
	description:
		'Choose the web mail functions a department or role may open through single sign-on; the others are closed to it',
	properties: [
		...targetProperties(TARGET_SUBJECT),
		{
			displayName: 'Functions',
			name: 'modules',
			type: 'multiOptions',
			default: ['mail'],
			required: true,
			options: MODULES,
			description: 'What a one-click login may open; the others stay closed to it',
		},
	],
	// Items may name the same target: read-compare-write one at a time.
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const field = item.field('modules');
		const given = item.param<unknown>('modules', []);
		// An expression may give the functions as a list or as "mail, contacts".
		const list = Array.isArray(given) ? given.map(String) : textOf(field, given).split(',');
		const chosen = list.map((value) => value.trim()).filter(Boolean);
		const modules = [...new Set(chosen.map((value) => validateChoice(field, value, MODULES)))];
		modules.sort();
		if (modules.length === 0) {
			throw field.invalid('is empty', 'Choose at least one function, e.g. Mail.');
		}
		return { target: await readTarget.call(this, item), modules };
	},

	async execute(this: IExecuteFunctions, { target, modules }: Input, item: Item) {
		const current = await readModules.call(this, target, item.index);
		const changed = current.join(',') !== modules.join(',');
		if (changed) {
			const body = { ...wireTarget(target), modules: modules.join(',') };
			await apiRequest.call(this, 'loginAccess.update', body, { itemIndex: item.index });
		}
		return { ...accessOutput(target, modules), previous: current, changed };
	},
};
