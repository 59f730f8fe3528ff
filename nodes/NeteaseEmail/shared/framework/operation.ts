import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * One operation of the node. `prepare` reads and checks an item's parameters and may look things
 * up, but never writes; the router prepares every item before `execute` sends any write, so bad
 * input stops a run before it changes anything.
 */
export interface Operation<Input = IDataObject> {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Promise<Input>;
	execute(
		this: IExecuteFunctions,
		input: Input,
		itemIndex: number,
	): Promise<IDataObject | IDataObject[]>;
	/** How many items may run at once; operations whose items depend on each other keep 1. */
	concurrency?: number;
}

/**
 * Account calls are independent of each other: this many run at once, enough to hide the
 * platform's latency; the transport's pacing keeps the run under the platform's rate limit.
 */
export const ACCOUNT_CONCURRENCY = 10;
