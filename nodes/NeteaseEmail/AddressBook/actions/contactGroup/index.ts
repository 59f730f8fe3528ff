import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const contactGroup: Resource = {
	value: 'contactGroup',
	name: 'Contact Group',
	defaultOperation: operations.getAll.value,
	operations: Object.values(operations),
};
