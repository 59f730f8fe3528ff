import type { IDataObject } from 'n8n-workflow';

import type { LogKind } from '../../sandbox';
import { usePlatform } from '../support/netease';
import {
	DOMAIN,
	FEBRUARY,
	fromChina,
	HOUR,
	isoChina,
	KEYS,
	logCalls,
	logsRun,
	PATHS,
	QUERIES,
	seed,
} from './logs.support';

const KINDS = Object.keys(PATHS) as LogKind[];

describe('NetEase Email Logs against the sandbox', () => {
	const platform = usePlatform();
	const addEntries = (kind: LogKind, entries: IDataObject[]) =>
		platform.sandbox.control.addLogEntries({ kind, entries } as never);

	test.each(KINDS)(
		'%s: Return All reads three pages and returns every entry once, newest first, with the same keys',
		async (kind) => {
			const base = fromChina('2026-02-01 00:00:30');
			const times = Array.from({ length: 250 }, (_, n) => base + n * 2 * HOUR);
			// Seeded out of order: odd hours first.
			seed(platform, kind, [...times.filter((_, n) => n % 2), ...times.filter((_, n) => !(n % 2))]);

			const result = await logsRun(platform, { ...QUERIES[kind], ...FEBRUARY, returnAll: true });

			expect(result.success).toBe(true);
			expect(
				logCalls(platform).map(({ path, body }) => [path, (body as IDataObject).pageNum]),
			).toEqual([
				[PATHS[kind], 1],
				[PATHS[kind], 2],
				[PATHS[kind], 3],
			]);
			const newestFirst = [...times].sort((a, b) => b - a);
			expect(result.json.map((entry) => entry.timestamp)).toEqual(newestFirst);
			expect(result.json.map((entry) => entry.time)).toEqual(newestFirst.map(isoChina));
			for (const entry of result.json) {
				expect(Object.keys(entry)).toEqual(KEYS[kind]);
				expect(Object.values(entry)).not.toContain(undefined);
			}
		},
	);

	describe('normalised entries', () => {
		const at = '2026-10-29 18:04:05';
		const time = '2026-10-29T18:04:05+08:00';
		const timestamp = Date.parse('2026-10-29T10:04:05Z');
		const range = { startTime: '2026-10-29T00:00:00+08:00', endTime: '2026-10-29T23:59:59+08:00' };
		const query = (kind: LogKind, extra: IDataObject = {}) =>
			logsRun(platform, { ...QUERIES[kind], ...range, returnAll: true, ...extra });

		test('web logins say how they signed in; Simplify off gives the platform entry', async () => {
			addEntries('webLogin', [
				{
					time: at,
					accountName: 'zhang.wei',
					ip: '198.51.100.7',
					loginType: 'sso',
					result: 'failure',
				},
				{ time: '2026-10-29 18:04:04', accountName: 'li.na', loginType: 'web' },
				{ time: '2026-10-29 18:04:03', accountName: 'li.na', loginType: 'app' },
			]);
			const result = await query('webLogin');
			expect(result.json[0]).toEqual({
				time,
				timestamp,
				account: 'zhang.wei',
				email: `zhang.wei@${DOMAIN}`,
				ip: '198.51.100.7',
				channel: 'web',
				method: 'sso',
				client: null,
				result: 'failure',
			});
			expect(result.json.map((entry) => entry.method)).toEqual(['sso', 'password', 'app']);

			const raw = await query('webLogin', { options: { simplify: false } });
			expect(raw.json[0]).toEqual({
				time: at,
				accountName: 'zhang.wei',
				domain: DOMAIN,
				ip: '198.51.100.7',
				loginType: 'sso',
				result: 'failure',
			});
		});

		test('client logins name the protocol as the channel and the program when known', async () => {
			addEntries('clientLogin', [
				{
					time: at,
					accountName: 'li.na',
					ip: '203.0.113.9',
					protocol: 'smtp',
					client: 'Foxmail 7.2',
				},
				{ time: '2026-10-29 18:00:00', accountName: 'li.na', protocol: 'pop', result: 'failure' },
			]);
			const result = await query('clientLogin');
			expect(result.json).toEqual([
				{
					time,
					timestamp,
					account: 'li.na',
					email: `li.na@${DOMAIN}`,
					ip: '203.0.113.9',
					channel: 'smtp',
					method: null,
					client: 'Foxmail 7.2',
					result: 'success',
				},
				expect.objectContaining({ channel: 'pop', client: null, result: 'failure' }),
			]);
		});

		test('mail entries list recipients as arrays; the sent log names the mailbox as sender', async () => {
			addEntries('receivedMail', [
				{
					time: at,
					account: 'li.na',
					mid: 'r1',
					from: 'partner@example.org',
					to: `li.na@${DOMAIN},x@example.org`,
					subject: '报价',
					size: 5120,
					status: 'spam',
				},
			]);
			addEntries('sentMail', [
				{
					time: at,
					account: 'li.na',
					mid: 's1',
					messageId: `<1@${DOMAIN}>`,
					to: 'a@example.org, b@example.net',
					subject: '',
					size: 2048,
					status: 'rejected',
				},
			]);
			const received = await query('receivedMail');
			expect(received.json).toEqual([
				{
					time,
					timestamp,
					account: 'li.na',
					email: `li.na@${DOMAIN}`,
					messageId: null,
					mid: 'r1',
					from: 'partner@example.org',
					to: [`li.na@${DOMAIN}`, 'x@example.org'],
					subject: '报价',
					size: 5120,
					status: 'spam',
				},
			]);
			const sent = await query('sentMail');
			expect(sent.json).toEqual([
				{
					time,
					timestamp,
					account: 'li.na',
					email: `li.na@${DOMAIN}`,
					messageId: `<1@${DOMAIN}>`,
					mid: 's1',
					from: `li.na@${DOMAIN}`,
					to: ['a@example.org', 'b@example.net'],
					subject: '',
					size: 2048,
					status: 'rejected',
				},
			]);
		});

		test('admin operations give the detail as an object when it is JSON', async () => {
			addEntries('adminOperation', [
				{
					time: at,
					operator: 'admin',
					ip: '192.0.2.5',
					module: 'account',
					action: 'updateAccount',
					target: 'li.na',
					detail: { name: '李娜' },
				},
				{ time: '2026-10-29 18:00:00', module: 'unit', action: 'createUnit', detail: 'not json' },
			]);
			const result = await query('adminOperation');
			expect(result.json).toEqual([
				{
					time,
					timestamp,
					operator: 'admin',
					ip: '192.0.2.5',
					module: 'account',
					action: 'updateAccount',
					target: 'li.na',
					detail: { name: '李娜' },
				},
				expect.objectContaining({
					operator: 'qy20000101000000BEEF',
					target: null,
					detail: 'not json',
				}),
			]);
		});
	});

	describe('bad input fails before any request, naming the field', () => {
		const future = new Date(Date.now() + 2 * 24 * HOUR).toISOString();
		test.each([
			['an empty Start', { startTime: '={{ $json.none }}' }, /^Start is empty \[item 0\]/],
			['an empty End', { endTime: '={{ "" }}' }, /^End is empty \[item 0\]/],
			[
				'a Start that is no time',
				{ startTime: 'yesterday' },
				/^Start "yesterday" is not a date and time/,
			],
			[
				'an impossible End',
				{ endTime: '2026-02-30T10:00:00Z' },
				/^End "2026-02-30T10:00:00Z" is not a date and time/,
			],
			[
				'a reversed range',
				{ startTime: '2026-02-10T00:00:00Z', endTime: '2026-02-09T23:59:59Z' },
				/^End \(.*\) is before Start \(.*\) \[item 0\]/,
			],
			[
				'a Start in the future',
				{ startTime: future, endTime: future },
				/^Start \(.*\) is in the future \[item 0\]/,
			],
			[
				'an account of another domain',
				{ filters: { accounts: 'li.na@other.example.com' } },
				/^Accounts "li\.na@other\.example\.com" is not an address of sandbox\.example\.com/,
			],
			['an invalid account name', { filters: { accounts: 'li.na, Zhang Wei' } }, /^Accounts /],
			['an unknown channel', { channel: 'fax' }, /^Channel "fax" is not a channel/],
		])('%s', async (_title, change, message) => {
			const result = await logsRun(platform, {
				...QUERIES.webLogin,
				...FEBRUARY,
				returnAll: true,
				...change,
			});
			expect(result.success).toBe(false);
			expect(result.error?.message).toMatch(message);
			expect(logCalls(platform)).toHaveLength(0);
		});

		test('a bad second item stops the run before the first one is read', async () => {
			const result = await logsRun(
				platform,
				{ ...QUERIES.sentMail, ...FEBRUARY, returnAll: true, startTime: '={{ $json.start }}' },
				{ items: [{ start: FEBRUARY.startTime }, { start: 'soon' }] },
			);
			expect(result.error?.message).toMatch(/^Start "soon" is not a date and time \[item 1\]/);
			expect(logCalls(platform)).toHaveLength(0);
		});
	});
});
