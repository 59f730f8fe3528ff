import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const sentMailLog: Resource = {
	value: 'sentMailLog',
	name: 'Sent Mail Log',
	defaultOperation: operations.getAll.value,
	operations: Object.values(operations),
};
