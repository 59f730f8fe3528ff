import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const receivedMailLog: Resource = {
	value: 'receivedMailLog',
	name: 'Received Mail Log',
	defaultOperation: operations.getAll.value,
	operations: Object.values(operations),
};
