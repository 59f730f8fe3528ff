import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const mailList: Resource = {
	value: 'mailList',
	name: 'Mail List',
	defaultOperation: operations.getAll.value,
	operations: Object.values(operations),
};
