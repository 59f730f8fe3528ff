import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const contact: Resource = {
	value: 'contact',
	name: 'Contact',
	defaultOperation: operations.getAll.value,
	operations: Object.values(operations),
};
