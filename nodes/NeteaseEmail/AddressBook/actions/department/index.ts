import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import { create } from './create.operation';
import { remove } from './delete.operation';
import { ensurePath } from './ensurePath.operation';
import { find } from './find.operation';
import { getAll } from './getAll.operation';
import { move } from './move.operation';
import { setRank } from './setRank.operation';

export const operations: Record<string, Operation<unknown>> = {
	create,
	delete: remove,
	ensurePath,
	find,
	getAll,
	move,
	setRank,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['department'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a department',
				action: 'Create a department',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an empty department',
				action: 'Delete a department',
			},
			{
				name: 'Ensure Path',
				value: 'ensurePath',
				description: 'Create each missing department along a path',
				action: 'Ensure a department path exists',
			},
			{
				name: 'Find',
				value: 'find',
				description: 'Find departments by name or path',
				action: 'Find departments',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List departments as a flat list or a tree',
				action: 'Get many departments',
			},
			{
				name: 'Move',
				value: 'move',
				description: 'Move a department under another parent',
				action: 'Move a department',
			},
			{
				name: 'Set Rank',
				value: 'setRank',
				description: "Set a department's sort position",
				action: 'Set a department rank',
			},
		],
		default: 'getAll',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
