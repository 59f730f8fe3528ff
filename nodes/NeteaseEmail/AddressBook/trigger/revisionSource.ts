import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PollSource } from '../../shared/trigger/poll';
import { readPollSettings } from '../../shared/trigger/poll';
import { latestRevision, readChanges, readRevisions } from '../actions/changeFeed/changeFeed';
import { ALL_EVENTS, eventOf } from './events';

/** How far back "Fetch Test Event" looks for a change among the chosen events. */
const TEST_EVENT_LOOK_BACK = 20;

interface TriggerSettings {
	events: Set<string>;
	simplify: boolean;
}

function readSettings(this: IPollFunctions): TriggerSettings {
	const events = this.getNodeParameter('events', ALL_EVENTS) as string[];
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Events has none chosen', {
			description: 'Choose at least one event to trigger on.',
		});
	}
	const { simplify } = this.getNodeParameter('options', {}) as { simplify?: boolean };
	return { events: new Set(events), simplify: simplify ?? true };
}

/**
 * The address-book revision feed as a poll source: the cursor's position is the last revision
 * passed, and each revision (one change) is its own id. A poll walks at most Max Items per Poll
 * revisions; when nothing changed it costs the one latest-revision call.
 */
export const revisionSource: PollSource<IDataObject> = {
	async start() {
		readSettings.call(this);
		return { position: await latestRevision(this), seen: [] };
	},

	async read(cursor) {
		const { simplify } = readSettings.call(this);
		const { maxItems } = readPollSettings.call(this);
		return await readChanges(this, cursor.position, maxItems, { simplify });
	},

	async newest() {
		const { events, simplify } = readSettings.call(this);
		const chosen = (change: IDataObject) => events.has(eventOf(change));
		const latest = await latestRevision(this);
		if (latest === 0) return undefined;
		const [newest] = await readRevisions(this, latest - 1, latest, { simplify });
		if (chosen(newest)) return newest;
		const since = Math.max(0, latest - 1 - TEST_EVENT_LOOK_BACK);
		const earlier = await readRevisions(this, since, latest - 1, { simplify });
		return earlier.reverse().find(chosen);
	},

	place(change) {
		return { position: Number(change.revision), id: String(change.revision) };
	},

	output(change) {
		const event = eventOf(change);
		return readSettings.call(this).events.has(event) ? { event, ...change } : undefined;
	},
};
