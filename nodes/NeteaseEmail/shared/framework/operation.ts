import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Item } from './item';

/**
 * One operation of a resource, declared in one file: what the editor shows (value, name, action,
 * description, properties) beside what it does. `prepare` reads and checks an item's parameters and
 * may look things up, but never writes; the router prepares every item before `execute` sends any
 * write, so bad input stops a run before it changes anything.
 */
export interface Operation<Input = unknown> {
	value: string;
	name: string;
	action: string;
	description: string;
	properties: INodeProperties[];
	/** How many items may run at once; operations whose items depend on each other keep 1. */
	concurrency?: number;
	prepare(this: IExecuteFunctions, item: Item): Promise<Input>;
	execute(this: IExecuteFunctions, input: Input, item: Item): Promise<IDataObject | IDataObject[]>;
}

/**
 * Items that do not depend on each other run this many at once, enough to hide the platform's
 * latency; the transport's pacing keeps the run under the platform's rate limit.
 */
export const PARALLEL_ITEMS = 10;
