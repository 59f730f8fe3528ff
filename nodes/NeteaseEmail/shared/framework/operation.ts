import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Item } from './item';

/**
 * One operation of a resource, declared in one file: what the editor shows (value, name, action,
 * description, properties) beside what it does. `prepare` reads and checks an item's parameters and
 * may look things up, but never writes; the router prepares every item before anything is executed,
 * so bad input stops a run before it changes anything.
 */
/** An output item that carries files (binary data) besides its JSON. */
export class FileItem {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

export type OperationOutput = IDataObject | FileItem | Array<IDataObject | FileItem>;

/**
 * What running an operation does to the organisation: `nothing` (it only reads), `writes`, or
 * `destructive` (it removes or cuts off something people rely on, or changes an organisation-wide
 * setting). Read Only refuses all but `nothing`; an AI agent must confirm `destructive` ones.
 */
export type Changes = 'nothing' | 'writes' | 'destructive';

/** The output fields that hold a mail's plain-text and HTML bodies. */
export interface MailBodyFields {
	text: string;
	html: string;
}

interface OperationBase<Input> {
	value: string;
	name: string;
	action: string;
	description: string;
	/** Only where its value misleads: else derived from the value (see framework/safety.ts). */
	changes?: Changes;
	/**
	 * Where its output holds a mail's bodies: an AI agent running the node as a tool reads them as
	 * one plain-text body (framework/toolOutput.ts).
	 */
	mailBody?: MailBodyFields;
	properties: INodeProperties[];
	prepare(this: IExecuteFunctions, item: Item): Promise<Input>;
}

/** Runs item by item: the usual kind. */
export interface ItemOperation<Input> extends OperationBase<Input> {
	/** How many items may run at once; operations whose items depend on each other keep 1. */
	concurrency?: number;
	execute(this: IExecuteFunctions, input: Input, item: Item): Promise<OperationOutput>;
	executeBatch?: never;
}

/**
 * Runs all prepared items in one go, for operations that plan across items (an import whose rows
 * come one per item). Returns each item's output items by item index.
 */
export interface BatchOperation<Input> extends OperationBase<Input> {
	executeBatch(
		this: IExecuteFunctions,
		inputs: Map<number, Input>,
	): Promise<Map<number, OperationOutput>>;
}

export type Operation<Input = unknown> = ItemOperation<Input> | BatchOperation<Input>;

/**
 * Items that do not depend on each other run this many at once, enough to hide the platform's
 * latency; the transport's pacing keeps the run under the platform's rate limit.
 */
export const PARALLEL_ITEMS = 10;
