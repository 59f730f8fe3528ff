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
import { readChanges } from './changeFeed';

interface Input {
	sinceRevision: number;
	limit?: number;
	simplify: boolean;
}

export const getChanges: Operation<Input> = {
	value: 'getChanges',
	name: 'Get Changes',
	action: 'Get the address book changes since a revision',
	description: 'Get the account and department changes made after a revision, oldest first',
	properties: [
		{
			displayName: 'Since Revision',
			name: 'sinceRevision',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			required: true,
			description:
				'Changes after this revision are returned; use the revision of the last change you processed, or 0 for the whole history',
		},
		...returnAllProperties,
		optionsCollection([simplifyOption]),
	],
	// Each item is a walk of its own; its revisions are fetched several at a time.
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const value = item.param<unknown>('sinceRevision');
		const sinceRevision = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (
			typeof sinceRevision !== 'number' ||
			!Number.isInteger(sinceRevision) ||
			sinceRevision < 0
		) {
			throw item
				.field('sinceRevision')
				.invalid(
					`"${String(value)}" is not a whole number of 0 or more`,
					'Use the revision of the last change you processed, or 0 for the whole history.',
				);
		}
		return { sinceRevision, limit: limitOf(item), simplify: wantsSimplified(item) };
	},

	async execute(this: IExecuteFunctions, { sinceRevision, limit, simplify }: Input, item: Item) {
		return await readChanges(this, sinceRevision, limit, { itemIndex: item.index, simplify });
	},
};
