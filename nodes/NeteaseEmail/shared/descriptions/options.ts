import type { INodeProperties } from 'n8n-workflow';

import type { Item } from '../framework/item';
import { validateLimit } from '../helpers/validation';

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** Create operations: fail on a taken name, or return what is there (safe re-runs). */
export function ifExistsOption(thing: string, reuseNote: string): INodeProperties {
	return {
		displayName: 'If It Already Exists',
		name: 'ifExists',
		type: 'options',
		default: 'fail',
		options: [
			{ name: 'Fail', value: 'fail', description: 'Stop with an error' },
			{ name: `Return the Existing ${thing}`, value: 'reuse', description: reuseNote },
		],
	};
}

/** Reads the Simplify option of an operation's Options collection (default on). */
export function wantsSimplified(item: Item): boolean {
	return item.collection<{ simplify?: boolean }>('options').simplify ?? true;
}

/** Reads If It Already Exists from an operation's Options collection. */
export function reusesExisting(item: Item): boolean {
	return item.collection<{ ifExists?: string }>('options').ifExists === 'reuse';
}

export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The limit of Return All / Limit, checked; `undefined` for all. */
export function limitOf(item: Item): number | undefined {
	if (item.param<boolean>('returnAll')) return undefined;
	return validateLimit(item.field('limit'), item.param('limit'));
}
