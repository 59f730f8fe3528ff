import type { LogEntriesInput, LogKind } from '../../sandbox';
import { platformRoutes, adminLoggedPaths } from '../../sandbox/routes';
import { formatChinaTime, parseChinaTime } from '../../sandbox/time';
import { Client, control, upload, useSandbox, type Json } from './helpers';

/**
 * The log queries: the two confirmed ones (webLogin, receivedMail) and the inferred ones
 * (clientLogin, sentMail, adminOperation), reference §6.10 and §11.
 */

const sandbox = useSandbox();
const client = new Client(sandbox);
const DOMAIN = 'sandbox.example.com';
const BUSINESS = '通用业务操作失败: ';
const PARAM = '请求参数异常: ';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const WEB = '/api/open/logquery/webLogin';
const CLIENT = '/api/open/logquery/clientLogin';
const RECEIVED = '/api/open/logquery/receivedMail';
const SENT = '/api/open/logquery/sentMail';
const ADMIN = '/api/open/logquery/adminOperation';
const SEND = '/api/open/mail/sendMail';

const email = (name: string) => `${name}@${DOMAIN}`;
const recipients = (...addresses: string[]) =>
	JSON.stringify(addresses.map((address) => ({ address })));
const appId = () => sandbox().identity.appId;
const last = <T>(items: T[]): T => items[items.length - 1];

/** The last day and the next hour: always inside 31 days. */
const recent = () => ({
	startTime: formatChinaTime(Date.now() - DAY),
	endTime: formatChinaTime(Date.now() + HOUR),
});

/** 300 entries, one every 7.2 hours back from this moment: three months. */
const NEWEST = parseChinaTime('2024-06-30 12:00:00')!;
const SEEDED = 300;
const seededTime = (i: number) => NEWEST - i * 7.2 * HOUR;
/** Inside 31 days: June 1 00:00 to June 30 23:59:59 holds entries 0–98. */
const WINDOW = { startTime: '2024-06-01 00:00:00', endTime: '2024-06-30 23:59:59' };
const IN_WINDOW = 99;
const NAMES = ['zhang.wei', 'li.na', 'wang.fang'];

interface LogCase {
	kind: LogKind;
	path: string;
	/** The filters that mean "everything". */
	all: Record<string, unknown>;
	/** One seeded entry, carrying `#i` somewhere `marker` finds it. */
	entry: (i: number) => Json;
	marker: (listed: Json) => string;
	/** A filter, and which seeded entries it keeps. */
	filter: Record<string, unknown>;
	keeps: (i: number) => boolean;
	/** Entry 0 as listed. */
	first: Json;
}

const CASES: LogCase[] = [
	{
		kind: 'webLogin',
		path: WEB,
		all: { accountNames: [''] },
		entry: (i) => ({
			accountName: NAMES[i % 3],
			time: formatChinaTime(seededTime(i)),
			ip: `10.0.${Math.floor(i / 250)}.${i % 250}`,
			loginType: (['web', 'sso', 'app'] as const)[i % 3],
			result: i % 5 === 0 ? 'failure' : 'success',
		}),
		marker: (listed) => listed.ip,
		filter: { accountNames: ['li.na', `wang.fang@${DOMAIN}`] },
		keeps: (i) => i % 3 !== 0,
		first: {
			time: '2024-06-30 12:00:00',
			accountName: 'zhang.wei',
			domain: DOMAIN,
			ip: '10.0.0.0',
			loginType: 'web',
			result: 'failure',
		},
	},
	{
		kind: 'clientLogin',
		path: CLIENT,
		all: { accountNames: [''] },
		entry: (i) => ({
			accountName: NAMES[i % 3],
			time: seededTime(i),
			ip: '198.51.100.9',
			protocol: (['imap', 'pop', 'smtp'] as const)[i % 3],
			client: `Foxmail #${i}`,
			result: 'success',
		}),
		marker: (listed) => listed.client,
		filter: { accountNames: [''], protocol: 'pop' },
		keeps: (i) => i % 3 === 1,
		first: {
			time: '2024-06-30 12:00:00',
			accountName: 'zhang.wei',
			ip: '198.51.100.9',
			protocol: 'imap',
			client: 'Foxmail #0',
			result: 'success',
		},
	},
	{
		kind: 'receivedMail',
		path: RECEIVED,
		all: {},
		entry: (i) => ({
			account: NAMES[i % 3],
			time: formatChinaTime(seededTime(i)),
			mid: `M${i}`,
			from: 'partner@example.org',
			subject: `#${i}`,
			size: 1000 + i,
			status: i % 10 === 0 ? 'spam' : 'delivered',
		}),
		marker: (listed) => listed.subject,
		filter: { account: email('li.na') },
		keeps: (i) => i % 3 === 1,
		first: {
			time: '2024-06-30 12:00:00',
			account: 'zhang.wei',
			mid: 'M0',
			from: 'partner@example.org',
			to: email('zhang.wei'),
			subject: '#0',
			size: 1000,
			status: 'spam',
		},
	},
	{
		kind: 'sentMail',
		path: SENT,
		all: {},
		entry: (i) => ({
			account: NAMES[i % 3],
			time: seededTime(i),
			mid: `S${i}`,
			messageId: `<s${i}@${DOMAIN}>`,
			to: ['a@example.org', 'b@example.org'],
			subject: `#${i}`,
			size: 2000,
			status: (['delivered', 'rejected', 'deferred'] as const)[i % 3],
		}),
		marker: (listed) => listed.subject,
		filter: { account: 'wang.fang' },
		keeps: (i) => i % 3 === 2,
		first: {
			time: '2024-06-30 12:00:00',
			account: 'zhang.wei',
			mid: 'S0',
			messageId: `<s0@${DOMAIN}>`,
			to: 'a@example.org,b@example.org',
			subject: '#0',
			size: 2000,
			status: 'delivered',
		},
	},
	{
		kind: 'adminOperation',
		path: ADMIN,
		all: {},
		entry: (i) => ({
			operator: i % 2 === 0 ? 'admin' : 'qy20000101000000BEEF',
			time: formatChinaTime(seededTime(i)),
			ip: '203.0.113.1',
			module: 'account',
			action: 'updateAccount',
			target: `#${i}`,
			detail: { accountName: `#${i}` },
		}),
		marker: (listed) => listed.target,
		filter: { operator: 'admin' },
		keeps: (i) => i % 2 === 0,
		first: {
			time: '2024-06-30 12:00:00',
			operator: 'admin',
			ip: '203.0.113.1',
			module: 'account',
			action: 'updateAccount',
			target: '#0',
			detail: '{"accountName":"#0"}',
		},
	},
];

const seed = (kind: LogKind, entry: LogCase['entry']) =>
	sandbox().control.addLogEntries({
		kind,
		entries: Array.from({ length: SEEDED }, (_, i) => entry(i)),
	} as LogEntriesInput);

/** Pages 1–4 of `pageSize`; every page's `count`. */
async function pages(path: string, body: Record<string, unknown>, pageSize: number) {
	const answers: Json[] = [];
	for (let pageNum = 1; pageNum <= 4; pageNum++)
		answers.push(await client.ok(path, { ...body, ...WINDOW, pageNum, pageSize }));
	return answers;
}

beforeEach(() => sandbox().control.reset('demo'));

describe.each(CASES)('logquery $kind', (logCase) => {
	const { kind, path, all, entry, marker, filter, keeps, first } = logCase;
	const expected = (keep: (i: number) => boolean) =>
		Array.from({ length: IN_WINDOW }, (_, i) => i)
			.filter(keep)
			.map((i) => marker(entry(i)));

	it('lists 300 seeded entries of three months newest first, over three pages', async () => {
		// Seeded in a shuffled order: the answer sorts them.
		const shuffled = Array.from({ length: SEEDED }, (_, i) => (i * 7) % SEEDED);
		expect(
			sandbox().control.addLogEntries({
				kind,
				entries: shuffled.map((i) => entry(i)),
			} as LogEntriesInput),
		).toBe(SEEDED);
		const answers = await pages(path, all, 33);
		expect(answers.map((answer) => answer.count)).toEqual([
			IN_WINDOW,
			IN_WINDOW,
			IN_WINDOW,
			IN_WINDOW,
		]);
		expect(answers.map((answer) => answer.list.length)).toEqual([33, 33, 33, 0]);
		const listed = answers.flatMap((answer) => answer.list);
		expect(listed.map(marker)).toEqual(expected(() => true));
		expect(listed[0]).toEqual(first);
		const times = listed.map((item: Json) => parseChinaTime(item.time)!);
		expect(times).toEqual([...times].sort((a, b) => b - a));
	});

	it('filters, and pages the filtered list', async () => {
		seed(kind, entry);
		const kept = expected(keeps);
		const pageSize = Math.ceil(kept.length / 3);
		const answers = await pages(path, filter, pageSize);
		expect(answers.every((answer) => answer.count === kept.length)).toBe(true);
		expect(answers[2].list.length).toBeGreaterThan(0);
		expect(answers[3].list).toEqual([]);
		expect(answers.flatMap((answer) => answer.list).map(marker)).toEqual(kept);
	});

	it('refuses a range over 31 days (LOG.TIMERANGE.TOOLONG), after the parameter checks', async () => {
		seed(kind, entry);
		const exactly31 = { startTime: '2024-05-31 00:00:00', endTime: '2024-07-01 00:00:00' };
		expect((await client.ok(path, { ...all, ...exactly31, pageSize: 500 })).count).toBe(
			Array.from({ length: SEEDED }, (_, i) => seededTime(i)).filter(
				(time) =>
					time >= parseChinaTime(exactly31.startTime)! &&
					time <= parseChinaTime(exactly31.endTime)!,
			).length,
		);
		const tooLong = { startTime: '2024-5-31 0:0:0', endTime: '2024-07-01 00:00:01' };
		const refused = await client.call(path, { ...all, ...tooLong });
		expect(refused).toEqual({
			code: -3,
			success: false,
			message: `${BUSINESS}LOG.TIMERANGE.TOOLONG`,
			data: null,
		});
		expect(
			(
				await client.call(path, {
					...all,
					startTime: '2024-01-01 00:00:00',
					endTime: '2024-06-30 00:00:00',
				})
			).message,
		).toBe(`${BUSINESS}LOG.TIMERANGE.TOOLONG`);
		// -401 first: pageSize, order of the times, missing times.
		expect((await client.call(path, { ...all, ...tooLong, pageSize: 501 })).message).toBe(
			`${PARAM}pageSize`,
		);
		expect(
			(await client.call(path, { ...all, startTime: WINDOW.endTime, endTime: WINDOW.startTime }))
				.message,
		).toBe(`${PARAM}endTime`);
		expect((await client.call(path, { ...all, endTime: WINDOW.endTime })).message).toBe(
			`${PARAM}startTime`,
		);
		expect((await client.call(path, { ...all, ...WINDOW, domain: 'other.example' })).message).toBe(
			`${BUSINESS}DOMAIN.NOTEXIST`,
		);
	});
});

describe('logquery filters', () => {
	it('webLogin lists app logins; clientLogin needs accountNames and a known protocol', async () => {
		sandbox().control.addLoginLog({
			accountName: email('li.na'),
			loginType: 'app',
			ip: '198.51.100.1',
		});
		expect((await client.ok(WEB, { accountNames: ['li.na'], ...recent() })).list[0]).toMatchObject({
			accountName: 'li.na',
			loginType: 'app',
			ip: '198.51.100.1',
			domain: DOMAIN,
		});
		expect((await client.call(CLIENT, recent())).message).toBe(`${PARAM}accountNames`);
		expect((await client.call(CLIENT, { accountNames: [], ...recent() })).message).toBe(
			`${PARAM}accountNames`,
		);
		expect((await client.call(CLIENT, { accountNames: 'li.na', ...recent() })).message).toBe(
			`${PARAM}accountNames`,
		);
		expect(
			(await client.call(CLIENT, { accountNames: [''], protocol: 'web', ...recent() })).message,
		).toBe(`${PARAM}protocol`);
		expect(await client.ok(CLIENT, { accountNames: [''], protocol: '', ...recent() })).toEqual({
			list: [],
			count: 0,
		});
	});

	it('the new logs start empty, the demo ones keep their seed', async () => {
		for (const [path, body] of [
			[CLIENT, { accountNames: [''] }],
			[SENT, {}],
			[ADMIN, {}],
		] as const)
			expect(await client.ok(path, { ...body, ...recent() })).toEqual({ list: [], count: 0 });
		// The demo's web logins of the last day: 4 and 1 hours ago.
		expect((await client.ok(WEB, { accountNames: [''], ...recent() })).count).toBe(2);
		expect((await client.ok(RECEIVED, recent())).count).toBeGreaterThan(0);
	});
});

describe('logquery/sentMail records sendMail', () => {
	it('one entry per mail: every recipient, the Sent copy, delivered unless all were rejected', async () => {
		const sent = await upload(sandbox, client, SEND, {
			accountName: 'zhang.wei',
			to: recipients(email('li.na')),
			cc: recipients('partner@example.org', email('nobody')),
			bcc: recipients(email('wang.fang')),
			subject: '周报',
			text: '正文',
		});
		expect(sent.code).toBe(0);
		const { mid, messageId } = sent.data as Json;
		const sentCopy = sandbox()
			.control.state()
			.mailboxes['zhang.wei'].find((copy) => copy.mid === mid)!;
		const refused = await upload(sandbox, client, SEND, {
			accountName: 'li.na',
			to: recipients(email('nobody'), email('zhao.lei')),
			subject: '无人收到',
			text: '',
		});
		expect(refused.code).toBe(0);

		const all = await client.ok(SENT, recent());
		expect(all.count).toBe(2);
		expect(all.list[0]).toMatchObject({
			account: 'li.na',
			subject: '无人收到',
			status: 'rejected',
		});
		expect(all.list[1]).toEqual({
			time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			account: 'zhang.wei',
			mid,
			messageId,
			to: [email('li.na'), 'partner@example.org', email('nobody'), email('wang.fang')].join(','),
			subject: '周报',
			size: sentCopy.size,
			status: 'delivered',
		});
		const mine = await client.ok(SENT, { account: email('zhang.wei'), ...recent() });
		expect(mine.list.map((entry: Json) => entry.mid)).toEqual([mid]);
		expect((await client.ok(SENT, { account: '', ...recent() })).count).toBe(2);
		// A refused send records nothing.
		await upload(sandbox, client, SEND, {
			accountName: 'zhao.lei',
			to: recipients(email('li.na')),
			text: '',
		});
		expect((await client.ok(SENT, recent())).count).toBe(2);
	});
});

describe('logquery/adminOperation records open-API writes', () => {
	const admin = async (body: Record<string, unknown> = {}) =>
		(await client.ok(ADMIN, { ...recent(), pageSize: 100, ...body })).list as Json[];

	it('records each successful write with operator, ip, module, action, target and detail', async () => {
		const { unitId } = await client.ok('/api/open/unit/createUnit', { unitName: '法务部' });
		await client.ok('/api/open/account/createAccount', {
			accountName: 'new.hire',
			name: '新同事',
			password: 'Secret@2024',
			passType: 0,
			passChangeFirstLogin: 1,
			visibleInAddr: 1,
			unitId,
		});
		await client.ok('/api/open/account/updatePassword', {
			accountName: `new.hire@${DOMAIN}`,
			password: 'Another@2024',
			passType: 0,
			passChangeFirstLogin: 0,
		});
		await client.ok('/api/open/mailaccount/updateMailLimits', {
			accountName: 'li.na',
			quotaMb: 10240,
		});
		await client.ok('/api/open/maillist/addMaillistForwardList', {
			accountName: 'all-staff',
			members: email('new.hire'),
		});
		const bytes = new TextEncoder().encode('TOP SECRET FILE CONTENT');
		const sent = await upload(
			sandbox,
			client,
			SEND,
			{
				accountName: 'zhang.wei',
				to: recipients(email('li.na')),
				subject: '附件',
				text: 'x'.repeat(300),
			},
			[{ fileName: '合同.pdf', bytes }],
		);
		expect(sent.code).toBe(0);
		await client.ok('/api/open/push/addDynamicSubscribe', {
			orgOpenId: sandbox().identity.orgOpenId,
			source: 'orgevent',
			url: 'http://127.0.0.1:1/hook',
		});

		const entries = await admin();
		expect(entries.map((entry) => `${entry.module}/${entry.action} ${entry.target}`)).toEqual([
			'push/addDynamicSubscribe orgevent',
			'mail/sendMail zhang.wei',
			'maillist/addMaillistForwardList all-staff',
			'mailaccount/updateMailLimits li.na',
			'account/updatePassword new.hire',
			'account/createAccount new.hire',
			`unit/createUnit ${unitId}`,
		]);
		for (const entry of entries) {
			expect(entry).toMatchObject({ operator: appId(), ip: '127.0.0.1' });
			expect(entry.time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			expect(entry.detail).not.toMatch(/Secret@2024|Another@2024|TOP SECRET|password|domain/);
		}
		const byAction = (action: string) => entries.find((entry) => entry.action === action)!;
		expect(JSON.parse(byAction('createUnit').detail)).toEqual({ unitName: '法务部' });
		expect(JSON.parse(byAction('createAccount').detail)).toEqual({
			accountName: 'new.hire',
			name: '新同事',
			passType: 0,
			passChangeFirstLogin: 1,
			visibleInAddr: 1,
			unitId,
		});
		expect(JSON.parse(byAction('updatePassword').detail)).toEqual({
			accountName: `new.hire@${DOMAIN}`,
			passType: 0,
			passChangeFirstLogin: 0,
		});
		const sendDetail = JSON.parse(byAction('sendMail').detail);
		expect(sendDetail).toMatchObject({
			accountName: 'zhang.wei',
			subject: '附件',
			attachments: ['合同.pdf'],
		});
		expect(sendDetail.text).toBe(`${'x'.repeat(100)}…`);
		expect(byAction('sendMail').detail.length).toBeLessThan(400);
		// What the admin log holds is in the control snapshot too (time in epoch ms).
		expect(sandbox().control.state().adminOperationLogs).toHaveLength(7);
	});

	it('records no read, no log query and no refused write; a write whose answer is lost is recorded', async () => {
		await client.ok('/api/open/unit/getUnitList');
		await client.ok('/api/open/account/getAccount', { accountName: 'li.na' });
		await client.ok('/api/open/mailaccount/getMailLimits', { accountName: 'li.na' });
		await client.ok('/api/open/mailbox/listMessages', { accountName: 'li.na' });
		await client.ok('/api/open/archive/getRuleList');
		await client.ok(WEB, { accountNames: [''], ...recent() });
		expect((await client.call('/api/open/unit/createUnit', { unitName: '市场部' })).code).toBe(-3);
		expect(
			(await client.call('/api/open/account/suspendAccount', { accountName: 'nobody' })).code,
		).toBe(-3);
		expect(await admin()).toEqual([]);

		sandbox().control.injectFault({ path: '/api/open/unit/createUnit', kind: 'lostResponse' });
		await expect(
			client.call('/api/open/unit/createUnit', { unitName: '丢失的回答' }),
		).rejects.toThrow();
		sandbox().control.injectFault({ path: '/api/open/unit/createUnit', kind: 'code', code: -1 });
		expect((await client.call('/api/open/unit/createUnit', { unitName: '从未执行' })).code).toBe(
			-1,
		);
		expect((await admin()).map((entry) => entry.action)).toEqual(['createUnit']);
	});

	it('filters by operator', async () => {
		sandbox().control.addLogEntries({
			kind: 'adminOperation',
			entries: [{ operator: 'admin', module: 'unit', action: 'deleteUnit', target: '1' }],
		});
		await client.ok('/api/open/mailaccount/updateSecondFactor', {
			accountName: 'li.na',
			enabled: 1,
		});
		expect((await admin({ operator: 'admin' })).map((entry) => entry.action)).toEqual([
			'deleteUnit',
		]);
		expect((await admin({ operator: appId() })).map((entry) => entry.action)).toEqual([
			'updateSecondFactor',
		]);
		expect(await admin({ operator: '' })).toHaveLength(2);
	});

	it('the write paths are every /api/open path but the reads (get*, list*) and the log queries', () => {
		const notLogged = Object.keys(platformRoutes)
			.filter((path) => !adminLoggedPaths.has(path))
			.sort();
		expect(notLogged.filter((path) => path.startsWith('/api/open/'))).toEqual(
			notLogged.filter(
				(path) => path.startsWith('/api/open/logquery/') || /\/(get|list)[A-Z][^/]*$/.test(path),
			),
		);
		expect(notLogged.filter((path) => !path.startsWith('/api/open/'))).toEqual([
			'/api/pub/token/acquireToken',
			'/api/pub/token/refresh',
			'/api/pub/token/ssoAuthToken',
			'/api/sso/ssoSign',
		]);
		for (const path of [
			'/api/open/account/createAccount',
			'/api/open/mail/sendMail',
			'/api/open/mailbox/markMessages',
			'/api/open/mailaccount/updateRsLimit',
			'/api/open/mailaccount/addSenderList',
			'/api/open/unit/updateMailApproval',
			'/api/open/archive/createRule',
			'/api/open/archive/deleteRule',
			'/api/open/sso/updateLoginAccess',
		])
			expect(adminLoggedPaths.has(path)).toBe(true);
		for (const path of [
			'/api/open/unit/getAccountList',
			'/api/open/mailbox/listMessages',
			'/api/open/account/getAccountListByNicknameAndJobNo',
			'/api/open/logquery/adminOperation',
			'/api/open/archive/getRuleList',
		])
			expect(adminLoggedPaths.has(path)).toBe(false);
	});
});

describe('control: seeding log entries', () => {
	it('adds entries of every kind with defaults, over HTTP too', async () => {
		const now = Date.now();
		for (const kind of ['webLogin', 'clientLogin'] as const)
			expect(sandbox().control.addLogEntries({ kind, entries: [{ accountName: 'li.na' }] })).toBe(
				1,
			);
		sandbox().control.addLogEntries({ kind: 'receivedMail', entries: [{ account: 'li.na' }] });
		sandbox().control.addLogEntries({ kind: 'sentMail', entries: [{ account: 'li.na' }] });
		const http = await control(sandbox(), 'POST', '/logs', {
			kind: 'adminOperation',
			entries: [
				{ module: 'unit', action: 'createUnit' },
				{ module: 'account', action: 'x', time: now - HOUR },
			],
		});
		expect(http).toEqual({ status: 200, json: { added: 2 } });

		const state = sandbox().control.state();
		const time = expect.any(Number);
		expect(last(state.webLoginLogs)).toEqual({
			time,
			accountName: 'li.na',
			ip: '192.0.2.1',
			loginType: 'web',
			result: 'success',
		});
		expect(state.clientLoginLogs).toEqual([
			{
				time,
				accountName: 'li.na',
				ip: '192.0.2.1',
				protocol: 'imap',
				client: '',
				result: 'success',
			},
		]);
		expect(last(state.receivedMailLogs)).toEqual({
			time,
			account: 'li.na',
			mid: '',
			from: 'sender@example.org',
			to: email('li.na'),
			subject: '',
			size: 0,
			status: 'delivered',
		});
		expect(state.sentMailLogs).toEqual([
			{
				time,
				account: 'li.na',
				mid: '',
				messageId: '',
				to: '',
				subject: '',
				size: 0,
				status: 'delivered',
			},
		]);
		expect(state.adminOperationLogs).toEqual([
			{
				time,
				operator: appId(),
				ip: '192.0.2.1',
				module: 'unit',
				action: 'createUnit',
				target: '',
				detail: '{}',
			},
			{
				time: now - HOUR,
				operator: appId(),
				ip: '192.0.2.1',
				module: 'account',
				action: 'x',
				target: '',
				detail: '{}',
			},
		]);
		expect(state.adminOperationLogs[0].time).toBeGreaterThanOrEqual(now);
	});

	it('refuses bad input, adding nothing', async () => {
		const bad = async (body: unknown) => {
			const answer = await control(sandbox(), 'POST', '/logs', body);
			expect(answer.status).toBe(400);
			return answer.json.error as string;
		};
		expect(await bad({ kind: 'smtpLogin', entries: [] })).toMatch(/^kind must be one of webLogin/);
		expect(await bad({ kind: 'webLogin' })).toBe('entries must be an array');
		expect(
			await bad({
				kind: 'webLogin',
				entries: [{ accountName: 'li.na' }, { accountName: 'li.na', time: 'yesterday' }],
			}),
		).toBe('entries[1].time must be yyyy-MM-dd HH:mm:ss (China time) or epoch ms');
		expect(
			await bad({ kind: 'webLogin', entries: [{ accountName: 'li.na', loginType: 'mobile' }] }),
		).toBe('entries[0].loginType must be one of web, sso, app');
		expect(await bad({ kind: 'clientLogin', entries: [{ accountName: '' }] })).toBe(
			'entries[0].accountName is required',
		);
		expect(
			await bad({ kind: 'clientLogin', entries: [{ accountName: 'a', protocol: 'web' }] }),
		).toBe('entries[0].protocol must be one of imap, pop, smtp');
		expect(await bad({ kind: 'receivedMail', entries: [{ account: 'a', size: -1 }] })).toBe(
			'entries[0].size must be a non-negative integer',
		);
		expect(await bad({ kind: 'sentMail', entries: [{ account: 'a', status: 'bounced' }] })).toBe(
			'entries[0].status must be one of delivered, rejected, deferred',
		);
		expect(await bad({ kind: 'adminOperation', entries: [{ module: 'unit' }] })).toBe(
			'entries[0].action is required',
		);
		expect(await bad({ kind: 'adminOperation', entries: ['x'] })).toBe(
			'entries[0] must be an object',
		);
		expect(() =>
			sandbox().control.addLoginLog({ accountName: 'li.na', result: 'maybe' as 'success' }),
		).toThrow('result must be one of success, failure');
		const state = sandbox().control.state();
		expect(state.webLoginLogs).toHaveLength(4);
		expect(state.clientLoginLogs).toEqual([]);
		expect(state.sentMailLogs).toEqual([]);
		expect(state.adminOperationLogs).toEqual([]);
	});

	it('reset clears every log back to the seed', async () => {
		for (const { kind, entry } of CASES) seed(kind, entry);
		await client.ok('/api/open/mailaccount/updateSecondFactor', {
			accountName: 'li.na',
			enabled: 1,
		});
		const before = sandbox().control.state();
		expect(before.clientLoginLogs).toHaveLength(SEEDED);
		expect(before.sentMailLogs).toHaveLength(SEEDED);
		expect(before.adminOperationLogs).toHaveLength(SEEDED + 1);
		sandbox().control.reset();
		const after = sandbox().control.state();
		expect(after.webLoginLogs).toHaveLength(4);
		expect(after.receivedMailLogs).toHaveLength(before.receivedMailLogs.length - SEEDED);
		expect(after.clientLoginLogs).toEqual([]);
		expect(after.sentMailLogs).toEqual([]);
		expect(after.adminOperationLogs).toEqual([]);
	});
});
