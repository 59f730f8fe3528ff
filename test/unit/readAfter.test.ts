import type { IDataObject } from 'n8n-workflow';

import { entryTime } from '../../nodes/NeteaseEmail/shared/logs/entries';
import { identify } from '../../nodes/NeteaseEmail/shared/logs/logPoll';
import { readAfter } from '../../nodes/NeteaseEmail/shared/logs/readAfter';
import type { SentRequest } from './fake-context';
import { fakeContext, ok } from './fake-context';

const SECOND = 1000;
const china = (epochMs: number) =>
	new Date(epochMs + 8 * 3600 * SECOND).toISOString().slice(0, 19).replace('T', ' ');
const parseChina = (text: unknown) => Date.parse(`${String(text).replace(' ', 'T')}+08:00`);

/** A log of `total` entries, three a second, an hour ago: listed newest first, paged. */
function logOf(total: number, { maxPerPage = Infinity, withCount = true } = {}) {
	const base = Math.floor((Date.now() - 3600 * SECOND) / SECOND) * SECOND;
	const entries = Array.from({ length: total }, (_, n) => ({
		time: china(base + Math.floor(n / 3) * SECOND),
		n,
	})).reverse();
	const respond = (request: SentRequest) => {
		const start = parseChina(request.body.startTime);
		const end = parseChina(request.body.endTime);
		const inRange = entries.filter(({ time }) => {
			const at = parseChina(time);
			return at >= start && at <= end;
		});
		const size = Math.min(Number(request.body.pageSize), maxPerPage);
		const from = (Number(request.body.pageNum) - 1) * size;
		const list = inRange.slice(from, from + size);
		return ok(withCount ? { list, count: inRange.length } : { list });
	};
	return { base, respond };
}

const source = {
	key: 'log.adminOperation' as const,
	body: { domain: 'example.com' },
	simplify: (raw: IDataObject) => ({ ...entryTime(raw.time), n: raw.n as number }),
};

/** What a poll may take from a read: every entry up to its newest time, none missing. */
function expectWholePrefix(ns: number[], total: number) {
	const newest = Math.max(...ns);
	// Three a second: everything up to the end of the newest second read.
	const through = Math.min(total - 1, Math.floor(newest / 3) * 3 + 2);
	expect([...ns].sort((a, b) => a - b)).toEqual(Array.from({ length: through + 1 }, (_, n) => n));
}

describe('readAfter: the oldest entries after a cursor, none missing', () => {
	test.each([
		['pages as asked', {}],
		['a platform serving 30 a page', { maxPerPage: 30 }],
		['no total count', { withCount: false }],
		['no total count, 30 a page', { withCount: false, maxPerPage: 30 }],
	])('%s', async (_name, options) => {
		const { base, respond } = logOf(250, options);
		const fake = fakeContext({ respond });
		const cursor = { position: base - 1, seen: [] };

		const reads = await readAfter(fake.context, { sources: [source], cursor, want: 101 });

		const ns = reads.map(({ entry }) => entry.n);
		expect(ns.length).toBeGreaterThanOrEqual(101);
		expectWholePrefix(ns, 250);
		// With a count, only the last pages are read.
		if ((options as { withCount?: boolean }).withCount !== false)
			expect(ns.length).toBeLessThan(250);
	});

	test('A cursor inside the log: its own second whole, older ones not read', async () => {
		const { base, respond } = logOf(250);
		const fake = fakeContext({ respond });
		const first = await readAfter(fake.context, {
			sources: [source],
			cursor: { position: base - 1, seen: [] },
			want: 10,
		});
		const taken = identify(first)
			.sort((a, b) => a.position - b.position)
			.slice(0, 10);
		const last = taken[taken.length - 1].position;
		const cursor = {
			position: last,
			seen: taken.filter(({ position }) => position === last).map(({ id }) => id),
		};

		const next = await readAfter(fake.context, {
			sources: [source],
			cursor,
			want: 10 + cursor.seen.length,
		});

		const ns = next.map(({ entry }) => entry.n);
		expect(Math.min(...ns)).toBe(9);
		expect(ns.length).toBeGreaterThanOrEqual(10 + cursor.seen.length);
	});
});
