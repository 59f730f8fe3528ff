import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
export function ifExistsOption(
	thing: 'Account' | 'Department',
	reuseNote: string,
): INodeProperties {
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
export function wantsSimplified(this: IExecuteFunctions, itemIndex: number): boolean {
	return (
		(this.getNodeParameter('options', itemIndex, {}) as { simplify?: boolean }).simplify ?? true
	);
}
