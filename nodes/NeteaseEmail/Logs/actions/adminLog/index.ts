import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const adminLog: Resource = {
	value: 'adminLog',
	name: 'Admin Operation Log',
	defaultOperation: operations.getAll.value,
	operations: Object.values(operations),
};
