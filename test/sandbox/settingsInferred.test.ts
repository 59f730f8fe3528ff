import { Client, upload, useSandbox, type Json } from './helpers';

/**
 * The inferred (not publicly documented, reference §11) settings paths: per-account settings under
 * `/api/open/mailaccount/*`, department mail approval, archive rules; and the two settings that
 * change `sendMail`.
 */

const sandbox = useSandbox();
const client = new Client(sandbox);
const DOMAIN = 'sandbox.example.com';
const BUSINESS = '通用业务操作失败: ';
const PARAM = '请求参数异常: ';
const DAY = 24 * 3600_000;

const MA = '/api/open/mailaccount';
const GET_APPROVAL = '/api/open/unit/getMailApproval';
const UPDATE_APPROVAL = '/api/open/unit/updateMailApproval';
const RULES = '/api/open/archive/getRuleList';
const CREATE_RULE = '/api/open/archive/createRule';
const DELETE_RULE = '/api/open/archive/deleteRule';
const SEND = '/api/open/mail/sendMail';

const HQ = '100000000000001';
const RD = '100000000000002';
const BACKEND = '100000000000003';

const email = (name: string) => `${name}@${DOMAIN}`;
const message = async (path: string, body: Record<string, unknown> = {}) =>
	(await client.call(path, body)).message;
const get = (setting: string, body: Record<string, unknown> = {}) =>
	client.ok(`${MA}/get${setting}`, { accountName: 'li.na', ...body });
const update = (setting: string, body: Record<string, unknown>) =>
	client.ok(`${MA}/update${setting}`, { accountName: 'li.na', ...body });
const refusal = async (setting: string, body: Record<string, unknown>) =>
	message(`${MA}/update${setting}`, { accountName: 'li.na', ...body });
const send = (accountName: string) =>
	upload(sandbox, client, SEND, {
		accountName,
		to: JSON.stringify([{ address: email('wang.fang') }]),
		subject: '测试',
		text: '正文',
	});

beforeEach(() => sandbox().control.reset('demo'));

describe('every account setting', () => {
	const SETTINGS: Array<[string, Record<string, unknown>, Json]> = [
		['MailLimits', { quotaMb: 10240 }, { quotaMb: 10240 }],
		['SecondFactor', { enabled: 1 }, { enabled: 1 }],
		['IpLimit', { ipRanges: '10.0.0.0/8' }, { ipRanges: ['10.0.0.0/8'] }],
		['Signature', { enabled: 1 }, { enabled: 1 }],
		['AutoReply', { scope: 'external' }, { scope: 'external' }],
		['Forward', { keepCopy: 0 }, { keepCopy: 0 }],
	];

	it.each(SETTINGS)(
		'%s: ACCOUNT.NOTEXIST, soft-deleted readable not writable, domain checked',
		async (setting, body, changed) => {
			expect(await message(`${MA}/get${setting}`, { accountName: 'nobody' })).toBe(
				`${BUSINESS}ACCOUNT.NOTEXIST:${email('nobody')}账号不存在`,
			);
			expect(await refusal(setting, { ...body, accountName: 'nobody' })).toBe(
				`${BUSINESS}ACCOUNT.NOTEXIST:${email('nobody')}账号不存在`,
			);
			expect(await message(`${MA}/get${setting}`, {})).toBe(`${PARAM}accountName`);
			const before = await get(setting, { accountName: 'zhao.lei' });
			expect(await refusal(setting, { ...body, accountName: 'zhao.lei' })).toBe(
				`${BUSINESS}ACCOUNT.STATUSERROR`,
			);
			expect(await get(setting, { accountName: 'zhao.lei' })).toEqual(before);
			expect(await refusal(setting, { ...body, domain: 'other.example' })).toBe(
				`${BUSINESS}DOMAIN.NOTEXIST`,
			);
			// A suspended account's settings can be written; an address works as the name.
			expect(await update(setting, { ...body, accountName: email('chen.jing') })).toBeNull();
			expect(await get(setting, { accountName: 'chen.jing' })).toMatchObject(changed);
			// Per account: li.na keeps the defaults.
			expect(await get(setting)).not.toMatchObject(changed);
		},
	);
});

describe('mailaccount/getMailLimits, updateMailLimits', () => {
	it('defaults; only the parameters present change; usedMb from the mailbox', async () => {
		const limits = await get('MailLimits', { accountName: 'zhang.wei' });
		expect(limits).toEqual({
			quotaMb: 5120,
			usedMb: expect.any(Number),
			sendAllowed: 1,
			dailySendLimit: 0,
			largeAttachmentAllowed: 0,
		});
		const bytes = sandbox()
			.control.state()
			.mailboxes['zhang.wei'].reduce((sum, mail) => sum + mail.size, 0);
		expect(limits.usedMb).toBe(Math.round((bytes / 1048576) * 100) / 100);
		expect(limits.usedMb).toBeGreaterThan(0);

		await update('MailLimits', { quotaMb: '20480', largeAttachmentAllowed: 1 });
		expect(await get('MailLimits')).toMatchObject({
			quotaMb: 20480,
			sendAllowed: 1,
			dailySendLimit: 0,
			largeAttachmentAllowed: 1,
		});
		await update('MailLimits', { dailySendLimit: 100000 });
		await update('MailLimits', {});
		expect(await get('MailLimits')).toMatchObject({
			quotaMb: 20480,
			dailySendLimit: 100000,
			largeAttachmentAllowed: 1,
		});
		await update('MailLimits', { quotaMb: 1, dailySendLimit: 0, sendAllowed: '0' });
		expect(await get('MailLimits')).toMatchObject({
			quotaMb: 1,
			dailySendLimit: 0,
			sendAllowed: 0,
		});
	});

	it('refuses values out of range (-401), changing nothing', async () => {
		for (const [param, value] of [
			['quotaMb', 0],
			['quotaMb', 1048577],
			['quotaMb', 1.5],
			['quotaMb', 'lots'],
			['sendAllowed', 2],
			['dailySendLimit', -1],
			['dailySendLimit', 100001],
			['largeAttachmentAllowed', -1],
		] as const)
			expect(await refusal('MailLimits', { quotaMb: 2048, [param]: value })).toBe(
				`${PARAM}${param}`,
			);
		expect(await get('MailLimits')).toMatchObject({ quotaMb: 5120 });
		expect(sandbox().control.state().accountSettings).toEqual({});
	});
});

describe('sendMail obeys sendAllowed and dailySendLimit', () => {
	it('sendAllowed 0 refuses with MAIL.SEND.FORBIDDEN, sending nothing', async () => {
		await update('MailLimits', { sendAllowed: 0 });
		const refused = await send('li.na');
		expect(refused).toEqual({
			code: -3,
			success: false,
			message: `${BUSINESS}MAIL.SEND.FORBIDDEN`,
			data: null,
		});
		const sent = sandbox()
			.control.state()
			.mailboxes['li.na'].filter((mail) => mail.fid === 3);
		expect(sent).toEqual([]);
		expect(sandbox().control.state().sentMailLogs).toEqual([]);
		// Other accounts still send; li.na again once allowed.
		expect((await send('zhang.wei')).code).toBe(0);
		await update('MailLimits', { sendAllowed: 1 });
		expect((await send('li.na')).code).toBe(0);
	});

	it('dailySendLimit n refuses the (n+1)-th send of the China-time day with MAIL.SEND.QUOTA', async () => {
		// Sends before the limit is set count too.
		expect((await send('li.na')).code).toBe(0);
		await update('MailLimits', { dailySendLimit: 2 });
		expect((await send('li.na')).code).toBe(0);
		expect((await send('li.na')).message).toBe(`${BUSINESS}MAIL.SEND.QUOTA`);
		expect((await send('li.na')).message).toBe(`${BUSINESS}MAIL.SEND.QUOTA`);
		expect(sandbox().control.state().dailySends).toEqual({
			'li.na': { day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), count: 2 },
		});
		// Per account.
		expect((await send('zhang.wei')).code).toBe(0);
		// Raising the limit, or 0 (the platform default: no limit here), lets it send again.
		await update('MailLimits', { dailySendLimit: 3 });
		expect((await send('li.na')).code).toBe(0);
		expect((await send('li.na')).message).toBe(`${BUSINESS}MAIL.SEND.QUOTA`);
		await update('MailLimits', { dailySendLimit: 0 });
		expect((await send('li.na')).code).toBe(0);
		expect(sandbox().control.state().sentMailLogs).toHaveLength(5);
	});

	it('the count starts again on the next China-time day', async () => {
		sandbox().control.configure({ accessTokenTtlSeconds: 10 * 24 * 3600 });
		await client.login();
		await update('MailLimits', { dailySendLimit: 1 });
		expect((await send('li.na')).code).toBe(0);
		expect((await send('li.na')).message).toBe(`${BUSINESS}MAIL.SEND.QUOTA`);
		const realNow = Date.now;
		const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + DAY);
		try {
			expect((await send('li.na')).code).toBe(0);
			expect((await send('li.na')).message).toBe(`${BUSINESS}MAIL.SEND.QUOTA`);
		} finally {
			spy.mockRestore();
		}
	});
});

describe('mailaccount/getSecondFactor, updateSecondFactor', () => {
	it('defaults to disabled; enabled is required, 0 or 1', async () => {
		expect(await get('SecondFactor')).toEqual({ enabled: 0 });
		await update('SecondFactor', { enabled: 1 });
		expect(await get('SecondFactor')).toEqual({ enabled: 1 });
		await update('SecondFactor', { enabled: '0' });
		expect(await get('SecondFactor')).toEqual({ enabled: 0 });
		expect(await refusal('SecondFactor', {})).toBe(`${PARAM}enabled`);
		expect(await refusal('SecondFactor', { enabled: 2 })).toBe(`${PARAM}enabled`);
		expect(await refusal('SecondFactor', { enabled: true })).toBe(`${PARAM}enabled`);
	});
});

describe('mailaccount/getIpLimit, updateIpLimit', () => {
	it('defaults to none; takes IPv4/IPv6 addresses and CIDRs; "" clears', async () => {
		expect(await get('IpLimit')).toEqual({ ipRanges: [] });
		await update('IpLimit', {
			ipRanges: ' 10.0.0.0/8, 192.0.2.7,2001:db8::/32 ,::1,10.0.0.0/8,0.0.0.0/0 ',
		});
		expect(await get('IpLimit')).toEqual({
			ipRanges: ['10.0.0.0/8', '192.0.2.7', '2001:db8::/32', '::1', '0.0.0.0/0'],
		});
		await update('IpLimit', { ipRanges: ['198.51.100.0/24'] });
		expect(await get('IpLimit')).toEqual({ ipRanges: ['198.51.100.0/24'] });
		await update('IpLimit', { ipRanges: '' });
		expect(await get('IpLimit')).toEqual({ ipRanges: [] });
	});

	it('refuses a bad range (-401 ipRanges), changing nothing; ipRanges is required', async () => {
		await update('IpLimit', { ipRanges: '192.0.2.0/24' });
		for (const bad of [
			'10.0.0.0/33',
			'2001:db8::/129',
			'256.0.0.1',
			'10.0.0.0/8/1',
			'10.0.0.0/',
			'example.com',
			'192.0.2.0/24,nope',
		])
			expect(await refusal('IpLimit', { ipRanges: bad })).toBe(`${PARAM}ipRanges`);
		expect(await refusal('IpLimit', {})).toBe(`${PARAM}ipRanges`);
		expect(await get('IpLimit')).toEqual({ ipRanges: ['192.0.2.0/24'] });
	});
});

describe('mailaccount/getSignature, updateSignature', () => {
	it('defaults to disabled, text, empty; partial updates', async () => {
		expect(await get('Signature')).toEqual({ enabled: 0, contentType: 'text', content: '' });
		await update('Signature', { contentType: 'html', content: '<b>李娜</b>' });
		expect(await get('Signature')).toEqual({
			enabled: 0,
			contentType: 'html',
			content: '<b>李娜</b>',
		});
		await update('Signature', { enabled: 1 });
		expect(await get('Signature')).toEqual({
			enabled: 1,
			contentType: 'html',
			content: '<b>李娜</b>',
		});
		await update('Signature', { content: 'x'.repeat(10000) });
		expect((await get('Signature')).content).toHaveLength(10000);
	});

	it('refuses a bad contentType, content over 10000 characters, a bad flag', async () => {
		expect(await refusal('Signature', { contentType: 'markdown' })).toBe(`${PARAM}contentType`);
		expect(await refusal('Signature', { content: 'x'.repeat(10001) })).toBe(`${PARAM}content`);
		expect(await refusal('Signature', { enabled: 'yes', content: 'a' })).toBe(`${PARAM}enabled`);
		expect(await get('Signature')).toEqual({ enabled: 0, contentType: 'text', content: '' });
	});
});

describe('mailaccount/getAutoReply, updateAutoReply', () => {
	it('defaults to disabled, open, all; partial updates; times padded, "" opens them', async () => {
		expect(await get('AutoReply')).toEqual({
			enabled: 0,
			content: '',
			startTime: '',
			endTime: '',
			scope: 'all',
		});
		await update('AutoReply', {
			enabled: 1,
			content: '休假中',
			startTime: '2024-7-1 9:0:0',
			endTime: '2024-07-10 18:00:00',
		});
		expect(await get('AutoReply')).toEqual({
			enabled: 1,
			content: '休假中',
			startTime: '2024-07-01 09:00:00',
			endTime: '2024-07-10 18:00:00',
			scope: 'all',
		});
		await update('AutoReply', { scope: 'internal', endTime: '' });
		expect(await get('AutoReply')).toMatchObject({
			enabled: 1,
			startTime: '2024-07-01 09:00:00',
			endTime: '',
			scope: 'internal',
		});
		// The same instant is allowed.
		await update('AutoReply', { endTime: '2024-07-01 09:00:00' });
		expect((await get('AutoReply')).endTime).toBe('2024-07-01 09:00:00');
	});

	it('refuses an end before the start, also against the stored times, and bad values', async () => {
		await update('AutoReply', { startTime: '2024-07-05 00:00:00', endTime: '2024-07-10 00:00:00' });
		expect(
			await refusal('AutoReply', {
				startTime: '2024-07-10 00:00:00',
				endTime: '2024-07-09 00:00:00',
			}),
		).toBe(`${PARAM}endTime`);
		expect(await refusal('AutoReply', { endTime: '2024-07-04 23:59:59' })).toBe(`${PARAM}endTime`);
		expect(await refusal('AutoReply', { startTime: '2024-07-11 00:00:00' })).toBe(
			`${PARAM}endTime`,
		);
		expect(await refusal('AutoReply', { startTime: 'tomorrow' })).toBe(`${PARAM}startTime`);
		expect(await refusal('AutoReply', { endTime: '2024-02-30 00:00:00' })).toBe(`${PARAM}endTime`);
		expect(await refusal('AutoReply', { scope: 'everyone' })).toBe(`${PARAM}scope`);
		expect(await refusal('AutoReply', { enabled: 3 })).toBe(`${PARAM}enabled`);
		expect(await get('AutoReply')).toMatchObject({
			startTime: '2024-07-05 00:00:00',
			endTime: '2024-07-10 00:00:00',
			scope: 'all',
		});
		// Opening the start makes any end acceptable.
		await update('AutoReply', { startTime: '', endTime: '2024-01-01 00:00:00' });
		expect(await get('AutoReply')).toMatchObject({ startTime: '', endTime: '2024-01-01 00:00:00' });
	});
});

describe('mailaccount/getForward, updateForward', () => {
	it('defaults to disabled, none, keep a copy; partial updates; duplicates dropped', async () => {
		expect(await get('Forward')).toEqual({ enabled: 0, addresses: [], keepCopy: 1 });
		await update('Forward', {
			enabled: 1,
			addresses: 'a@example.org, b@example.org,A@example.org',
		});
		expect(await get('Forward')).toEqual({
			enabled: 1,
			addresses: ['a@example.org', 'b@example.org'],
			keepCopy: 1,
		});
		await update('Forward', { keepCopy: 0 });
		expect(await get('Forward')).toEqual({
			enabled: 1,
			addresses: ['a@example.org', 'b@example.org'],
			keepCopy: 0,
		});
		await update('Forward', { addresses: '' });
		expect((await get('Forward')).addresses).toEqual([]);
		const five = ['1', '2', '3', '4', '5'].map((n) => `u${n}@example.org`);
		await update('Forward', { addresses: five });
		expect((await get('Forward')).addresses).toEqual(five);
	});

	it('refuses more than 5 addresses or a bad one (-401 addresses), a bad flag', async () => {
		const six = ['1', '2', '3', '4', '5', '6'].map((n) => `u${n}@example.org`).join(',');
		expect(await refusal('Forward', { addresses: six })).toBe(`${PARAM}addresses`);
		expect(await refusal('Forward', { addresses: 'a@example.org,not-an-address' })).toBe(
			`${PARAM}addresses`,
		);
		expect(await refusal('Forward', { keepCopy: 2 })).toBe(`${PARAM}keepCopy`);
		expect(await get('Forward')).toEqual({ enabled: 0, addresses: [], keepCopy: 1 });
	});
});

describe('mailaccount/getSenderList, addSenderList, deleteSenderList', () => {
	const list = async (listType: string) =>
		(await client.ok(`${MA}/getSenderList`, { accountName: 'li.na', listType })).entries;
	const add = (listType: string, entries: unknown) =>
		client.call(`${MA}/addSenderList`, { accountName: 'li.na', listType, entries });
	const remove = (listType: string, entries: unknown) =>
		client.call(`${MA}/deleteSenderList`, { accountName: 'li.na', listType, entries });

	it('adds and removes addresses and @domains per list; repeats and absentees change nothing', async () => {
		expect(
			await client.ok(`${MA}/getSenderList`, { accountName: 'li.na', listType: 'black' }),
		).toEqual({ listType: 'black', entries: [] });
		expect((await add('black', 'spam@example.org, @spam.example')).data).toBeNull();
		expect(
			(await add('black', ['@Spam.Example', 'other@example.org', 'spam@example.org'])).code,
		).toBe(0);
		expect(await list('black')).toEqual(['spam@example.org', '@spam.example', 'other@example.org']);
		expect(await list('white')).toEqual([]);
		await add('white', email('zhang.wei'));
		expect(await list('white')).toEqual([email('zhang.wei')]);
		expect((await remove('black', 'SPAM@example.org,never@example.org')).code).toBe(0);
		expect(await list('black')).toEqual(['@spam.example', 'other@example.org']);
		expect((await remove('white', '@nowhere.example')).code).toBe(0);
		expect(await list('white')).toEqual([email('zhang.wei')]);
	});

	it('refuses bad entries and list types (-401) and a list over 500 (SENDERLIST.LIMIT)', async () => {
		for (const entries of ['', 'bad', '@', '@nodot', '@-bad.example', 'a@example.org,x'])
			expect((await add('black', entries)).message).toBe(`${PARAM}entries`);
		expect((await remove('black', 'x')).message).toBe(`${PARAM}entries`);
		expect((await add('grey', 'a@example.org')).message).toBe(`${PARAM}listType`);
		expect(await message(`${MA}/getSenderList`, { accountName: 'li.na', listType: 'grey' })).toBe(
			`${PARAM}listType`,
		);
		expect(await message(`${MA}/getSenderList`, { accountName: 'li.na' })).toBe(`${PARAM}listType`);
		expect(
			(
				await client.call(`${MA}/addSenderList`, {
					accountName: 'zhao.lei',
					listType: 'black',
					entries: 'a@example.org',
				})
			).message,
		).toBe(`${BUSINESS}ACCOUNT.STATUSERROR`);

		const entries = (from: number, count: number) =>
			Array.from({ length: count }, (_, i) => `s${from + i}@example.org`);
		expect((await add('black', entries(0, 499))).code).toBe(0);
		expect((await add('black', entries(498, 3))).message).toBe(`${BUSINESS}SENDERLIST.LIMIT`);
		expect(await list('black')).toHaveLength(499);
		expect((await add('black', entries(498, 2))).code).toBe(0);
		expect(await list('black')).toHaveLength(500);
		expect((await add('black', entries(0, 10))).code).toBe(0);
		expect((await add('black', '@one.more.example')).message).toBe(`${BUSINESS}SENDERLIST.LIMIT`);
		expect((await add('white', '@one.more.example')).code).toBe(0);
	});
});

describe('unit/getMailApproval, updateMailApproval', () => {
	it('defaults to disabled, no approver, external; partial updates; approver stored as an address', async () => {
		expect(await client.ok(GET_APPROVAL, { unitId: RD })).toEqual({
			unitId: RD,
			enabled: 0,
			approver: '',
			scope: 'external',
		});
		expect(
			await client.ok(UPDATE_APPROVAL, { unitId: RD, enabled: 1, approver: 'li.na' }),
		).toBeNull();
		expect(await client.ok(GET_APPROVAL, { unitId: Number(RD) })).toEqual({
			unitId: RD,
			enabled: 1,
			approver: email('li.na'),
			scope: 'external',
		});
		await client.ok(UPDATE_APPROVAL, { unitId: RD, scope: 'all' });
		await client.ok(UPDATE_APPROVAL, { unitId: RD, approver: email('zhang.wei') });
		expect(await client.ok(GET_APPROVAL, { unitId: RD })).toMatchObject({
			enabled: 1,
			approver: email('zhang.wei'),
			scope: 'all',
		});
		// Disabling keeps the approver; enabling again needs none then.
		await client.ok(UPDATE_APPROVAL, { unitId: RD, enabled: 0 });
		await client.ok(UPDATE_APPROVAL, { unitId: RD, enabled: 1 });
		expect((await client.ok(GET_APPROVAL, { unitId: RD })).approver).toBe(email('zhang.wei'));
		// Per unit; the default department by its alias.
		expect((await client.ok(GET_APPROVAL, { unitId: HQ })).enabled).toBe(0);
		await client.ok(UPDATE_APPROVAL, { unitId: 'default', enabled: 1, approver: 'service' });
		const defaultId = `${sandbox().identity.orgOpenId}_default`;
		expect(await client.ok(GET_APPROVAL, { unitId: defaultId })).toMatchObject({
			unitId: defaultId,
			approver: email('service'),
		});
		expect(
			sandbox()
				.control.state()
				.mailApprovals.map((approval) => approval.unitId),
		).toEqual([RD, defaultId]);
	});

	it('needs an approver to enable, an active account of the domain, a known unit', async () => {
		const refusalOf = async (body: Record<string, unknown>) => message(UPDATE_APPROVAL, body);
		expect(await refusalOf({ unitId: RD, enabled: 1 })).toBe(`${PARAM}approver`);
		expect(await refusalOf({ unitId: RD, enabled: 1, approver: '' })).toBe(`${PARAM}approver`);
		for (const approver of ['chen.jing', 'zhao.lei', 'nobody', 'li.na@example.org', 'cto'])
			expect(await refusalOf({ unitId: RD, enabled: 1, approver })).toBe(`${PARAM}approver`);
		expect(await refusalOf({ unitId: RD, scope: 'internal' })).toBe(`${PARAM}scope`);
		expect(await refusalOf({ unitId: RD, enabled: 2 })).toBe(`${PARAM}enabled`);
		expect(await refusalOf({ enabled: 0 })).toBe(`${PARAM}unitId`);
		expect(await refusalOf({ unitId: '100000000000999', enabled: 0 })).toBe(
			`${BUSINESS}UNIT.NOTEXIST`,
		);
		expect(await message(GET_APPROVAL, { unitId: '100000000000999' })).toBe(
			`${BUSINESS}UNIT.NOTEXIST`,
		);
		expect(await client.ok(GET_APPROVAL, { unitId: RD })).toMatchObject({
			enabled: 0,
			approver: '',
		});
		// With an approver set, clearing it while enabled is refused.
		await client.ok(UPDATE_APPROVAL, { unitId: RD, enabled: 1, approver: 'li.na' });
		expect(await refusalOf({ unitId: RD, approver: '' })).toBe(`${PARAM}approver`);
		await client.ok(UPDATE_APPROVAL, { unitId: RD, enabled: 0, approver: '' });
		expect(await client.ok(GET_APPROVAL, { unitId: RD })).toMatchObject({
			enabled: 0,
			approver: '',
		});
	});

	it('a deleted unit takes its approval with it', async () => {
		const { unitId } = await client.ok('/api/open/unit/createUnit', { unitName: '法务部' });
		await client.ok(UPDATE_APPROVAL, { unitId, enabled: 1, approver: 'li.na' });
		await client.ok('/api/open/unit/deleteUnit', { unitId });
		expect(await message(GET_APPROVAL, { unitId })).toBe(`${BUSINESS}UNIT.NOTEXIST`);
		expect(sandbox().control.state().mailApprovals).toEqual([]);
		expect(await client.ok(GET_APPROVAL, { unitId: BACKEND })).toMatchObject({ enabled: 0 });
	});
});

describe('archive/getRuleList, createRule, deleteRule', () => {
	it('creates, lists in creation order and deletes rules', async () => {
		expect(await client.ok(RULES)).toEqual([]);
		const first = await client.ok(CREATE_RULE, {
			name: ' 合同归档 ',
			sender: '@partner.example',
			keyword: '合同',
			archiveMailbox: 'service',
		});
		expect(first).toEqual({ ruleId: '400001' });
		const second = await client.ok(CREATE_RULE, {
			name: '法务',
			recipient: email('li.na'),
			conditionDomain: 'law.example',
			archiveMailbox: email('zhang.wei'),
		});
		expect(second).toEqual({ ruleId: '400002' });
		const rules = await client.ok(RULES);
		expect(rules).toEqual([
			{
				ruleId: '400001',
				name: '合同归档',
				conditions: { sender: '@partner.example', recipient: '', domain: '', keyword: '合同' },
				archiveMailbox: email('service'),
				createTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			},
			{
				ruleId: '400002',
				name: '法务',
				conditions: { sender: '', recipient: email('li.na'), domain: 'law.example', keyword: '' },
				archiveMailbox: email('zhang.wei'),
				createTime: expect.any(String),
			},
		]);
		expect(await client.ok(DELETE_RULE, { ruleId: 400001 })).toBeNull();
		expect((await client.ok(RULES)).map((rule: Json) => rule.ruleId)).toEqual(['400002']);
		expect(await message(DELETE_RULE, { ruleId: '400001' })).toBe(
			`${BUSINESS}ARCHIVE.RULE.NOTEXIST`,
		);
		// The name is free again; ids are not reused.
		expect(
			await client.ok(CREATE_RULE, { name: '合同归档', keyword: 'x', archiveMailbox: 'li.na' }),
		).toEqual({ ruleId: '400003' });
	});

	it('refuses a taken name, no condition, a bad archive mailbox, a missing ruleId', async () => {
		await client.ok(CREATE_RULE, { name: '合同归档', keyword: '合同', archiveMailbox: 'service' });
		expect(
			await message(CREATE_RULE, {
				name: '合同归档',
				sender: 'a@example.org',
				archiveMailbox: 'li.na',
			}),
		).toBe(`${BUSINESS}ARCHIVE.RULE.EXIST`);
		expect(await message(CREATE_RULE, { name: '空', archiveMailbox: 'li.na' })).toBe(
			`${PARAM}conditions`,
		);
		expect(
			await message(CREATE_RULE, { name: '空', sender: ' ', keyword: '', archiveMailbox: 'li.na' }),
		).toBe(`${PARAM}conditions`);
		for (const archiveMailbox of [undefined, '', 'chen.jing', 'nobody', 'x@example.org'])
			expect(await message(CREATE_RULE, { name: '新', keyword: 'k', archiveMailbox })).toBe(
				`${PARAM}archiveMailbox`,
			);
		expect(await message(CREATE_RULE, { keyword: 'k', archiveMailbox: 'li.na' })).toBe(
			`${PARAM}name`,
		);
		expect(
			await message(CREATE_RULE, { name: 'x'.repeat(65), keyword: 'k', archiveMailbox: 'li.na' }),
		).toBe(`${PARAM}name`);
		expect(await message(DELETE_RULE, {})).toBe(`${PARAM}ruleId`);
		expect(await message(DELETE_RULE, { ruleId: '999' })).toBe(`${BUSINESS}ARCHIVE.RULE.NOTEXIST`);
		expect(await message(RULES, { domain: 'other.example' })).toBe(`${BUSINESS}DOMAIN.NOTEXIST`);
		expect(await client.ok(RULES)).toHaveLength(1);
	});
});

describe('state snapshot and reset', () => {
	it('shows the new settings in state() and reset clears them', async () => {
		await update('SecondFactor', { enabled: 1 });
		await update('MailLimits', { dailySendLimit: 5 });
		await client.ok(`${MA}/addSenderList`, {
			accountName: 'zhang.wei',
			listType: 'white',
			entries: '@partner.example',
		});
		await client.ok(UPDATE_APPROVAL, { unitId: RD, enabled: 1, approver: 'li.na' });
		await client.ok(CREATE_RULE, { name: '归档', keyword: 'k', archiveMailbox: 'service' });
		expect((await send('li.na')).code).toBe(0);

		const state = sandbox().control.state();
		expect(Object.keys(state.accountSettings)).toEqual(['li.na', 'zhang.wei']);
		expect(state.accountSettings['li.na']).toMatchObject({
			limits: { quotaMb: 5120, sendAllowed: 1, dailySendLimit: 5, largeAttachmentAllowed: 0 },
			secondFactor: { enabled: 1 },
			ipLimit: { ipRanges: [] },
			senderLists: { black: [], white: [] },
		});
		expect(state.accountSettings['zhang.wei'].senderLists.white).toEqual(['@partner.example']);
		expect(state.mailApprovals).toEqual([
			{ unitId: RD, enabled: 1, approver: email('li.na'), scope: 'external' },
		]);
		expect(state.archiveRules).toEqual([
			expect.objectContaining({ ruleId: '400001', name: '归档', archiveMailbox: email('service') }),
		]);
		expect(state.dailySends['li.na'].count).toBe(1);

		sandbox().control.reset();
		const after = sandbox().control.state();
		expect(after.accountSettings).toEqual({});
		expect(after.mailApprovals).toEqual([]);
		expect(after.archiveRules).toEqual([]);
		expect(after.dailySends).toEqual({});
		expect(await get('SecondFactor')).toEqual({ enabled: 0 });
		expect(await client.ok(RULES)).toEqual([]);
		expect(
			(await client.ok(CREATE_RULE, { name: '归档', keyword: 'k', archiveMailbox: 'service' }))
				.ruleId,
		).toBe('400001');
	});

	it('deleting an account for good drops its settings', async () => {
		await update('SecondFactor', { enabled: 1, accountName: 'liu.yang' });
		await client.ok('/api/open/account/deleteAccount', { accountName: 'liu.yang' });
		expect(sandbox().control.state().accountSettings).toEqual({});
	});
});
