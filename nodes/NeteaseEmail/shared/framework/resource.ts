import type { INodeProperties } from 'n8n-workflow';

import { withRequestOptions } from '../descriptions/options';

import type { Operation } from './operation';
import { confirmProperties, readOnlyProperty } from './safety';

/** A resource of a node: its operations, each contributing one option and its own parameters. */
export interface Resource {
	value: string;
	name: string;
	operations: Operation[];
	defaultOperation: string;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** Shows each property only for its resource and operation, keeping its own conditions. */
function scoped(resource: string, operation: string, properties: INodeProperties[]) {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { resource: [resource], operation: [operation], ...property.displayOptions?.show },
		},
	}));
}

function resourceProperties({ value, defaultOperation, operations }: Resource): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [value] } },
			options: [...operations].sort(byName).map((operation) => ({
				name: operation.name,
				value: operation.value,
				description: operation.description,
				action: operation.action,
			})),
			default: defaultOperation,
		},
		...operations.flatMap((operation) =>
			scoped(value, operation.value, [
				...withRequestOptions(operation.properties),
				...confirmProperties(operation),
			]),
		),
	];
}

/**
 * A node's parameters: the Resource selector, then each resource's operations and parameters, then
 * Read Only.
 */
export function nodeProperties(resources: Resource[]): INodeProperties[] {
	const defaultResource = resources[0].value;
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [...resources].sort(byName).map(({ name, value }) => ({ name, value })),
			default: defaultResource,
		},
		...resources.flatMap(resourceProperties),
		readOnlyProperty,
	];
}
