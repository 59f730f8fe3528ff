import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const message: Resource = {
	value: 'message',
	name: 'Message',
	defaultOperation: operations.send.value,
	operations: Object.values(operations),
};
