import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const loginAccess: Resource = {
	value: 'loginAccess',
	name: 'Login Access',
	defaultOperation: operations.get.value,
	operations: Object.values(operations),
};
