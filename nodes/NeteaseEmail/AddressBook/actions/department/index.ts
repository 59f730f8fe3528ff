import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const department: Resource = {
	value: 'department',
	name: 'Department',
	defaultOperation: operations.getAll.value,
	operations: Object.values(operations),
};
