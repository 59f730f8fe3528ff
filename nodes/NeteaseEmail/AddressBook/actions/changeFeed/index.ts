import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const changeFeed: Resource = {
	value: 'changeFeed',
	name: 'Change Feed',
	defaultOperation: operations.getChanges.value,
	operations: Object.values(operations),
};
