import { randomBytes } from 'crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunOptions } from '../support/netease';
import { callsTo, EMAIL_NODE_TYPE, locator, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';
const LIST = '/api/open/mailbox/listMessages';
const MARK = '/api/open/mailbox/markMessages';
const MOVE = '/api/open/mailbox/moveMessages';
const DELETE = '/api/open/mailbox/deleteMessages';
const MINUTE = 60_000;

describe('NetEase Email: reading and managing messages against the sandbox', () => {
	const platform = usePlatform();
	const email = (parameters: INodeParameters, options: RunOptions = {}) =>
		platform.run({ resource: 'message', ...parameters }, { nodeType: EMAIL_NODE_TYPE, ...options });
	const mailbox = (accountName: string) =>
		platform.sandbox.control.state().mailboxes[accountName] as IDataObject[];
	const message = (accountName: string, mid: string) =>
		mailbox(accountName).find((candidate) => candidate.mid === mid);
	const deliver = (subject: string, extra: IDataObject = {}) =>
		platform.sandbox.control.deliverMail({
			to: 'liu.yang',
			from: 'customer@client.example.net',
			subject,
			...extra,
		}).mid;
	const liuYang = locator('liu.yang', 'address');

	describe('Get Many', () => {
		const now = Date.now();
		/** 250 messages, one a minute back from now: #0 newest; odd ones from the partner. */
		const seed = () => {
			for (let n = 249; n >= 0; n--) {
				deliver(`通知 #${n}`, {
					from: n % 2 ? '合作伙伴 <sales@Partner.example.org>' : 'customer@client.example.net',
					sentDate: now - n * MINUTE,
					text: `第 ${n} 条`,
				});
			}
		};
		const getAll = (extra: INodeParameters = {}) =>
			email({ operation: 'getAll', mailbox: liuYang, returnAll: true, ...extra });

		test('Return All walks 3 pages of 100 and returns every message once, newest first', async () => {
			seed();
			const result = await getAll();
			expect(result.success).toBe(true);
			expect(result.json).toHaveLength(250);
			expect(new Set(result.json.map((row) => row.id)).size).toBe(250);
			expect(result.json[0].subject).toBe('通知 #0');
			expect(result.json[249].subject).toBe('通知 #249');
			expect(callsTo(platform.sandbox, LIST).map((call) => call.body)).toEqual(
				[1, 2, 3].map((pageNum) =>
					expect.objectContaining({ accountName: 'liu.yang', fid: '1', pageNum, pageSize: 100 }),
				),
			);
			expect(result.json[1]).toEqual({
				id: expect.any(String),
				messageId: expect.stringMatching(/^<.+@.+>$/),
				folder: 'inbox',
				from: '合作伙伴 <sales@Partner.example.org>',
				to: [`liu.yang@${DOMAIN}`],
				cc: [],
				subject: '通知 #1',
				date: new Date(now - MINUTE).toISOString(),
				size: expect.any(Number),
				read: false,
				snippet: '第 1 条',
				attachmentNames: [],
			});
		});

		test('Received After (any zone) stops the walk once a page is older; Limit stops it at the limit', async () => {
			seed();
			const after = new Date(now - 30.5 * MINUTE + 8 * 60 * MINUTE)
				.toISOString()
				.replace('Z', '+08:00');
			const recent = await getAll({ filters: { receivedAfter: after } });
			expect(recent.json.map((row) => row.subject)).toEqual(
				Array.from({ length: 31 }, (_, n) => `通知 #${n}`),
			);
			expect(callsTo(platform.sandbox, LIST)).toHaveLength(2);

			platform.sandbox.control.clearRequests();
			const limited = await getAll({ returnAll: false, limit: 7 });
			expect(limited.json).toHaveLength(7);
			expect(callsTo(platform.sandbox, LIST)).toHaveLength(1);
		});

		test('From Contains and Subject Contains ignore case; Received Before; Unread Only', async () => {
			seed();
			const partner = await getAll({
				filters: { fromContains: 'PARTNER.example', subjectContains: '#1' },
			});
			// Odd numbers whose text contains "#1": 1, 11, 13…19, 101, 103…
			expect(partner.json.every((row) => /#1/.test(String(row.subject)))).toBe(true);
			expect(partner.json.map((row) => row.subject)).toContain('通知 #199');
			expect(partner.json.map((row) => row.subject)).not.toContain('通知 #10');

			const before = new Date(now - 247.5 * MINUTE).toISOString();
			const oldest = await getAll({ filters: { receivedBefore: before } });
			expect(oldest.json.map((row) => row.subject)).toEqual(['通知 #248', '通知 #249']);

			const first = (await getAll({ returnAll: false, limit: 3 })).json.map((row) => row.id);
			await email({ operation: 'markAsRead', mailbox: liuYang, mids: first.join(',') });
			const unread = await getAll({ returnAll: false, limit: 2, filters: { unreadOnly: true } });
			expect(unread.json.map((row) => row.subject)).toEqual(['通知 #3', '通知 #4']);
		});

		test('several folders at once, named in the output; raw entries with Simplify off', async () => {
			deliver('收件');
			deliver('垃圾', { fid: 5 });
			deliver('不列出', { fid: 2 });
			const result = await getAll({ folders: [1, 5] });
			expect(result.json.map((row) => [row.subject, row.folder])).toEqual([
				['垃圾', 'spam'],
				['收件', 'inbox'],
			]);
			expect(callsTo(platform.sandbox, LIST)[0].body).toMatchObject({ fid: '1,5' });
			const raw = await getAll({ options: { simplify: false } });
			expect(raw.json[0]).toMatchObject({ mid: expect.any(String), fid: 1, summary: '' });
		});

		test('bad filters fail before any request', async () => {
			const result = await getAll({
				filters: { receivedAfter: '2026-03-02T00:00:00Z', receivedBefore: '2026-03-01T00:00:00Z' },
			});
			expect(result.error?.message).toBe(
				'Received After (2026-03-02T00:00:00.000Z) is not before Received Before (2026-03-01T00:00:00.000Z) [item 0]',
			);
			const bad = await getAll({ filters: { receivedAfter: 'yesterday' } });
			expect(bad.error?.message).toBe('Received After "yesterday" is not a date and time [item 0]');
			expect(callsTo(platform.sandbox, LIST)).toEqual([]);
		});
	});

	test('Get returns both bodies and, with Download Attachments, the files with their exact bytes', async () => {
		const pdf = randomBytes(50_000);
		const sheet = randomBytes(777);
		const mid = deliver('合同附件', {
			text: '请见附件',
			html: '<p>请见附件</p>',
			attachments: [
				{
					fileName: '合同（盖章版）.pdf',
					mimeType: 'application/pdf',
					content: pdf.toString('base64'),
				},
				{
					fileName: 'prices.xlsx',
					mimeType: 'application/vnd.ms-excel',
					content: sheet.toString('base64'),
				},
			],
		});
		const plain = await email({ operation: 'get', mailbox: liuYang, mid });
		expect(plain.json[0]).toMatchObject({
			id: mid,
			folder: 'inbox',
			subject: '合同附件',
			text: '请见附件',
			html: '<p>请见附件</p>',
			attachments: [
				{
					partId: '2',
					fileName: '合同（盖章版）.pdf',
					mimeType: 'application/pdf',
					size: pdf.length,
				},
				{
					partId: '3',
					fileName: 'prices.xlsx',
					mimeType: 'application/vnd.ms-excel',
					size: sheet.length,
				},
			],
		});
		expect(plain.items[0].binary).toBeUndefined();

		const files = await email({
			operation: 'get',
			mailbox: liuYang,
			mid,
			options: { downloadAttachments: true },
		});
		const binary = files.items[0].binary!;
		expect(Object.keys(binary)).toEqual(['attachment_0', 'attachment_1']);
		expect(Buffer.from(binary.attachment_0.data, 'base64').equals(pdf)).toBe(true);
		expect(Buffer.from(binary.attachment_1.data, 'base64').equals(sheet)).toBe(true);
		expect(binary.attachment_0).toMatchObject({
			fileName: '合同（盖章版）.pdf',
			mimeType: 'application/pdf',
		});

		const unknown = await email({ operation: 'get', mailbox: liuYang, mid: 'SBXM404' });
		expect(unknown.error?.message).toBe(
			'The mailbox holds no message with this ID (MAIL.NOTEXIST, code -3) [item 0]',
		);
	});

	test('Recall reports each recipient: recalled, already read, outside the domain, refused', async () => {
		const sent = await email({
			operation: 'send',
			mailbox: locator('zhang.wei', 'address'),
			to: `li.na@${DOMAIN}, wang.fang@${DOMAIN}, partner@client.example.net, nobody@${DOMAIN}`,
			subject: '错发的邮件',
			text: '请忽略',
		});
		const mid = String(sent.json[0].mid);
		const { messageId } = sent.json[0];
		const liNaCopy = mailbox('li.na').find((m) => m.messageId === messageId)!;
		await email({
			operation: 'markAsRead',
			mailbox: locator('li.na', 'address'),
			mids: String(liNaCopy.mid),
		});

		const recall = () =>
			email({ operation: 'recall', mailbox: locator('zhang.wei', 'address'), mid });
		const result = await recall();
		expect(result.json[0]).toEqual({
			mid,
			recalled: 1,
			notRecalled: 3,
			results: [
				{ address: `li.na@${DOMAIN}`, outcome: 'alreadyRead', reason: '' },
				{ address: `wang.fang@${DOMAIN}`, outcome: 'recalled', reason: '' },
				{
					address: 'partner@client.example.net',
					outcome: 'notRecallable',
					reason: expect.any(String),
				},
				{ address: `nobody@${DOMAIN}`, outcome: 'notRecallable', reason: 'ACCOUNT.NOTEXIST' },
			],
		});
		expect(mailbox('wang.fang').some((m) => m.messageId === messageId)).toBe(false);
		expect(mailbox('li.na').some((m) => m.messageId === messageId)).toBe(true);
		expect((await recall()).json[0]).toMatchObject({ recalled: 1, notRecalled: 3 });

		const notSent = await email({
			operation: 'recall',
			mailbox: locator('li.na', 'address'),
			mid: String(liNaCopy.mid),
		});
		expect(notSent.error?.message).toBe(
			'The message is not one this mailbox sent (MAIL.NOTSENT, code -3) [item 0]',
		);
	});

	describe('Mark, move and delete', () => {
		const run = (operation: string, mids: string[], extra: INodeParameters = {}) =>
			email({ operation, mailbox: liuYang, mids: mids.join(', '), ...extra });

		test('Mark as Read / Unread change only what is not already so, and say which', async () => {
			const [a, b, c] = ['一', '二', '三'].map((subject) => deliver(subject));
			const first = await run('markAsRead', [a, b]);
			expect(first.json[0]).toEqual({ ids: [a, b], read: true, changed: true, changedIds: [a, b] });
			expect(callsTo(platform.sandbox, MARK).map((call) => call.body)).toEqual([
				expect.objectContaining({ mids: `${a},${b}`, read: 1 }),
			]);
			const again = await run('markAsRead', [a, c]);
			expect(again.json[0]).toMatchObject({ changed: true, changedIds: [c] });
			const already = await run('markAsRead', [a, b, c]);
			expect(already.json[0]).toMatchObject({ changed: false, changedIds: [] });
			expect(callsTo(platform.sandbox, MARK)).toHaveLength(2);

			const unread = await run('markAsUnread', [b]);
			expect(unread.json[0]).toEqual({ ids: [b], read: false, changed: true, changedIds: [b] });
			expect(message('liu.yang', b)?.read).toBe(false);
			expect(message('liu.yang', a)?.read).toBe(true);
		});

		test('Move to Folder, by option or by name from an expression', async () => {
			const [a, b] = ['甲', '乙'].map((subject) => deliver(subject));
			const moved = await run('move', [a, b], { folder: 5 });
			expect(moved.json[0]).toEqual({
				ids: [a, b],
				folder: 'spam',
				changed: true,
				changedIds: [a, b],
			});
			expect(message('liu.yang', a)?.fid).toBe(5);
			const back = await run('move', [a], { folder: '={{ "inbox" }}' });
			expect(back.json[0]).toMatchObject({ folder: 'inbox', changedIds: [a] });
			const stay = await run('move', [b], { folder: 5 });
			expect(stay.json[0]).toMatchObject({ changed: false });
			expect(callsTo(platform.sandbox, MOVE)).toHaveLength(2);
		});

		test('Delete moves to Deleted, and removes for good what is already there', async () => {
			const [a, b] = ['丙', '丁'].map((subject) => deliver(subject));
			const first = await run('delete', [a, b]);
			expect(first.json[0]).toEqual({
				ids: [a, b],
				deleted: true,
				movedToDeleted: [a, b],
				removedForGood: [],
			});
			expect(message('liu.yang', a)?.fid).toBe(4);
			const second = await run('delete', [a]);
			expect(second.json[0]).toMatchObject({ movedToDeleted: [], removedForGood: [a] });
			expect(message('liu.yang', a)).toBeUndefined();
			expect(message('liu.yang', b)?.fid).toBe(4);
		});

		test('a lost answer on Delete is verified, not resent: the message stays in Deleted', async () => {
			const a = deliver('戊');
			platform.sandbox.control.injectFault({ path: DELETE, kind: 'lostResponse' });
			const result = await run('delete', [a]);
			expect(result.json[0]).toEqual({
				ids: [a],
				deleted: true,
				movedToDeleted: [a],
				removedForGood: [],
			});
			expect(callsTo(platform.sandbox, DELETE)).toHaveLength(1);
			expect(message('liu.yang', a)?.fid).toBe(4);
		});

		test('an unknown ID fails naming it, before anything changes; continueOnFail keeps the other items', async () => {
			const a = deliver('己');
			const result = await run('markAsRead', [a, 'SBXM404']);
			expect(result.error?.message).toBe(
				`Message IDs contains "SBXM404", which is not a message of liu.yang@${DOMAIN} [item 0]`,
			);
			expect(callsTo(platform.sandbox, MARK)).toEqual([]);

			const items = await email(
				{ operation: 'markAsRead', mailbox: liuYang, mids: '={{ $json.mids }}' },
				{ items: [{ mids: [a] }, { mids: '' }, { mids: ['SBXM404'] }], continueOnFail: true },
			);
			expect(items.json).toEqual([
				{ ids: [a], read: true, changed: true, changedIds: [a] },
				expect.objectContaining({ error: 'Message IDs is empty [item 1]' }),
				expect.objectContaining({ error: expect.stringContaining('"SBXM404"') }),
			]);
			expect(message('liu.yang', a)?.read).toBe(true);
		});
	});
});
