import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const mailbox: Resource = {
	value: 'mailbox',
	name: 'Mailbox',
	defaultOperation: operations.getUnreadCount.value,
	operations: Object.values(operations),
};
