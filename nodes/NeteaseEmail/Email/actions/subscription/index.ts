import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const subscription: Resource = {
	value: 'subscription',
	name: 'New-Mail Subscription',
	defaultOperation: operations.register.value,
	operations: Object.values(operations),
};
