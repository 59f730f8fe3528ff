import type { Resource } from '../../../shared/framework/resource';
import { create } from './create.operation';
import { remove } from './delete.operation';
import { getAll } from './getAll.operation';

export const archiveRule: Resource = {
	value: 'archiveRule',
	name: 'Archive Rule',
	defaultOperation: getAll.value,
	operations: [create, getAll, remove],
};
