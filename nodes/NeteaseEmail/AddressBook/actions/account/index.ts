import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const account: Resource = {
	value: 'account',
	name: 'Account',
	defaultOperation: operations.get.value,
	operations: Object.values(operations),
};
