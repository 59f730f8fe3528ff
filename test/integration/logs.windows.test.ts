import type { IDataObject } from 'n8n-workflow';

import { usePlatform } from '../support/netease';
import {
	chinaTime,
	DAY,
	distinctWindows,
	fromChina,
	HOUR,
	logCalls,
	logsRun,
	PATHS,
	QUERIES,
	SECOND,
	seed,
	windowsSent,
} from './logs.support';

/** 95 days, both ends included: 2026-01-01 00:00:00 to 2026-04-06 00:00:00 China time. */
const RANGE = { startTime: '2026-01-01T00:00:00+08:00', endTime: '2026-04-06T00:00:00+08:00' };
const START = fromChina('2026-01-01 00:00:00');
const END = fromChina('2026-04-06 00:00:00');
const WINDOW = 31 * DAY;
const TOO_LONG = { kind: 'code', code: -3, marker: 'LOG.TIMERANGE.TOOLONG' } as const;

/** Asserts windows (newest first) that cover [START, END] without gaps or overlaps, none longer than `longest`. */
function expectChain(windows: Array<[string, string]>, longest: number) {
	expect(windows[0][1]).toBe(chinaTime(END));
	expect(windows.at(-1)![0]).toBe(chinaTime(START));
	windows.forEach(([start, end], index) => {
		expect(fromChina(end) - fromChina(start) + SECOND).toBeLessThanOrEqual(longest);
		if (index > 0) expect(fromChina(end)).toBe(fromChina(windows[index - 1][0]) - SECOND);
	});
}

describe('NetEase Email Logs: time windows against the sandbox', () => {
	const platform = usePlatform();
	const webLogins = (extra: IDataObject = {}) =>
		logsRun(platform, { ...QUERIES.webLogin, ...RANGE, returnAll: true, ...extra });

	test('a 95-day range is read in four 31-day windows, newest first; entries on their edges come once', async () => {
		const windows: Array<[string, string]> = [
			['2026-03-06 00:00:01', '2026-04-06 00:00:00'],
			['2026-02-03 00:00:01', '2026-03-06 00:00:00'],
			['2026-01-03 00:00:01', '2026-02-03 00:00:00'],
			['2026-01-01 00:00:00', '2026-01-03 00:00:00'],
		];
		// Every window's first and last second, and one entry inside each.
		const edges = windows.flatMap(([start, end]) => [fromChina(start), fromChina(end)]);
		const inside = windows.map(([start]) => fromChina(start) + DAY);
		seed(platform, 'webLogin', [...edges, ...inside]);
		// Just outside the range: never returned.
		seed(platform, 'webLogin', [START - SECOND, END + SECOND]);

		const result = await webLogins();

		expect(result.success).toBe(true);
		expect(windowsSent(platform, PATHS.webLogin)).toEqual(windows);
		expectChain(windows, WINDOW);
		const expected = [...edges, ...inside].sort((a, b) => b - a);
		expect(result.json.map((entry) => entry.timestamp)).toEqual(expected);
	});

	test('a window the platform still finds too long is halved and retried; the rest of the walk keeps the shorter length', async () => {
		const times = Array.from({ length: 95 }, (_, n) => START + n * DAY + 12 * HOUR);
		seed(platform, 'webLogin', times);
		platform.sandbox.control.injectFault({ path: PATHS.webLogin, ...TOO_LONG });

		const result = await webLogins();

		expect(result.success).toBe(true);
		const sent = windowsSent(platform, PATHS.webLogin);
		expect(sent[0]).toEqual(['2026-03-06 00:00:01', '2026-04-06 00:00:00']);
		const half = WINDOW / 2;
		expect(sent[1]).toEqual([chinaTime(END - half + SECOND), chinaTime(END)]);
		const accepted = sent.slice(1);
		expect(accepted).toHaveLength(Math.ceil((END - START + SECOND) / half));
		expectChain(accepted, half);
		expect(result.json.map((entry) => entry.timestamp)).toEqual([...times].reverse());
	});

	test('halving stops at one second: a platform that refuses even that fails in plain words', async () => {
		platform.sandbox.control.injectFault({ path: PATHS.webLogin, ...TOO_LONG, times: 100 });
		const result = await logsRun(platform, {
			...QUERIES.webLogin,
			startTime: '2026-01-01T00:00:00+08:00',
			endTime: '2026-01-01T00:00:03+08:00',
			returnAll: true,
		});
		expect(result.success).toBe(false);
		expect(result.error?.message).toMatch(
			/The time range is longer than the platform allows for one log query \(LOG\.TIMERANGE\.TOOLONG, code -3\)/,
		);
		// 4 seconds, 2, then 1.
		expect(
			windowsSent(platform, PATHS.webLogin).map(
				([start, end]) => fromChina(end) - fromChina(start) + SECOND,
			),
		).toEqual([4 * SECOND, 2 * SECOND, SECOND]);
	});

	describe('Limit stops as soon as it is reached', () => {
		test('within the newest window: one request for one page of exactly the limit', async () => {
			seed(
				platform,
				'sentMail',
				Array.from({ length: 250 }, (_, n) => END - n * HOUR),
			);
			const result = await logsRun(platform, { ...QUERIES.sentMail, ...RANGE, limit: 5 });
			expect(result.json.map((entry) => entry.timestamp)).toEqual(
				[0, 1, 2, 3, 4].map((n) => END - n * HOUR),
			);
			const calls = logCalls(platform);
			expect(calls).toHaveLength(1);
			expect(calls[0].body).toMatchObject({ pageNum: 1, pageSize: 5 });
		});

		test('across windows: no page or window past the one that completes it', async () => {
			// 100 entries in each of the two newest windows, one in each older one.
			const newest = Array.from({ length: 100 }, (_, n) => END - n * HOUR);
			const second = Array.from({ length: 100 }, (_, n) => END - WINDOW - n * HOUR);
			seed(platform, 'adminOperation', [...newest, ...second, START + DAY, START]);
			const result = await logsRun(platform, { ...QUERIES.adminOperation, ...RANGE, limit: 150 });
			expect(result.json).toHaveLength(150);
			expect(result.json.map((entry) => entry.timestamp)).toEqual([
				...newest,
				...second.slice(0, 50),
			]);
			expect(distinctWindows(windowsSent(platform, PATHS.adminOperation))).toHaveLength(2);
			expect(
				logCalls(platform).map(({ body }) => [
					(body as IDataObject).pageNum,
					(body as IDataObject).pageSize,
				]),
			).toEqual([
				[1, 100],
				[1, 50],
			]);
		});
	});

	test('times in any zone are sent as China time, and entries come back in China time', async () => {
		seed(platform, 'receivedMail', [
			fromChina('2026-03-01 08:00:00'),
			fromChina('2026-03-01 07:59:59'),
		]);
		const result = await logsRun(platform, {
			...QUERIES.receivedMail,
			startTime: '2026-03-01T00:00:00Z',
			endTime: '2026-03-01T05:30:00-04:00',
			returnAll: true,
		});
		expect(windowsSent(platform, PATHS.receivedMail)).toEqual([
			['2026-03-01 08:00:00', '2026-03-01 17:30:00'],
		]);
		expect(result.json).toEqual([
			expect.objectContaining({
				time: '2026-03-01T08:00:00+08:00',
				timestamp: Date.parse('2026-03-01T00:00:00Z'),
			}),
		]);
	});
});
