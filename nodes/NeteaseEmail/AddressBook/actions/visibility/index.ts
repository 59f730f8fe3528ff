import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const visibility: Resource = {
	value: 'visibility',
	name: 'Address Book Visibility',
	defaultOperation: operations.setAccountVisibility.value,
	operations: Object.values(operations),
};
