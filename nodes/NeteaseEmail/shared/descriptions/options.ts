import type { INodeProperties } from 'n8n-workflow';

import type { Item } from '../framework/item';
import { numberOf, validateLimit } from '../helpers/validation';
import { DEFAULT_TIMEOUT_SECONDS } from '../transport/timeouts';

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return a simplified version of the response instead of the raw data. When an AI agent runs this node as a tool, the output is always simplified.',
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

const MAX_TIMEOUT_SECONDS = 600;

/** Every action operation's Options offer it (see `withRequestOptions`); the transport applies it. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		'Seconds to wait for each answer of the platform. A read without an answer in time is asked again. A write is never simply sent again: the node first looks up whether it took effect, and only sends it again when it did not (where that cannot be looked up, the item fails saying the outcome is unknown).',
};

const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** An operation's properties with Timeout in its Options collection (one is added when it has none). */
export function withRequestOptions(properties: INodeProperties[]): INodeProperties[] {
	const index = properties.findIndex((property) => property.name === 'options');
	if (index === -1) return [...properties, optionsCollection([timeoutOption])];
	const collection = properties[index];
	const options = [...(collection.options as INodeProperties[]), timeoutOption].sort(byDisplayName);
	return properties.map((property, i) => (i === index ? { ...collection, options } : property));
}

/** Options → Timeout of an item, in milliseconds, checked. */
export function requestTimeoutMs(item: Item): number {
	const value =
		item.collection<{ timeout?: unknown }>('options').timeout ?? DEFAULT_TIMEOUT_SECONDS;
	const seconds = numberOf(value);
	if (seconds === undefined || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
		throw item
			.field('timeout')
			.invalid(
				`"${String(value)}" is not a number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}`,
				`Give how long to wait for each answer of the platform, e.g. ${DEFAULT_TIMEOUT_SECONDS}.`,
			);
	}
	return Math.round(seconds * 1000);
}
