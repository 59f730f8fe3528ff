import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const loginLink: Resource = {
	value: 'loginLink',
	name: 'Login Link',
	defaultOperation: operations.get.value,
	operations: Object.values(operations),
};
