import type { Resource } from '../../../shared/framework/resource';
import * as operations from './operations';

export const directory: Resource = {
	value: 'directory',
	name: 'Directory',
	defaultOperation: operations.exportOperation.value,
	operations: Object.values(operations),
};
