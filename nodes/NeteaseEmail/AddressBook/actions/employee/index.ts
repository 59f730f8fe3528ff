import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const employee: Resource = {
	value: 'employee',
	name: 'Employee',
	defaultOperation: operations.onboard.value,
	operations: Object.values(operations),
};
