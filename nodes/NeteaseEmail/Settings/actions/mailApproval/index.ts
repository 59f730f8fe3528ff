import type { Resource } from '../../../shared/framework/resource';
import { get } from './get.operation';
import { set } from './set.operation';

export const mailApproval: Resource = {
	value: 'mailApproval',
	name: 'Mail Approval',
	defaultOperation: 'get',
	operations: [get, set],
};
