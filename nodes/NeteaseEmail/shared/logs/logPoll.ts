import { createHash } from 'crypto';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { PollSource } from '../trigger/poll';
import { readPollSettings } from '../trigger/poll';
import type { LogEntry } from './entries';
import type { SourcedRead } from './readAfter';
import { lastWholeSecond, readAfter } from './readAfter';
import type { LogSource } from './readLog';
import { readLog, SECOND } from './readLog';

/** How far back "Fetch Test Event" looks for an entry. */
const TEST_EVENT_LOOK_BACK_MS = 7 * 24 * 60 * 60 * SECOND;

/**
 * A log entry as a trigger polls it. Entries have no id: the position is the entry's time (epoch
 * ms, whole seconds) and the id a hash of the query and the entry's fields, numbered when several
 * identical entries share a second (`…#1`, `…#2`).
 */
export interface PolledEntry<Entry extends LogEntry> extends SourcedRead<Entry> {
	position: number;
	id: string;
}

export interface LogPollOptions<Entry extends LogEntry> {
	/** The queries of the log: several are read together (e.g. web and client logins). */
	sources(this: IPollFunctions): Promise<Array<LogSource<Entry>>>;
	/** Which entries "Fetch Test Event" may show: the newest such one of the last 7 days. */
	testable?(this: IPollFunctions, entry: Entry): boolean;
	/** The item of an entry, or `undefined` to pass over it without one. */
	output(
		this: IPollFunctions,
		read: PolledEntry<Entry>,
	): Promise<IDataObject | undefined> | IDataObject | undefined;
}

/** The platform's fields in a fixed order: the same entry always hashes the same. */
function fingerprint(key: string, raw: IDataObject): string {
	const fields = Object.keys(raw)
		.sort()
		.map((name) => [name, raw[name]]);
	return createHash('sha256')
		.update(`${key}\n${JSON.stringify(fields)}`)
		.digest('base64url')
		.slice(0, 22);
}

/** Ids for entries read together: every entry of a second must be among them. */
export function identify<Entry extends LogEntry>(
	reads: Array<SourcedRead<Entry>>,
): Array<PolledEntry<Entry>> {
	const occurrences = new Map<string, number>();
	return reads.map((read) => {
		const hash = fingerprint(read.key, read.raw);
		const slot = `${read.timestamp} ${hash}`;
		const repeat = occurrences.get(slot) ?? 0;
		occurrences.set(slot, repeat + 1);
		return { ...read, position: read.timestamp, id: repeat === 0 ? hash : `${hash}#${repeat}` };
	});
}

/**
 * A log as a poll source. The first activation starts at the current second, the entries already
 * in it seen (one call per query), or at the backfill's start; each poll reads from the cursor's
 * second to the last whole second (one call per query when nothing is new); "Fetch Test Event"
 * shows the newest entry it may.
 */
export function logPollSource<Entry extends LogEntry>(
	options: LogPollOptions<Entry>,
): PollSource<PolledEntry<Entry>> {
	return {
		async start(backfillMs) {
			const sources = await options.sources.call(this);
			if (backfillMs > 0) {
				// Just before a whole second: entries of that second on are new.
				return { position: Math.floor((Date.now() - backfillMs) / SECOND) * SECOND - 1, seen: [] };
			}
			// From now: the entries already there in the current second are seen.
			const second = Math.floor(Date.now() / SECOND) * SECOND;
			const range = { start: second, end: second };
			const reads: Array<SourcedRead<Entry>> = [];
			for (const source of sources) {
				for (const { raw, entry } of await readLog(this, { sources: [source], range })) {
					if (entry.timestamp !== null) {
						reads.push({ raw, entry, key: source.key, timestamp: entry.timestamp });
					}
				}
			}
			return { position: second, seen: identify(reads).map(({ id }) => id) };
		},

		async read(cursor) {
			const sources = await options.sources.call(this);
			const { maxItems } = readPollSettings.call(this);
			const want = maxItems + cursor.seen.length;
			return identify(await readAfter(this, { sources, cursor, want }));
		},

		async newest() {
			const sources = await options.sources.call(this);
			const end = lastWholeSecond() + SECOND;
			const { testable } = options;
			const reads = await readLog(this, {
				sources,
				range: { start: end - TEST_EVENT_LOOK_BACK_MS, end },
				limit: 1,
				matches: testable && ((entry: Entry) => testable.call(this, entry)),
			});
			const [newest] = identify(
				reads.flatMap(({ raw, entry }) =>
					entry.timestamp === null ? [] : [{ raw, entry, key: '', timestamp: entry.timestamp }],
				),
			);
			return newest;
		},

		place: ({ position, id }) => ({ position, id }),

		output(read) {
			return options.output.call(this, read);
		},
	};
}
