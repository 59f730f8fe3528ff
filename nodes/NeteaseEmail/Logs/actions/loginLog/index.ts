import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const loginLog: Resource = {
	value: 'loginLog',
	name: 'Login Log',
	defaultOperation: operations.getAll.value,
	operations: Object.values(operations),
};
