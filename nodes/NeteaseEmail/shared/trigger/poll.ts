import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';

import type { Cursor, Place } from './cursor';
import { takeNew } from './cursor';

/**
 * What a polling trigger reads. `read` gets the cursor and returns every entry after it that
 * exists, or every one up to some point when there are more than Max Items per Poll (none missing
 * before that point: the next poll reads on from there); it may return older ones too. It should
 * cost one call when nothing is new.
 */
export interface PollSource<Entry> {
	/** Where a first activation starts: now, or `backfillMs` before now. */
	start(this: IPollFunctions, backfillMs: number): Promise<Cursor>;
	read(this: IPollFunctions, cursor: Cursor): Promise<Entry[]>;
	/** The newest entry, for the editor's "Fetch Test Event"; undefined when there is none. */
	newest(this: IPollFunctions): Promise<Entry | undefined>;
	place(entry: Entry): Place;
	/**
	 * The item an entry emits; `undefined` when the user did not ask for entries like it: it is
	 * passed over (the cursor moves past it) without an item.
	 */
	output(
		this: IPollFunctions,
		entry: Entry,
	): Promise<IDataObject | undefined> | IDataObject | undefined;
	/**
	 * Optional filter applied before Max Items per Poll: an entry it refuses is passed over (the
	 * cursor moves past it) and does not count towards the maximum, so it cannot hold back others.
	 */
	keep?(entry: Entry): boolean;
	/** Optional: how far before the cursor's position new entries may still appear (`takeNew`). */
	lateness?: number;
}

export interface PollSettings {
	maxItems: number;
	backfillMs: number;
}

interface PollState extends IDataObject {
	cursor?: IDataObject;
}

/** Max Items per Poll and the first activation's backfill, shared by every polling trigger. */
export const pollProperties: INodeProperties[] = [
	{
		displayName: 'Max Items per Poll',
		name: 'maxItems',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 100,
		description:
			'The most items one poll emits, oldest first; the rest are emitted by the next polls, never dropped',
	},
	{
		displayName: 'On First Activation',
		name: 'backfillHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'How many hours back the first activation starts from; 0 starts from now, so only what happens afterwards triggers',
	},
];

export function readPollSettings(this: IPollFunctions): PollSettings {
	const maxItems = Number(this.getNodeParameter('maxItems', 100));
	const backfillHours = Number(this.getNodeParameter('backfillHours', 0));
	return {
		maxItems: Number.isInteger(maxItems) && maxItems > 0 ? maxItems : 100,
		backfillMs: Math.max(0, backfillHours) * 60 * 60 * 1000,
	};
}

/**
 * One poll with exactly-once delivery: reads after the cursor kept in the workflow's static data,
 * emits at most Max Items per Poll oldest first, and moves the cursor only past what it emits or
 * passes over. A failed poll throws (so n8n's error workflow fires) and leaves the cursor where it
 * was. "Fetch Test Event" emits the newest entry and leaves the cursor alone.
 */
export async function poll<Entry>(
	this: IPollFunctions,
	source: PollSource<Entry>,
): Promise<INodeExecutionData[][] | null> {
	if (this.getMode() === 'manual') {
		const newest = await source.newest.call(this);
		const json = newest === undefined ? undefined : await source.output.call(this, newest);
		return json ? [[{ json }]] : null;
	}
	const { maxItems, backfillMs } = readPollSettings.call(this);
	const state = this.getWorkflowStaticData('node') as PollState;
	if (!state.cursor) {
		state.cursor = { ...(await source.start.call(this, backfillMs)) };
		// A backfill has entries waiting; from now, there is nothing yet.
		if (backfillMs === 0) return null;
	}
	const cursor = state.cursor as unknown as Cursor;
	const entries = await source.read.call(this, cursor);
	const { taken, cursor: next } = takeNew(entries, cursor, source.place, maxItems, {
		keep: source.keep?.bind(source),
		lateness: source.lateness,
	});
	// The same cursor back: nothing was passed, not even filtered-out entries.
	if (next === cursor) return null;
	const items: INodeExecutionData[] = [];
	for (const entry of taken) {
		const json = await source.output.call(this, entry);
		if (json) items.push({ json });
	}
	state.cursor = { ...next };
	return items.length > 0 ? [items] : null;
}
