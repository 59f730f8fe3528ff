import { formatChinaTime } from '../../sandbox/time';
import { Client, post, useSandbox } from './helpers';

const sandbox = useSandbox();
const client = new Client(sandbox);
const HOUR = 3600_000;
const range = {
	startTime: formatChinaTime(Date.now() - 7 * 24 * HOUR),
	endTime: formatChinaTime(Date.now() + HOUR),
};

beforeEach(() => sandbox().control.reset('demo'));

describe('mailbox', () => {
	it('counts unread mail in inbox and spam by default', async () => {
		expect(await client.ok('/api/open/mailbox/getUnreadMsg', { accountName: 'zhang.wei' })).toEqual(
			{
				count: 3,
				folders: [
					{ fid: 1, unread: 2 },
					{ fid: 5, unread: 1 },
				],
			},
		);
		expect(
			await client.ok('/api/open/mailbox/getUnreadMsg', { accountName: 'zhang.wei', fid: '1' }),
		).toEqual({ count: 2, folders: [{ fid: 1, unread: 2 }] });
		expect(
			(
				await client.call('/api/open/mailbox/getUnreadMsg', {
					accountName: 'zhang.wei',
					fid: '1,9',
				})
			).message,
		).toBe('请求参数异常: fid');
		sandbox().control.deliverMail({ to: 'zhang.wei', from: 'a@example.org', subject: '新邮件' });
		expect(
			(await client.ok('/api/open/mailbox/getUnreadMsg', { accountName: 'zhang.wei' })).count,
		).toBe(4);
	});

	it('lists messages newest first, paged, with the total only on returnTotal', async () => {
		const { mid } = sandbox().control.deliverMail({
			to: 'zhang.wei',
			from: 'a@example.org',
			subject: '最新',
			content: '正文',
		});
		const page = await client.ok('/api/open/mailbox/listMessages', {
			accountName: 'zhang.wei',
			fid: '1',
			pageNum: 1,
			pageSize: 2,
			returnTotal: true,
		});
		expect(page.count).toBe(5);
		expect(page.list).toHaveLength(2);
		expect(page.list[0]).toEqual({
			mid,
			fid: 1,
			messageId: expect.stringMatching(/^<[0-9a-f-]{36}@sandbox\.example\.com>$/),
			from: 'a@example.org',
			to: 'zhang.wei@sandbox.example.com',
			cc: '',
			subject: '最新',
			sentDate: expect.any(Number),
			size: expect.any(Number),
			read: false,
			summary: '正文',
			attachmentNames: [],
		});
		expect(mid).toHaveLength(24);
		expect(page.list[0].sentDate).toBeGreaterThanOrEqual(page.list[1].sentDate);
		const withoutTotal = await client.ok('/api/open/mailbox/listMessages', {
			accountName: 'zhang.wei',
			fid: '3',
		});
		expect(withoutTotal).toEqual({ list: [expect.objectContaining({ fid: 3 })] });
	});
});

describe('logs', () => {
	it('queries received-mail logs by account and time range, accepting unpadded times', async () => {
		const logs = await client.ok('/api/open/logquery/receivedMail', {
			account: 'zhang.wei',
			...range,
			pageNum: 1,
			pageSize: 50,
		});
		expect(logs.count).toBe(5);
		expect(logs.list[0]).toMatchObject({
			account: 'zhang.wei',
			subject: '线上故障复盘',
			status: 'delivered',
			time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});
		expect(logs.list[1]).toMatchObject({ subject: '限时优惠！', status: 'spam' });
		const old = await client.ok('/api/open/logquery/receivedMail', {
			account: 'zhang.wei',
			startTime: '2021-9-1 10:1:1',
			endTime: '2021-9-2 0:0:0',
		});
		expect(old).toEqual({ list: [], count: 0 });
		expect(
			(
				await client.call('/api/open/logquery/receivedMail', {
					account: 'zhang.wei',
					startTime: 'yesterday',
					endTime: range.endTime,
				})
			).message,
		).toBe('请求参数异常: startTime');
		expect(
			(
				await client.call('/api/open/logquery/receivedMail', {
					account: 'zhang.wei',
					startTime: range.startTime,
				})
			).message,
		).toBe('请求参数异常: endTime');
	});

	it('queries web logins for [""] (everyone) or named accounts; accountNames is required', async () => {
		const all = await client.ok('/api/open/logquery/webLogin', { accountNames: [''], ...range });
		expect(all.count).toBe(4);
		const named = await client.ok('/api/open/logquery/webLogin', {
			accountNames: ['zhang.wei'],
			...range,
		});
		expect(named.list.map((entry: { accountName: string }) => entry.accountName)).toEqual([
			'zhang.wei',
			'zhang.wei',
		]);
		expect((await client.call('/api/open/logquery/webLogin', { ...range })).message).toBe(
			'请求参数异常: accountNames',
		);
		expect(
			(await client.call('/api/open/logquery/webLogin', { accountNames: 'zhang.wei', ...range }))
				.code,
		).toBe(-401);
		sandbox().control.addLoginLog({
			accountName: 'li.na',
			ip: '203.0.113.5',
			time: formatChinaTime(Date.now() - HOUR),
		});
		const added = await client.ok('/api/open/logquery/webLogin', {
			accountNames: ['li.na'],
			...range,
		});
		expect(added.list[0]).toMatchObject({
			accountName: 'li.na',
			ip: '203.0.113.5',
			domain: 'sandbox.example.com',
			loginType: 'web',
		});
	});
});

describe('mail-account settings', () => {
	it('reads and updates the send/receive restriction', async () => {
		expect(
			await client.ok('/api/open/mailaccount/getMailAccount', { accountName: 'li.na' }),
		).toMatchObject({
			accountName: 'li.na',
			domain: 'sandbox.example.com',
			rsLimitType: -1,
		});
		await client.ok('/api/open/mailaccount/updateRsLimit', {
			accountName: 'li.na',
			rsLimitType: 19,
		});
		expect(
			(await client.ok('/api/open/mailaccount/getMailAccount', { accountName: 'li.na' }))
				.rsLimitType,
		).toBe(19);
		expect(
			(
				await client.call('/api/open/mailaccount/updateRsLimit', {
					accountName: 'li.na',
					rsLimitType: 20,
				})
			).message,
		).toBe('请求参数异常: rsLimitType');
	});
});

describe('SSO landing page', () => {
	it('logs the signed account in once and records a web login', async () => {
		const { appId, authCode, orgOpenId, domain } = sandbox().identity;
		const token = (
			await post(sandbox(), '/api/pub/token/ssoAuthToken', { appId, authCode, orgOpenId })
		).data as { ssoAuthToken: string };
		const headers = {
			'qiye-sso-auth-token': token.ssoAuthToken,
			'qiye-app-id': appId,
			'qiye-org-open-id': orgOpenId,
		};
		const signed = await post(
			sandbox(),
			'/api/sso/ssoSign',
			{ domain, accountName: 'li.na' },
			{ headers },
		);
		const { sign, endpoint } = signed.data as { sign: string; endpoint: string };

		const mid = sandbox().control.state().mailboxes['li.na'][0].mid;
		const landing = await fetch(`${endpoint}?sso_token=${sign}&lang=0&mid=${mid}`);
		expect(landing.status).toBe(200);
		const html = await landing.text();
		expect(html).toContain('li.na@sandbox.example.com');
		expect(html).toContain(mid);
		expect(html).toContain('季度目标');
		expect((await fetch(`${endpoint}?sso_token=${sign}`)).status).toBe(403);
		expect((await fetch(`${endpoint}?sso_token=forged`)).status).toBe(403);

		const logins = await client.ok('/api/open/logquery/webLogin', {
			accountNames: ['li.na'],
			...range,
		});
		expect(logins.list[0]).toMatchObject({
			accountName: 'li.na',
			loginType: 'sso',
			ip: '127.0.0.1',
		});
	});
});
