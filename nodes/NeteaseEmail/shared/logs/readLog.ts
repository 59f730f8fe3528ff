import type { IDataObject } from 'n8n-workflow';

import { formatChinaTime } from '../helpers/chinaTime';
import type { ApiContext } from '../transport';
import { apiRequestAllItems, refusalMarker } from '../transport';
import type { EndpointKey } from '../transport/endpoints';
import type { LogEntry } from './entries';

/** Both ends included, whole seconds (the platform's times have no milliseconds), epoch ms. */
export interface TimeRange {
	start: number;
	end: number;
}

export const SECOND = 1000;

/**
 * The longest range one query asks for (the sandbox's limit). A platform that refuses it anyway
 * (`LOG.TIMERANGE.TOOLONG`) gets the window halved until it accepts, for the rest of the walk.
 */
export const LOG_WINDOW_MS = 31 * 24 * 60 * 60 * SECOND;

/** The platform's refusal of a range longer than it takes. */
export const TOO_LONG = 'LOG.TIMERANGE.TOOLONG';

/** One log query: several are read together when the platform takes one account at a time, or for both login channels. */
export interface LogSource<Entry extends LogEntry> {
	key: EndpointKey;
	/** Domain and the filters the platform takes; times and paging are added per window. */
	body: IDataObject;
	/** The platform's entry in the node's stable shape. */
	simplify(raw: IDataObject): Entry;
}

export interface LogQuery<Entry extends LogEntry> {
	sources: Array<LogSource<Entry>>;
	range: TimeRange;
	limit?: number;
	/** The filters the platform does not take, applied to each page as it is read. */
	matches?: (entry: Entry) => boolean;
	/** The item the query is for, named in errors; none for a trigger's poll. */
	itemIndex?: number;
}

/** An entry as the platform gave it and in the node's shape. */
export interface LogRead<Entry extends LogEntry> {
	raw: IDataObject;
	entry: Entry;
}

const newestFirst = <Entry extends LogEntry>(a: LogRead<Entry>, b: LogRead<Entry>) =>
	(b.entry.timestamp ?? 0) - (a.entry.timestamp ?? 0);

/** Every source's entries of one window, newest first, or the platform's refusal of its length. */
async function readWindow<Entry extends LogEntry>(
	context: ApiContext,
	{ sources, matches, itemIndex }: LogQuery<Entry>,
	window: TimeRange,
	limit: number | undefined,
): Promise<{ reads: Array<LogRead<Entry>> } | { tooLong: unknown }> {
	const times = { startTime: formatChinaTime(window.start), endTime: formatChinaTime(window.end) };
	const reads: Array<LogRead<Entry>> = [];
	for (const { key, body, simplify } of sources) {
		const answer = await apiRequestAllItems
			.call(
				context,
				key,
				{ ...body, ...times },
				{ itemIndex, limit, keep: matches && ((raw) => matches(simplify(raw))) },
			)
			.then(
				(page) => ({ page }),
				(failure: unknown) => ({ failure }),
			);
		if ('failure' in answer) {
			// The transport's errors are NodeApiErrors already worded for the user: passed on as they are.
			if (refusalMarker(answer.failure) === TOO_LONG) {
				return { tooLong: answer.failure };
			}
			throw answer.failure;
		}
		const { page } = answer;
		reads.push(...page.map((raw) => ({ raw, entry: simplify(raw) })));
	}
	if (sources.length > 1) reads.sort(newestFirst);
	return { reads: limit === undefined ? reads : reads.slice(0, limit) };
}

/**
 * The entries of the whole range, newest first: the range is walked in windows the platform
 * accepts, newest window first, each read page by page; stops as soon as `limit` entries are in.
 * Takes the context as an argument, not as `this`, so that `Entry` is inferred from the query.
 */
export async function readLog<Entry extends LogEntry>(
	context: ApiContext,
	query: LogQuery<Entry>,
): Promise<Array<LogRead<Entry>>> {
	const { range, limit } = query;
	const reads: Array<LogRead<Entry>> = [];
	let span = LOG_WINDOW_MS;
	for (let end = range.end; end >= range.start; ) {
		const wanted = limit === undefined ? undefined : limit - reads.length;
		if (wanted !== undefined && wanted <= 0) break;
		const start = Math.max(range.start, end - span + SECOND);
		const window = await readWindow(context, query, { start, end }, wanted);
		if ('tooLong' in window) {
			if (start === end) throw window.tooLong;
			span = Math.ceil((end - start + SECOND) / 2 / SECOND) * SECOND;
			continue;
		}
		reads.push(...window.reads);
		end = start - SECOND;
	}
	return reads;
}
