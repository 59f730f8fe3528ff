import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailLogsTrigger } from '../../nodes/NeteaseEmail/Logs/NeteaseEmailLogsTrigger.node';
import type { LogKind } from '../../sandbox';
import type { TriggerOptions } from '../harness';
import { pollOnce } from '../harness';
import {
	CREDENTIAL_ID,
	CREDENTIAL_TYPE,
	locator,
	LOGS_TRIGGER_TYPE,
	SETTINGS_NODE_TYPE,
	usePlatform,
} from '../support/netease';
import { chinaTime, DAY, DOMAIN, fromChina, HOUR, logCalls, PATHS, SECOND } from './logs.support';

const NODE_NAME = 'Logs Trigger';
/** A backfill that reaches none of the demo organisation's own entries (an hour old and more). */
const RECENT = { backfillHours: 0.5 };
const MINUTE = 60 * SECOND;

/** Waits until the current second is over: the trigger reads the logs up to the last whole second. */
async function secondOver(): Promise<void> {
	const next = Math.floor(Date.now() / SECOND) * SECOND + SECOND;
	await new Promise((resolve) => setTimeout(resolve, next - Date.now() + 20));
}

describe('NetEase Email Logs Trigger against the sandbox', () => {
	const platform = usePlatform();
	let staticData: IDataObject;

	beforeEach(() => {
		staticData = {};
	});

	const triggerOptions = (parameters: INodeParameters): TriggerOptions => ({
		node: {
			name: NODE_NAME,
			type: LOGS_TRIGGER_TYPE,
			parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: 'NetEase sandbox' } },
		},
		nodeType: new NeteaseEmailLogsTrigger(),
		credentials: platform.credentials,
		credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
		staticData,
	});

	/** One scheduled poll (or "Fetch Test Event"): the items' JSON, or null when nothing came. */
	async function poll(parameters: INodeParameters, mode: 'trigger' | 'manual' = 'trigger') {
		const output = await pollOnce(triggerOptions(parameters), mode);
		return output ? output[0].map((item) => item.json) : null;
	}

	/** Polls until one comes back empty: every item, in order, and how many polls brought some. */
	async function drain(parameters: INodeParameters, between: () => void = () => {}) {
		const items: IDataObject[] = [];
		const sizes: number[] = [];
		for (;;) {
			const batch = await poll(parameters);
			if (!batch) return { items, sizes };
			items.push(...batch);
			sizes.push(batch.length);
			between();
		}
	}

	/** n8n restarting: the static data as it was saved, and nothing else. */
	function restart() {
		staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	}

	const state = () => (staticData[`node:${NODE_NAME}`] ?? {}) as IDataObject;

	const addEntries = (kind: LogKind, entries: IDataObject[]) =>
		platform.sandbox.control.addLogEntries({ kind, entries } as never);

	async function callsDuring(action: () => Promise<unknown>) {
		platform.sandbox.control.clearRequests();
		await action();
		return platform.sandbox.control.requests();
	}

	/** Activation from now: nothing emitted; the log is read for the current second only. */
	async function activate(parameters: INodeParameters) {
		const calls = await callsDuring(async () => expect(await poll(parameters)).toBeNull());
		const queries = calls.filter((call) => call.path.startsWith('/api/open/logquery/'));
		expect(queries).toHaveLength(1);
		const { startTime, endTime } = queries[0].body as IDataObject;
		expect(startTime).toBe(endTime);
		return queries[0];
	}

	const login = (accountName: string, time: number, extra: IDataObject = {}): IDataObject => ({
		accountName,
		time,
		ip: '192.0.2.50',
		...extra,
	});

	describe('exactly once', () => {
		test('The first activation starts from now; an idle poll is exactly one call', async () => {
			addEntries('webLogin', [
				login('a.minute.before', Date.now() - MINUTE),
				login('just.before', Date.now()),
			]);
			const parameters = { event: 'newLogin' };
			const query = await activate(parameters);
			expect(query.path).toBe(PATHS.webLogin);
			const second = fromChina(String((query.body as IDataObject).startTime));
			expect(state().cursor).toEqual({ position: second, seen: expect.any(Array) });

			addEntries('webLogin', [login('after.activation', Date.now())]);
			await secondOver();
			const items = await poll(parameters);
			expect(items).toEqual([
				expect.objectContaining({ account: 'after.activation', channel: 'web' }),
			]);

			const idle = await callsDuring(async () => expect(await poll(parameters)).toBeNull());
			expect(idle.map((call) => call.path)).toEqual([PATHS.webLogin]);
			// From the cursor's second on: the one entry already emitted is all it answers.
			const body = idle[0].body as IDataObject;
			expect(body.startTime).toBe(chinaTime(items![0].timestamp as number));
			expect(body.pageNum).toBe(1);
		});

		test('New entries come once each, oldest first, whatever order they were written in', async () => {
			const parameters = { event: 'newSentMail', ...RECENT };
			const now = Date.now();
			const times = [20, 5, 15, 10].map((minutes) => now - minutes * MINUTE);
			addEntries(
				'sentMail',
				times.map((time, n) => ({ account: 'zhang.wei', time, mid: `s${n}`, subject: `#${n}` })),
			);

			const first = await poll(parameters);
			expect(first!.map((item) => item.subject)).toEqual(['#0', '#2', '#3', '#1']);
			expect(first!.map((item) => item.timestamp)).toEqual(
				[...times].sort((a, b) => a - b).map((time) => Math.floor(time / SECOND) * SECOND),
			);
			expect(await poll(parameters)).toBeNull();

			addEntries('sentMail', [
				{ account: 'li.na', time: now - 2 * MINUTE, mid: 'late', subject: 'later' },
			]);
			expect((await poll(parameters))!.map((item) => item.subject)).toEqual(['later']);
			expect(await poll(parameters)).toBeNull();
		});

		test('Thirty entries of one second, three of them identical, cross the Max Items boundary and a restart', async () => {
			const parameters = { event: 'newLogin', channel: 'client', maxItems: 7, ...RECENT };
			const second = Math.floor((Date.now() - 10 * MINUTE) / SECOND) * SECOND;
			const entries = Array.from({ length: 30 }, (_, n) =>
				n < 3
					? { accountName: 'same.one', time: second + 100 * n, ip: '198.51.100.1' }
					: { accountName: `user${n}`, time: second + n, ip: `192.0.2.${n}` },
			);
			addEntries('clientLogin', entries);

			const { items, sizes } = await drain(parameters, restart);

			expect(sizes).toEqual([7, 7, 7, 7, 2]);
			expect(items.every((item) => item.timestamp === second)).toBe(true);
			const accounts = items.map((item) => item.account as string);
			expect(accounts.filter((account) => account === 'same.one')).toHaveLength(3);
			expect(new Set(accounts.filter((account) => account !== 'same.one')).size).toBe(27);
			expect(state().cursor).toEqual({ position: second, seen: expect.any(Array) });
			expect((state().cursor as IDataObject).seen).toHaveLength(30);

			const idle = await callsDuring(async () => expect(await poll(parameters)).toBeNull());
			expect(idle.map((call) => call.path)).toEqual([PATHS.clientLogin]);
		});

		test('A burst of 250 entries is read from its oldest pages, once each across a restart', async () => {
			const parameters = { event: 'newReceivedMail', maxItems: 100, ...RECENT };
			const start = Date.now() - 20 * MINUTE;
			// Two entries a second, so seconds straddle the pages.
			const times = Array.from({ length: 250 }, (_, n) => start + Math.floor(n / 2) * SECOND);
			addEntries(
				'receivedMail',
				times.map((time, n) => ({ account: 'li.na', time, mid: `r${n}`, subject: `#${n}` })),
			);

			const calls: number[] = [];
			const items: IDataObject[] = [];
			for (let round = 0; round < 3; round++) {
				const batch = await callsDuring(async () =>
					items.push(...((await poll(parameters)) ?? [])),
				);
				calls.push(batch.filter((call) => call.path === PATHS.receivedMail).length);
				restart();
			}
			expect(await poll(parameters)).toBeNull();

			// Each once, oldest first (entries of one second in a fixed order of their own).
			const mids = items.map((item) => String(item.mid));
			expect([...mids].sort()).toEqual(times.map((_, n) => `r${n}`).sort());
			const stamps = items.map((item) => item.timestamp as number);
			expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
			// The first poll: page 1 (250 in all), then the last pages back to where 100 are whole.
			expect(calls[0]).toBe(3);
			expect(calls).toEqual([3, 2, 1]);
		});

		test('A cursor older than 31 days reads window by window, oldest first', async () => {
			const parameters = { event: 'newAdminOperation', backfillHours: 40 * 24 };
			const now = Date.now();
			addEntries('adminOperation', [
				{ module: 'account', action: 'createAccount', target: 'recent', time: now - 2 * DAY },
				{ module: 'account', action: 'createAccount', target: 'old', time: now - 35 * DAY },
			]);

			const items = await poll(parameters);

			expect(items!.map((item) => item.target)).toEqual(['old', 'recent']);
			const windows = logCalls(platform).map((call) => (call.body as IDataObject).startTime);
			expect(new Set(windows).size).toBe(2);
		});

		test('A window the platform finds too long is halved', async () => {
			const parameters = { event: 'newAdminOperation', backfillHours: 10 * 24 };
			addEntries('adminOperation', [
				{ module: 'unit', action: 'createUnit', target: 'u1', time: Date.now() - 3 * DAY },
			]);
			platform.sandbox.control.injectFault({
				path: PATHS.adminOperation,
				kind: 'code',
				code: -3,
				marker: 'LOG.TIMERANGE.TOOLONG',
			});

			const items = await poll(parameters);

			expect(items!.map((item) => item.target)).toEqual(['u1']);
			const ranges = logCalls(platform).map((call) => {
				const body = call.body as IDataObject;
				return fromChina(String(body.endTime)) - fromChina(String(body.startTime));
			});
			expect(ranges[1]).toBeLessThan(ranges[0] / 2 + SECOND);
		});

		test('A failed poll throws and leaves the cursor where it was; the next one catches up', async () => {
			const parameters = { event: 'newReceivedMail' };
			await activate(parameters);
			const before = state().cursor;
			addEntries('receivedMail', [{ account: 'li.na', time: Date.now(), mid: 'm1' }]);
			await secondOver();
			platform.sandbox.control.injectFault({
				path: PATHS.receivedMail,
				kind: 'code',
				code: -3,
				marker: 'LOG.QUERY.BUSY',
			});

			await expect(poll(parameters)).rejects.toThrow(/LOG\.QUERY\.BUSY/);
			expect(state().cursor).toEqual(before);

			restart();
			expect((await poll(parameters))!.map((item) => item.mid)).toEqual(['m1']);
		});
	});

	describe('events', () => {
		test('New Received Mail: a mail delivered to a mailbox', async () => {
			const parameters = { event: 'newReceivedMail' };
			await activate(parameters);
			await platform.sandbox.control.deliverMail({
				to: 'li.na',
				from: 'partner@example.org',
				subject: '合同',
				content: '请查收',
			});
			await secondOver();

			const items = await poll(parameters);

			expect(items).toEqual([
				expect.objectContaining({
					account: 'li.na',
					email: `li.na@${DOMAIN}`,
					from: 'partner@example.org',
					subject: '合同',
					status: 'delivered',
				}),
			]);
		});

		test('New Admin Operation: a write through the Settings node', async () => {
			const parameters = { event: 'newAdminOperation' };
			await activate(parameters);
			const run = await platform.run(
				{
					resource: 'mailboxLimits',
					operation: 'set',
					applyTo: 'account',
					account: locator(`wang.fang@${DOMAIN}`, 'address'),
					settingsToChange: { quotaMb: 10240 },
				},
				{ nodeType: SETTINGS_NODE_TYPE },
			);
			expect(run.success).toBe(true);
			await secondOver();

			const items = await poll(parameters);

			expect(items).toEqual([
				expect.objectContaining({
					module: 'mailaccount',
					action: 'updateMailLimits',
					target: 'wang.fang',
					detail: { accountName: 'wang.fang', quotaMb: 10240 },
				}),
			]);
		});

		test('Raw entries with Simplify off', async () => {
			const parameters = { event: 'newSentMail', options: { simplify: false }, ...RECENT };
			addEntries('sentMail', [{ account: 'zhang.wei', time: Date.now() - MINUTE, mid: 's1' }]);

			const [item] = (await poll(parameters))!;

			expect(item).toMatchObject({ account: 'zhang.wei', mid: 's1' });
			expect(typeof item.time).toBe('string');
			expect(item).not.toHaveProperty('timestamp');
		});
	});

	describe('New Login filters', () => {
		const recentLogins = (entries: IDataObject[]) =>
			addEntries(
				'webLogin',
				entries.map((entry, n) => ({ time: Date.now() - (20 - n) * MINUTE, ...entry })),
			);
		const accountsOf = (items: IDataObject[] | null) => (items ?? []).map((item) => item.account);

		test('Failed Only', async () => {
			recentLogins([
				{ accountName: 'ok.one', result: 'success' },
				{ accountName: 'bad.one', result: 'failure' },
			]);
			const items = await poll({ event: 'newLogin', failedOnly: true, ...RECENT });
			expect(accountsOf(items)).toEqual(['bad.one']);
			// Passed over, not waiting: the cursor is past both.
			expect(await poll({ event: 'newLogin', failedOnly: true, ...RECENT })).toBeNull();
		});

		test('SSO Logins Only, and Both channels merged oldest first', async () => {
			recentLogins([
				{ accountName: 'by.password', loginType: 'web' },
				{ accountName: 'by.sso', loginType: 'sso' },
				{ accountName: 'by.app', loginType: 'app' },
			]);
			addEntries('clientLogin', [
				{ accountName: 'by.imap', time: Date.now() - 18 * MINUTE - 30 * SECOND },
			]);

			const sso = await poll({ event: 'newLogin', ssoOnly: true, ...RECENT });
			expect(accountsOf(sso)).toEqual(['by.sso']);

			staticData = {};
			const calls = await callsDuring(async () => {
				const both = await poll({ event: 'newLogin', channel: 'both', ...RECENT });
				expect(accountsOf(both)).toEqual(['by.password', 'by.sso', 'by.imap', 'by.app']);
				expect(both!.map((item) => item.channel)).toEqual(['web', 'web', 'imap', 'web']);
			});
			expect(calls.map((call) => call.path).sort()).toEqual(
				[PATHS.clientLogin, PATHS.webLogin].sort(),
			);
		});

		describe('Outside Office Hours, in China time', () => {
			/** A China-time day at least `daysBack` days ago that is (or is not) a weekday. */
			function chinaDay(daysBack: number, weekday: boolean): string {
				for (let back = daysBack; ; back++) {
					const day = new Date(Date.now() + 8 * HOUR - back * DAY);
					const isWeekday = day.getUTCDay() >= 1 && day.getUTCDay() <= 5;
					if (isWeekday === weekday) return day.toISOString().slice(0, 10);
				}
			}
			const weekday = chinaDay(1, true);
			const weekend = chinaDay(1, false);
			const at = (day: string, time: string) => fromChina(`${day} ${time}`);

			beforeEach(() => {
				addEntries('webLogin', [
					login('early.bird', at(weekday, '08:59:59')),
					login('on.time', at(weekday, '09:00:00')),
					login('last.minute', at(weekday, '17:59:59')),
					login('after.work', at(weekday, '18:00:00')),
					login('night.owl', at(weekday, '23:30:00')),
					login('weekend.worker', at(weekend, '10:00:00')),
				]);
			});
			const seeded = [
				'early.bird',
				'on.time',
				'last.minute',
				'after.work',
				'night.owl',
				'weekend.worker',
			];
			const mine = (items: IDataObject[]) =>
				items.map((item) => item.account).filter((account) => seeded.includes(String(account)));

			test('Monday to Friday, 09:00 to 18:00 by default', async () => {
				const { items } = await drain({
					event: 'newLogin',
					outsideOfficeHours: true,
					backfillHours: 10 * 24,
				});
				expect(new Set(mine(items))).toEqual(
					new Set(['early.bird', 'after.work', 'night.owl', 'weekend.worker']),
				);
			});

			test('Days and hours as configured', async () => {
				const { items } = await drain({
					event: 'newLogin',
					outsideOfficeHours: true,
					officeDays: [
						'monday',
						'tuesday',
						'wednesday',
						'thursday',
						'friday',
						'saturday',
						'sunday',
					],
					officeStart: '09:30',
					officeEnd: '23:00',
					backfillHours: 10 * 24,
				});
				expect(new Set(mine(items))).toEqual(new Set(['early.bird', 'on.time', 'night.owl']));
			});

			test('Office hours that end before they start are refused', async () => {
				await expect(
					poll({
						event: 'newLogin',
						outsideOfficeHours: true,
						officeStart: '18:00',
						officeEnd: '9:00',
					}),
				).rejects.toThrow('Office Hours End is not after Office Hours Start');
				await expect(
					poll({ event: 'newLogin', outsideOfficeHours: true, officeStart: 'nine' }),
				).rejects.toThrow('Office Hours Start "nine" is not a time of day');
			});
		});

		test('New IP for the Account, over several polls and a restart', async () => {
			const parameters = { event: 'newLogin', newIp: true };
			await activate(parameters);
			const now = () => Date.now();

			// Poll 1: first logins only teach.
			addEntries('webLogin', [
				login('alice', now(), { ip: '203.0.113.1' }),
				login('bob', now(), { ip: '203.0.113.9' }),
			]);
			await secondOver();
			expect(await poll(parameters)).toBeNull();
			expect(state().knownIps).toEqual({
				[`alice@${DOMAIN}`]: ['203.0.113.1'],
				[`bob@${DOMAIN}`]: ['203.0.113.9'],
			});
			restart();

			// Poll 2: a known IP is quiet; a new one triggers, failed or not; only a success teaches.
			addEntries('webLogin', [login('alice', now(), { ip: '203.0.113.1' })]);
			await secondOver();
			addEntries('webLogin', [login('alice', now(), { ip: '198.51.100.2', result: 'failure' })]);
			await secondOver();
			addEntries('webLogin', [login('alice', now(), { ip: '198.51.100.2' })]);
			await secondOver();
			const second = await poll(parameters);
			expect(second!.map((item) => [item.ip, item.result])).toEqual([
				['198.51.100.2', 'failure'],
				['198.51.100.2', 'success'],
			]);
			restart();

			// Poll 3: the new IP is known now.
			addEntries('webLogin', [
				login('alice', now(), { ip: '198.51.100.2' }),
				login('bob', now(), { ip: '203.0.113.9' }),
			]);
			await secondOver();
			expect(await poll(parameters)).toBeNull();
			expect(state().knownIps).toEqual({
				[`alice@${DOMAIN}`]: ['203.0.113.1', '198.51.100.2'],
				[`bob@${DOMAIN}`]: ['203.0.113.9'],
			});
		});

		test('New IP remembers the last 50 IPs of an account', async () => {
			const parameters = { event: 'newLogin', newIp: true, maxItems: 500, ...RECENT };
			const start = Date.now() - 20 * MINUTE;
			addEntries(
				'webLogin',
				Array.from({ length: 60 }, (_, n) =>
					login('roamer', start + n * SECOND, { ip: `192.0.2.${n}` }),
				),
			);

			const items = await poll(parameters);

			// The first teaches; each later one is new.
			expect(items).toHaveLength(59);
			const known = (state().knownIps as IDataObject)[`roamer@${DOMAIN}`] as string[];
			expect(known).toHaveLength(50);
			expect(known[0]).toBe('192.0.2.10');
			expect(known[49]).toBe('192.0.2.59');
		});
	});

	describe('Fetch Test Event', () => {
		test('Shows the newest entry that passes the filters and moves nothing', async () => {
			const now = Date.now();
			addEntries('webLogin', [
				login('older.failure', now - 3 * MINUTE, { result: 'failure' }),
				login('newest.failure', now - 2 * MINUTE, { result: 'failure' }),
				login('newest.success', now - MINUTE),
			]);
			const parameters = { event: 'newLogin', failedOnly: true, newIp: true };

			const items = await poll(parameters, 'manual');

			expect(items).toEqual([expect.objectContaining({ account: 'newest.failure' })]);
			expect(state()).toEqual({});
		});

		test('Nothing in the last seven days: no item', async () => {
			expect(await poll({ event: 'newSentMail' }, 'manual')).toBeNull();
		});
	});
});
