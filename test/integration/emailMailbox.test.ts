import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callsTo, EMAIL_NODE_TYPE, locator, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';
const HAND_OVER = '/api/open/account/handOverMail';
const HAND_OVER_STATUS = '/api/open/account/getHandOverStatus';
const REGISTER = '/api/open/push/addDynamicSubscribe';
const GET_SUBSCRIPTION = '/api/open/push/getDynamicSubscribe';

describe('NetEase Email: Mailbox and New-Mail Subscription against the sandbox', () => {
	const platform = usePlatform();
	const email = (parameters: INodeParameters, items?: IDataObject[]) =>
		platform.run(parameters, { items, nodeType: EMAIL_NODE_TYPE });
	const deliver = (to: string, subject: string, fid = 1) =>
		platform.sandbox.control.deliverMail({ to, from: 'customer@client.example.net', subject, fid });
	const mailbox = (accountName: string) =>
		platform.sandbox.control.state().mailboxes[accountName] as IDataObject[];
	const businessCalls = () =>
		platform.sandbox.control.requests().filter((call) => !call.path.startsWith('/api/pub/token'));

	describe('Mailbox', () => {
		const handOver = (extra: INodeParameters = {}) =>
			email({
				resource: 'mailbox',
				operation: 'handOver',
				mailbox: locator('liu.yang', 'address'),
				successor: locator(`zhang.wei@${DOMAIN}`, 'address'),
				...extra,
			});
		const handOverStatus = (account = 'liu.yang') =>
			email({
				resource: 'mailbox',
				operation: 'getHandOverStatus',
				mailbox: locator(account, 'address'),
			});
		const leaverMail = () => {
			deliver('liu.yang', '客户需求确认');
			deliver('liu.yang', '发票寄送地址');
		};

		test('Get Unread Count counts the unread mail per folder and in total, Inbox and Spam by default', async () => {
			deliver('liu.yang', '需求一');
			deliver('liu.yang', '需求二');
			deliver('liu.yang', '中奖通知', 5);
			deliver('liu.yang', '草稿', 2);

			const byDefault = await email({
				resource: 'mailbox',
				operation: 'getUnreadCount',
				mailbox: locator('liu.yang', 'address'),
			});
			expect(byDefault.success).toBe(true);
			expect(byDefault.json).toEqual([
				{
					email: `liu.yang@${DOMAIN}`,
					total: 3,
					folders: [
						{ folder: 'inbox', fid: 1, unread: 2 },
						{ folder: 'spam', fid: 5, unread: 1 },
					],
				},
			]);
			expect(callsTo(platform.sandbox, '/api/open/mailbox/getUnreadMsg')[0].body).toEqual({
				domain: DOMAIN,
				accountName: 'liu.yang',
				fid: '1,5',
			});

			const chosen = await email({
				resource: 'mailbox',
				operation: 'getUnreadCount',
				mailbox: locator(`liu.yang@${DOMAIN}`, 'address'),
				folders: [2, 3],
			});
			expect(chosen.json[0]).toEqual({
				email: `liu.yang@${DOMAIN}`,
				total: 1,
				folders: [
					{ folder: 'drafts', fid: 2, unread: 1 },
					{ folder: 'sent', fid: 3, unread: 0 },
				],
			});
		});

		test('a mailbox outside the default domain, or no folder, fails before any request', async () => {
			const outside = await email({
				resource: 'mailbox',
				operation: 'getUnreadCount',
				mailbox: locator('liu.yang@other.example.com', 'address'),
			});
			expect(outside.success).toBe(false);
			expect(outside.error?.message).toBe(
				`Mailbox "liu.yang@other.example.com" is not in the domain ${DOMAIN} [item 0]`,
			);
			const noFolder = await email({
				resource: 'mailbox',
				operation: 'getUnreadCount',
				mailbox: locator('liu.yang', 'address'),
				folders: [],
			});
			expect(noFolder.error?.message).toBe('Folders is empty [item 0]');
			expect(businessCalls()).toEqual([]);
		});

		test('Get Folders returns one item per folder with its message and unread counts', async () => {
			deliver('liu.yang', '需求一');
			deliver('liu.yang', '中奖通知', 5);
			const result = await email({
				resource: 'mailbox',
				operation: 'getFolders',
				mailbox: locator('liu.yang', 'address'),
			});
			expect(result.success).toBe(true);
			expect(result.json).toEqual([
				{ fid: 1, folder: 'inbox', name: '收件箱', total: 1, unread: 1 },
				{ fid: 2, folder: 'drafts', name: '草稿箱', total: 0, unread: 0 },
				{ fid: 3, folder: 'sent', name: '已发送', total: 0, unread: 0 },
				{ fid: 4, folder: 'deleted', name: '已删除', total: 0, unread: 0 },
				{ fid: 5, folder: 'spam', name: '垃圾邮件', total: 1, unread: 1 },
			]);
		});

		test("Hand Over copies the leaver's mail into the successor's inbox", async () => {
			leaverMail();
			const before = mailbox('zhang.wei').length;
			const result = await handOver();
			expect(result.success).toBe(true);
			expect(result.json).toEqual([
				{
					email: `liu.yang@${DOMAIN}`,
					successor: `zhang.wei@${DOMAIN}`,
					taskId: expect.any(String),
					state: 'handedOver',
					copied: 2,
					total: 2,
					started: true,
				},
			]);
			expect(callsTo(platform.sandbox, HAND_OVER).map((call) => call.body)).toEqual([
				{ domain: DOMAIN, accountName: 'liu.yang', targetAccountName: 'zhang.wei' },
			]);
			const copies = mailbox('zhang.wei').slice(before);
			expect(copies.map((message) => message.subject).sort()).toEqual([
				'[交接:liu.yang] 发票寄送地址',
				'[交接:liu.yang] 客户需求确认',
			]);

			const status = await handOverStatus();
			expect(status.json).toEqual([
				{
					email: `liu.yang@${DOMAIN}`,
					state: 'handedOver',
					status: 'handoverComplete',
					successor: `zhang.wei@${DOMAIN}`,
					copied: 2,
					total: 2,
					taskId: result.json[0].taskId,
				},
			]);
		});

		test('Get Hand-Over Status of a mailbox never handed over says none', async () => {
			const status = await handOverStatus('wang.fang');
			expect(status.json).toEqual([
				{
					email: `wang.fang@${DOMAIN}`,
					state: 'none',
					status: 'normal',
					successor: null,
					copied: 0,
					total: 0,
					taskId: null,
				},
			]);
		});

		test('with Wait for Completion, a slow hand-over is polled until it is handed over', async () => {
			platform.sandbox.control.configure({ handOverMs: 300 });
			leaverMail();
			const result = await handOver({ waitForCompletion: true, maxWait: 10 });
			expect(result.success).toBe(true);
			expect(result.json[0]).toMatchObject({
				state: 'handedOver',
				copied: 2,
				total: 2,
				started: true,
			});
			expect(callsTo(platform.sandbox, HAND_OVER)).toHaveLength(1);
			// Once before the write, then until complete.
			expect(callsTo(platform.sandbox, HAND_OVER_STATUS).length).toBeGreaterThanOrEqual(3);
		});

		test('without waiting, a slow hand-over is output as still handing over', async () => {
			platform.sandbox.control.configure({ handOverMs: 300 });
			leaverMail();
			const result = await handOver();
			expect(result.json[0]).toMatchObject({
				state: 'handingOver',
				copied: 0,
				total: 2,
				started: true,
			});
			const status = await handOverStatus();
			expect(status.json[0]).toMatchObject({
				state: 'handingOver',
				status: 'handoverInProgress',
			});
		});

		test('a wait that runs out outputs the hand-over as still handing over, not an error', async () => {
			platform.sandbox.control.configure({ handOverMs: 3000 });
			leaverMail();
			const started = Date.now();
			const result = await handOver({ waitForCompletion: true, maxWait: 1 });
			expect(result.success).toBe(true);
			expect(Date.now() - started).toBeLessThan(2500);
			expect(result.json[0]).toMatchObject({ state: 'handingOver', started: true });
		});

		test('a mailbox already handed over is reported as it is, not handed over again', async () => {
			leaverMail();
			const first = await handOver();
			const again = await handOver({
				successor: locator('li.na', 'address'),
				waitForCompletion: true,
			});
			expect(again.success).toBe(true);
			expect(again.json).toEqual([
				{
					email: `liu.yang@${DOMAIN}`,
					successor: `zhang.wei@${DOMAIN}`,
					taskId: first.json[0].taskId,
					state: 'handedOver',
					copied: 2,
					total: 2,
					started: false,
				},
			]);
			expect(callsTo(platform.sandbox, HAND_OVER)).toHaveLength(1);
		});

		test('the leaver as successor fails before any request', async () => {
			const result = await handOver({ successor: locator(`liu.yang@${DOMAIN}`, 'address') });
			expect(result.success).toBe(false);
			expect(result.error?.message).toBe(
				`Successor "liu.yang@${DOMAIN}" is the mailbox being handed over [item 0]`,
			);
			expect(businessCalls()).toEqual([]);
		});

		test('an unknown or inactive successor fails before the hand-over is touched', async () => {
			const unknown = await handOver({ successor: locator('nobody', 'address') });
			expect(unknown.error?.message).toBe(`Successor "nobody@${DOMAIN}" does not exist [item 0]`);
			const suspended = await handOver({ successor: locator('chen.jing', 'address') });
			expect(suspended.error?.message).toBe(
				`Successor "chen.jing@${DOMAIN}" is not active (suspended) [item 0]`,
			);
			const deleted = await handOver({ mailbox: locator('zhao.lei', 'address') });
			expect(deleted.error?.message).toBe(`Mailbox "zhao.lei@${DOMAIN}" is deleted [item 0]`);
			expect(callsTo(platform.sandbox, HAND_OVER)).toEqual([]);
			expect(callsTo(platform.sandbox, HAND_OVER_STATUS)).toEqual([]);
		});

		test('a lost answer on Hand Over is checked, not sent again: one task, the same output', async () => {
			leaverMail();
			platform.sandbox.control.injectFault({ path: HAND_OVER, kind: 'lostResponse' });
			const result = await handOver();
			expect(result.success).toBe(true);
			expect(result.json).toEqual([
				{
					email: `liu.yang@${DOMAIN}`,
					successor: `zhang.wei@${DOMAIN}`,
					taskId: expect.any(String),
					state: 'handedOver',
					copied: 2,
					total: 2,
					started: true,
				},
			]);
			expect(platform.sandbox.control.faults()).toEqual([]);
			expect(callsTo(platform.sandbox, HAND_OVER)).toHaveLength(1);
			const tasks = platform.sandbox.control.state().handOvers;
			expect(tasks).toHaveLength(1);
			expect(tasks[0].taskId).toBe(result.json[0].taskId);
		});
	});

	describe('New-Mail Subscription', () => {
		const orgOpenId = () => platform.sandbox.credential.orgOpenId;
		const register = (url: string, source = 'pushmail') =>
			email({ resource: 'subscription', operation: 'register', url, source });

		test('Register sends the CorpID, URL and source without a domain; again with the same URL changes nothing', async () => {
			const url = `${platform.sandbox.url}/hooks/new-mail`;
			const first = await register(url);
			expect(first.success).toBe(true);
			expect(first.json).toEqual([{ source: 'pushmail', url, changed: true, previousUrl: null }]);
			expect(callsTo(platform.sandbox, GET_SUBSCRIPTION)[0].body).toEqual({
				orgOpenId: orgOpenId(),
				source: 'pushmail',
			});
			expect(callsTo(platform.sandbox, REGISTER).map((call) => call.body)).toEqual([
				{ orgOpenId: orgOpenId(), url, source: 'pushmail' },
			]);

			const again = await register(url);
			expect(again.json).toEqual([{ source: 'pushmail', url, changed: false, previousUrl: url }]);
			expect(callsTo(platform.sandbox, REGISTER)).toHaveLength(1);

			const moved = await register(`${url}-v2`);
			expect(moved.json[0]).toEqual({
				source: 'pushmail',
				url: `${url}-v2`,
				changed: true,
				previousUrl: url,
			});
		});

		test('Get returns the URL registered for a source, null when none', async () => {
			const url = 'https://n8n.example.com/webhook/org-changes';
			await register(url, 'orgevent');
			const org = await email({ resource: 'subscription', operation: 'get', source: 'orgevent' });
			expect(org.json).toEqual([{ source: 'orgevent', url }]);
			const mail = await email({ resource: 'subscription', operation: 'get', source: 'pushmail' });
			expect(mail.json).toEqual([{ source: 'pushmail', url: null }]);
			for (const call of callsTo(platform.sandbox, GET_SUBSCRIPTION)) {
				expect(call.body).not.toHaveProperty('domain');
				expect(call.body).toMatchObject({ orgOpenId: orgOpenId() });
			}
		});

		test('Register refuses a URL that is not absolute http(s) before any request', async () => {
			const relative = await register('n8n.example.com/webhook/mail');
			expect(relative.error?.message).toBe(
				'Callback URL "n8n.example.com/webhook/mail" is not an absolute URL [item 0]',
			);
			const ftp = await register('ftp://files.example.com/mail');
			expect(ftp.error?.message).toBe(
				'Callback URL "ftp://files.example.com/mail" is not an http or https URL [item 0]',
			);
			expect(businessCalls()).toEqual([]);
		});

		test('Subscribe Mailbox subscribes it: its new mail is pushed to the registered URL', async () => {
			await register(`${platform.sandbox.url}/hooks/new-mail`);
			const result = await email({
				resource: 'subscription',
				operation: 'subscribeMailbox',
				mailbox: locator('wang.fang', 'address'),
			});
			expect(result.json).toEqual([{ email: `wang.fang@${DOMAIN}`, subscribed: true }]);
			expect(
				callsTo(platform.sandbox, '/api/open/push/addPushMailSubscribe').map((call) => call.body),
			).toEqual([{ domain: DOMAIN, accountName: 'wang.fang' }]);
			expect(deliver('wang.fang', '新邮件').pushed).toBe(true);
			expect(deliver('li.na', '新邮件').pushed).toBe(false);
			await platform.sandbox.control.waitForPushes();
		});
	});
});
