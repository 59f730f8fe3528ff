import type { Resource } from '../framework/resource';
import { send } from './send.operation';

/** Offered by every action node: a raw call through the same transport as the operations. */
export const platformRequest: Resource = {
	value: 'platformRequest',
	name: 'Platform Request',
	defaultOperation: 'send',
	operations: [send],
};
