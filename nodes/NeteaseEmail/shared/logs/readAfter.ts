import type { IDataObject } from 'n8n-workflow';

import { formatChinaTime } from '../helpers/chinaTime';
import type { ApiContext } from '../transport';
import { tryApiRequest } from '../transport';
import type { Cursor } from '../trigger/cursor';
import type { LogEntry } from './entries';
import type { LogRead, LogSource, TimeRange } from './readLog';
import { LOG_WINDOW_MS, SECOND, TOO_LONG } from './readLog';

const PAGE_SIZE = 100;

/** An entry read for a trigger: which query gave it, and its time (entries without one are dropped). */
export interface SourcedRead<Entry extends LogEntry> extends LogRead<Entry> {
	key: string;
	timestamp: number;
}

export interface AfterQuery<Entry extends LogEntry> {
	sources: Array<LogSource<Entry>>;
	cursor: Cursor;
	/** How many entries after the cursor the caller will take at most. */
	want: number;
}

/** Every entry of a time range up to `through` (included): none of them is missing. */
interface Prefix<Entry extends LogEntry> {
	reads: Array<SourcedRead<Entry>>;
	through: number;
}

type Refused = { tooLong: unknown };

interface Page<Entry extends LogEntry> {
	reads: Array<SourcedRead<Entry>>;
	/** Entries the page listed, with or without a time. */
	size: number;
	count?: number;
}

/**
 * The last second that is over. The platform still writes entries of the current second while a
 * poll reads; a range that ends before it keeps the same entries on the same pages between calls.
 */
export function lastWholeSecond(now = Date.now()): number {
	return Math.floor(now / SECOND) * SECOND - SECOND;
}

async function readPage<Entry extends LogEntry>(
	context: ApiContext,
	{ key, body, simplify }: LogSource<Entry>,
	window: TimeRange,
	pageNum: number,
): Promise<Page<Entry> | Refused> {
	const times = { startTime: formatChinaTime(window.start), endTime: formatChinaTime(window.end) };
	const answer = await tryApiRequest.call(context, key, {
		...body,
		...times,
		pageNum,
		pageSize: PAGE_SIZE,
	});
	if ('refusal' in answer) {
		if (answer.refusal.marker === TOO_LONG) return { tooLong: answer.refusal.error };
		throw answer.refusal.error;
	}
	const list = Array.isArray(answer.data?.list) ? (answer.data.list as IDataObject[]) : [];
	const reads: Array<SourcedRead<Entry>> = [];
	for (const raw of list) {
		const entry = simplify(raw);
		if (entry.timestamp !== null) reads.push({ raw, entry, key, timestamp: entry.timestamp });
	}
	const count = typeof answer.data?.count === 'number' ? answer.data.count : undefined;
	return { reads, size: list.length, count };
}

/**
 * The oldest entries of one query in a window: at least `want` of them, or all. The platform lists
 * newest first, so the oldest are on the last pages: they are read from the last page back, and
 * the newest second read is left out until the page before it shows it whole.
 */
async function readOldest<Entry extends LogEntry>(
	context: ApiContext,
	source: LogSource<Entry>,
	window: TimeRange,
	{ cursor, want }: AfterQuery<Entry>,
): Promise<Prefix<Entry> | Refused> {
	const first = await readPage(context, source, window, 1);
	if ('tooLong' in first) return first;
	const { count } = first;
	if (count !== undefined && count <= first.size) {
		return { reads: first.reads, through: window.end };
	}
	if (count === undefined || first.size === 0) {
		return await readForward(context, source, window, first);
	}
	// Idle with more entries in the cursor's second than one page holds: all of them seen already.
	const newest = first.reads[0]?.timestamp;
	if (newest === cursor.position && count <= cursor.seen.length) {
		return { reads: [], through: window.end };
	}
	// A full first page shows the platform's page size (it may serve fewer than asked for).
	const size = first.size;
	const last = Math.ceil(count / size);
	const older: Array<SourcedRead<Entry>> = [];
	for (let pageNum = last; pageNum > 1; pageNum--) {
		const page = await readPage(context, source, window, pageNum);
		if ('tooLong' in page) return page;
		// Not the pages expected: read them all in order instead.
		if (page.size !== (pageNum === last ? count - (last - 1) * size : size)) {
			return await readForward(context, source, window, first);
		}
		older.push(...page.reads);
		const partial = page.reads[0]?.timestamp;
		if (partial === undefined) continue;
		const complete = older.filter(({ timestamp }) => timestamp < partial);
		if (complete.length >= want) return { reads: complete, through: partial - SECOND };
	}
	return { reads: [...first.reads, ...older], through: window.end };
}

/** Every page newest first: until the count is reached, or without one until a short page. */
async function readForward<Entry extends LogEntry>(
	context: ApiContext,
	source: LogSource<Entry>,
	window: TimeRange,
	first: Page<Entry>,
): Promise<Prefix<Entry> | Refused> {
	const reads = [...first.reads];
	let seen = first.size;
	let size = first.size;
	const more = () => (first.count !== undefined ? seen < first.count : size === first.size);
	for (let pageNum = 2; size > 0 && more(); pageNum++) {
		const page = await readPage(context, source, window, pageNum);
		if ('tooLong' in page) return page;
		reads.push(...page.reads);
		size = page.size;
		seen += size;
	}
	return { reads, through: window.end };
}

/**
 * The entries from the cursor's second on, oldest windows first, up to the last whole second:
 * every entry up to some time (none missing before it), at least `want` of them when there are.
 * Nothing new costs one call per query: the range then holds only the cursor's own second.
 */
export async function readAfter<Entry extends LogEntry>(
	context: ApiContext,
	query: AfterQuery<Entry>,
): Promise<Array<SourcedRead<Entry>>> {
	const end = lastWholeSecond();
	const reads: Array<SourcedRead<Entry>> = [];
	let span = LOG_WINDOW_MS;
	for (let start = Math.ceil(query.cursor.position / SECOND) * SECOND; start <= end; ) {
		const window = { start, end: Math.min(end, start + span - SECOND) };
		const prefixes: Array<Prefix<Entry>> = [];
		let refused: Refused | undefined;
		for (const source of query.sources) {
			const prefix = await readOldest(context, source, window, query);
			if ('tooLong' in prefix) {
				refused = prefix;
				break;
			}
			prefixes.push(prefix);
		}
		if (refused) {
			if (window.start === window.end) throw refused.tooLong;
			span = Math.ceil((window.end - window.start + SECOND) / 2 / SECOND) * SECOND;
			continue;
		}
		// Several queries: only as far as every one of them is whole.
		const through = Math.min(...prefixes.map((prefix) => prefix.through));
		for (const prefix of prefixes) {
			reads.push(...prefix.reads.filter(({ timestamp }) => timestamp <= through));
		}
		if (through < window.end || reads.length >= query.want) break;
		start = window.end + SECOND;
	}
	return reads;
}
