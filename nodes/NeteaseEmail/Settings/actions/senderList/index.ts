import type { Resource } from '../../../shared/framework/resource';
import { add, remove } from './changeEntries';
import { get } from './get.operation';

export const senderList: Resource = {
	value: 'senderList',
	name: 'Sender List',
	defaultOperation: 'get',
	operations: [get, add, remove],
};
