import { createHash, randomBytes } from 'node:crypto';
import { LOGIN_ACCESS_MODULES, MAIL_ATTACHMENTS_MAX_BYTES, startSandbox } from '../../sandbox';
import { parseChinaTime } from '../../sandbox/time';
import {
	authHeaders,
	Client,
	control,
	post,
	sleep,
	useSandbox,
	type Envelope,
	type Json,
} from './helpers';

/** The inferred (not publicly documented) Email and SSO paths, reference §11. */

const sandbox = useSandbox();
const client = new Client(sandbox);
const DOMAIN = 'sandbox.example.com';
const BUSINESS = '通用业务操作失败: ';
const PARAM = '请求参数异常: ';

const SEND = '/api/open/mail/sendMail';
const RECALL = '/api/open/mail/recallMail';
const FOLDERS = '/api/open/mailbox/getFolders';
const GET = '/api/open/mailbox/getMessage';
const ATTACHMENT = '/api/open/mailbox/getAttachment';
const MARK = '/api/open/mailbox/markMessages';
const MOVE = '/api/open/mailbox/moveMessages';
const DELETE = '/api/open/mailbox/deleteMessages';
const LIST = '/api/open/mailbox/listMessages';
const HAND_OVER = '/api/open/account/handOverMail';
const HAND_OVER_STATUS = '/api/open/account/getHandOverStatus';
const GET_ACCESS = '/api/open/sso/getLoginAccess';
const UPDATE_ACCESS = '/api/open/sso/updateLoginAccess';

const email = (name: string) => `${name}@${DOMAIN}`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const recipients = (...addresses: string[]) =>
	JSON.stringify(addresses.map((address) => ({ address, name: address.split('@')[0] })));

const message = async (path: string, body: Record<string, unknown> = {}) =>
	(await client.call(path, body)).message;

const mailbox = (accountName: string) => sandbox().control.state().mailboxes[accountName] ?? [];

interface FilePart {
	fileName: string;
	bytes: Uint8Array;
	type?: string;
	/** Part name; default `attachments`. */
	name?: string;
}

/** A multipart/form-data call built by fetch's own FormData (file names travel as raw UTF-8). */
async function upload(
	fields: Record<string, string | undefined>,
	files: FilePart[] = [],
	path = SEND,
): Promise<Envelope> {
	if (!client.accessToken) await client.login();
	const form = new FormData();
	for (const [name, value] of Object.entries({ domain: DOMAIN, ...fields }))
		if (value !== undefined) form.append(name, value);
	for (const file of files) {
		const blob = new Blob([Uint8Array.from(file.bytes)], {
			type: file.type ?? 'application/octet-stream',
		});
		form.append(file.name ?? 'attachments', blob, file.fileName);
	}
	const response = await fetch(sandbox().url + path, {
		method: 'POST',
		headers: authHeaders(sandbox(), client.accessToken),
		body: form,
	});
	expect(response.status).toBe(200);
	return (await response.json()) as Envelope;
}

/** A multipart body written by hand, for header forms FormData does not produce (RFC 2231). */
async function rawUpload(parts: Array<[string[], string | Buffer]>): Promise<Envelope> {
	if (!client.accessToken) await client.login();
	const boundary = 'HandMadeBoundary7f3a';
	const chunks: Buffer[] = [];
	for (const [headers, content] of parts) {
		chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`));
		chunks.push(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
		chunks.push(Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	const response = await fetch(sandbox().url + SEND, {
		method: 'POST',
		headers: {
			...authHeaders(sandbox(), client.accessToken),
			'content-type': `multipart/form-data; boundary=${boundary}`,
		},
		body: Buffer.concat(chunks),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as Envelope;
}

const field = (name: string, value: string): [string[], string] => [
	[`Content-Disposition: form-data; name="${name}"`],
	value,
];

async function send(
	fields: Record<string, string | undefined>,
	files: FilePart[] = [],
): Promise<Json> {
	const envelope = await upload(fields, files);
	if (envelope.code !== 0)
		throw new Error(`sendMail answered ${envelope.code}: ${envelope.message}`);
	return envelope.data;
}

beforeEach(() => sandbox().control.reset('demo'));

describe('mail/sendMail', () => {
	it('stores the Sent copy and an unread inbox copy per in-domain recipient, attachments byte for byte', async () => {
		const pdf = randomBytes(300_000);
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
		const sent = await send(
			{
				accountName: 'zhang.wei',
				to: recipients(email('li.na'), 'partner@example.org'),
				cc: recipients(email('wang.fang')),
				subject: '季度计划',
				text: '请查收附件。',
				html: '<p>请查收<b>附件</b>。</p>',
			},
			[
				{ fileName: '张三 计划.pdf', bytes: pdf, type: 'application/pdf' },
				{ fileName: 'logo.png', bytes: png, type: 'image/png' },
			],
		);
		expect(sent).toEqual({
			mid: expect.stringMatching(/^.{24}$/),
			messageId: expect.stringMatching(/^<[0-9a-f-]{36}@sandbox\.example\.com>$/),
			accepted: [email('li.na'), 'partner@example.org', email('wang.fang')],
			rejected: [],
		});

		const sentCopy = await client.ok(GET, { accountName: 'zhang.wei', mid: sent.mid });
		expect(sentCopy).toEqual({
			mid: sent.mid,
			fid: 3,
			messageId: sent.messageId,
			from: email('zhang.wei'),
			to: [email('li.na'), 'partner@example.org'],
			cc: [email('wang.fang')],
			replyTo: '',
			subject: '季度计划',
			sentDate: expect.any(Number),
			size: expect.any(Number),
			read: true,
			text: '请查收附件。',
			html: '<p>请查收<b>附件</b>。</p>',
			inReplyTo: '',
			references: '',
			attachments: [
				{ partId: '2', fileName: '张三 计划.pdf', mimeType: 'application/pdf', size: 300_000 },
				{ partId: '3', fileName: 'logo.png', mimeType: 'image/png', size: png.length },
			],
		});
		expect(sentCopy.size).toBeGreaterThan(300_000);

		for (const accountName of ['li.na', 'wang.fang']) {
			const { list } = await client.ok(LIST, { accountName, fid: '1' });
			expect(list[0]).toEqual({
				mid: expect.any(String),
				fid: 1,
				messageId: sent.messageId,
				from: email('zhang.wei'),
				to: `${email('li.na')},partner@example.org`,
				cc: email('wang.fang'),
				subject: '季度计划',
				sentDate: sentCopy.sentDate,
				size: sentCopy.size,
				read: false,
				summary: '请查收附件。',
				attachmentNames: ['张三 计划.pdf', 'logo.png'],
			});
			const file = await client.ok(ATTACHMENT, { accountName, mid: list[0].mid, partId: '2' });
			expect(file).toMatchObject({
				fileName: '张三 计划.pdf',
				mimeType: 'application/pdf',
				size: 300_000,
			});
			expect(sha256(Buffer.from(file.content, 'base64'))).toBe(sha256(pdf));
		}
		const logo = await client.ok(ATTACHMENT, {
			accountName: 'zhang.wei',
			mid: sent.mid,
			partId: '3',
		});
		expect(Buffer.from(logo.content, 'base64').equals(png)).toBe(true);

		// One received-mail log entry per inbox copy.
		const logs = sandbox()
			.control.state()
			.receivedMailLogs.filter((log) => log.subject === '季度计划');
		expect(logs.map((log) => log.account).sort()).toEqual(['li.na', 'wang.fang']);
		// Unread counts moved for the recipients only.
		expect(
			(await client.ok('/api/open/mailbox/getUnreadMsg', { accountName: 'li.na', fid: '1' })).count,
		).toBe(2);
	});

	it('keeps bcc recipients out of every copy but the Sent one', async () => {
		const sent = await send({
			accountName: 'zhang.wei',
			to: recipients(email('li.na')),
			bcc: recipients(email('liu.yang'), 'hidden@example.org'),
			subject: '密送测试',
			text: 'x',
		});
		expect(sent.accepted).toEqual([email('li.na'), email('liu.yang'), 'hidden@example.org']);
		for (const accountName of ['li.na', 'liu.yang']) {
			const { list } = await client.ok(LIST, { accountName });
			expect(list[0].subject).toBe('密送测试');
			const copy = await client.ok(GET, { accountName, mid: list[0].mid });
			expect(copy.to).toEqual([email('li.na')]);
			expect(copy.cc).toEqual([]);
			expect(JSON.stringify(copy)).not.toMatch(/liu\.yang|hidden/);
			expect(JSON.stringify(list[0])).not.toMatch(/liu\.yang|hidden/);
		}
		// The Sent copy's answer does not show them either; only the control snapshot keeps them.
		const sentCopy = await client.ok(GET, { accountName: 'zhang.wei', mid: sent.mid });
		expect(JSON.stringify(sentCopy)).not.toMatch(/liu\.yang|hidden/);
		const stored = mailbox('zhang.wei').find((candidate) => candidate.mid === sent.mid)!;
		expect(stored.bcc).toEqual([email('liu.yang'), 'hidden@example.org']);
		expect(mailbox('li.na').every((copy) => copy.bcc.length === 0)).toBe(true);
	});

	it('expands mail lists (members, member units, nested) and aliases; rejects unknown in-domain addresses', async () => {
		const sent = await send({
			accountName: 'li.na',
			to: recipients(email('all-staff'), email('nobody'), email('ceo')),
			cc: recipients(email('rd'), email('zhao.lei')),
			subject: '全员通知',
			html: '<p>通知</p>',
		});
		expect(sent.accepted).toEqual([email('all-staff'), email('ceo'), email('rd')]);
		expect(sent.rejected).toEqual([
			{ address: email('nobody'), reason: 'ACCOUNT.NOTEXIST' },
			{ address: email('zhao.lei'), reason: 'ACCOUNT.STATUSERROR' },
		]);
		const copies = (accountName: string) =>
			mailbox(accountName).filter((copy) => copy.subject === '全员通知' && copy.fid === 1);
		// One copy per mailbox, however many ways it was reached; the sender is on all-staff too.
		for (const accountName of ['zhang.wei', 'li.na', 'wang.fang', 'liu.yang', 'service'])
			expect(copies(accountName)).toHaveLength(1);
		expect(copies('chen.jing')).toHaveLength(0);
		expect(copies('li.na')[0]).toMatchObject({
			to: [email('all-staff'), email('nobody'), email('ceo')],
			contentType: 'text/html',
			text: '',
			summary: '通知',
		});
	});

	it('keeps a client-made messageId, reply headers and reply-to', async () => {
		const original = mailbox('zhang.wei')[0];
		const sent = await send({
			accountName: 'zhang.wei',
			messageId: '<3f1c2b7e-0000-4000-8000-000000000001@sandbox.example.com>',
			to: recipients(email('li.na')),
			subject: `Re: ${original.subject}`,
			text: '收到',
			replyTo: email('service'),
			inReplyTo: original.messageId,
			references: `  ${original.messageId}   <older@example.org> `,
		});
		expect(sent.messageId).toBe('<3f1c2b7e-0000-4000-8000-000000000001@sandbox.example.com>');
		const copy = await client.ok(GET, { accountName: 'li.na', mid: mailbox('li.na').at(-1)!.mid });
		expect(copy).toMatchObject({
			messageId: sent.messageId,
			replyTo: email('service'),
			inReplyTo: original.messageId,
			references: `${original.messageId} <older@example.org>`,
			html: '',
			text: '收到',
		});
	});

	it('reads file names raw (UTF-8, as browsers send them) and as RFC 2231, which wins', async () => {
		const bytes = Buffer.from('内容 bytes\r\n--not a boundary');
		const envelope = await rawUpload([
			field('domain', DOMAIN),
			field('accountName', 'zhang.wei'),
			field('to', recipients(email('li.na'))),
			field('subject', '附件名'),
			field('text', ''),
			[
				[
					'Content-Disposition: form-data; name="attachments"; filename="张三的报告.docx"',
					'Content-Type: application/msword',
				],
				bytes,
			],
			[
				[
					`Content-Disposition: form-data; name="attachments"; filename="____.txt"; filename*=UTF-8''%E5%BC%A0%E4%B8%89%20%E5%90%8D%E5%8D%95.txt`,
				],
				'list',
			],
		]);
		expect(envelope.code).toBe(0);
		const { mid } = envelope.data as Json;
		const view = await client.ok(GET, { accountName: 'zhang.wei', mid });
		expect(view.attachments).toEqual([
			{
				partId: '2',
				fileName: '张三的报告.docx',
				mimeType: 'application/msword',
				size: bytes.length,
			},
			{ partId: '3', fileName: '张三 名单.txt', mimeType: 'application/octet-stream', size: 4 },
		]);
		const file = await client.ok(ATTACHMENT, { accountName: 'zhang.wei', mid, partId: '2' });
		expect(Buffer.from(file.content, 'base64').equals(bytes)).toBe(true);
		expect(view.text).toBe('');
	});

	it('logs the fields and file metadata, never the bytes', async () => {
		const bytes = randomBytes(2048);
		const sent = await send(
			{ accountName: 'zhang.wei', to: recipients(email('li.na')), subject: '日志', text: 't' },
			[{ fileName: '报表.xlsx', bytes, type: 'application/vnd.ms-excel' }],
		);
		const [record] = sandbox()
			.control.requests()
			.filter((request) => request.path === SEND);
		expect(record.code).toBe(0);
		expect(record.tokenKind).toBe('access');
		expect(record.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(record.body).toEqual({
			domain: DOMAIN,
			accountName: 'zhang.wei',
			to: recipients(email('li.na')),
			subject: '日志',
			text: 't',
			attachments: [
				{
					fileName: '报表.xlsx',
					mimeType: 'application/vnd.ms-excel',
					size: 2048,
					sha256: sha256(bytes),
				},
			],
		});
		// The control snapshot shows attachments by hash, without their bytes.
		const stored = mailbox('zhang.wei').find((candidate) => candidate.mid === sent.mid)!;
		expect(stored.attachments).toEqual([
			{
				partId: '2',
				fileName: '报表.xlsx',
				mimeType: 'application/vnd.ms-excel',
				size: 2048,
				sha256: sha256(bytes),
			},
		]);
	});

	it('pushes pushmail for subscribed recipients, as control mail does', async () => {
		sandbox().control.configure({ pushRetries: 0 });
		await client.ok('/api/open/push/addDynamicSubscribe', {
			orgOpenId: sandbox().identity.orgOpenId,
			url: 'http://127.0.0.1:1/unreachable',
		});
		await client.ok('/api/open/push/addPushMailSubscribe', { accountName: 'li.na' });
		await send(
			{
				accountName: 'zhang.wei',
				to: recipients(email('li.na'), email('wang.fang')),
				subject: '推送',
				text: '推送正文',
			},
			[{ fileName: 'a.txt', bytes: Buffer.from('abc'), type: 'text/plain' }],
		);
		await sandbox().control.waitForPushes();
		const pushes = sandbox().control.pushDeliveries();
		expect(pushes).toHaveLength(1);
		expect(pushes[0].payload).toMatchObject({
			From: email('zhang.wei'),
			To: `${email('li.na')},${email('wang.fang')}`,
			Subject: '推送',
			'Content-Type': 'text/plain',
			Content: '推送正文',
			attachment: 'a.txt',
			AttachmentEx: [expect.objectContaining({ fileName: 'a.txt', storedSize: '3', partId: '2' })],
		});
	});

	it('allows 50 MiB of attachments and refuses one byte more', async () => {
		const half = MAIL_ATTACHMENTS_MAX_BYTES / 2;
		const fields = { accountName: 'zhang.wei', to: recipients('x@example.org'), text: 'big' };
		const ok = await upload(fields, [
			{ fileName: 'a.bin', bytes: new Uint8Array(half) },
			{ fileName: 'b.bin', bytes: new Uint8Array(half) },
		]);
		expect(ok.code).toBe(0);
		const tooLarge = await upload(fields, [
			{ fileName: 'a.bin', bytes: new Uint8Array(half) },
			{ fileName: 'b.bin', bytes: new Uint8Array(half + 1) },
		]);
		expect(tooLarge.message).toBe(`${BUSINESS}MAIL.ATTACHMENT.TOOLARGE`);
		expect(mailbox('zhang.wei').filter((copy) => copy.text === 'big')).toHaveLength(1);
	});

	it('refuses bad senders, recipients, bodies and parts', async () => {
		const base = {
			accountName: 'zhang.wei',
			to: recipients(email('li.na')),
			subject: 's',
			text: 't',
		};
		const refusal = async (fields: Record<string, string | undefined>, files: FilePart[] = []) =>
			(await upload({ ...base, ...fields }, files)).message;
		expect(await refusal({ accountName: 'nobody' })).toBe(
			`${BUSINESS}ACCOUNT.NOTEXIST:${email('nobody')}账号不存在`,
		);
		expect(await refusal({ accountName: 'chen.jing' })).toBe(`${BUSINESS}ACCOUNT.STATUSERROR`);
		expect(await refusal({ accountName: 'zhao.lei' })).toBe(`${BUSINESS}ACCOUNT.STATUSERROR`);
		expect(await refusal({ accountName: undefined })).toBe(`${PARAM}accountName`);
		expect(await refusal({ domain: 'other.example.com' })).toBe(`${BUSINESS}DOMAIN.NOTEXIST`);
		expect(await refusal({ to: 'li.na@sandbox.example.com' })).toBe(`${PARAM}to`);
		expect(await refusal({ to: JSON.stringify({ address: email('li.na') }) })).toBe(`${PARAM}to`);
		expect(await refusal({ to: JSON.stringify([{ address: 'not an address' }]) })).toBe(
			`${PARAM}to`,
		);
		expect(await refusal({ cc: JSON.stringify([email('li.na')]) })).toBe(`${PARAM}cc`);
		expect(await refusal({ bcc: JSON.stringify([{ address: 'x@', name: 'x' }]) })).toBe(
			`${PARAM}bcc`,
		);
		expect(await refusal({ to: undefined })).toBe(`${PARAM}to`);
		expect(await refusal({ to: '[]', cc: '', bcc: '[]' })).toBe(`${PARAM}to`);
		expect(await refusal({ text: undefined })).toBe(`${PARAM}text`);
		expect(await refusal({ messageId: 'no-brackets@x' })).toBe(`${PARAM}messageId`);
		expect(await refusal({ replyTo: 'nobody' })).toBe(`${PARAM}replyTo`);
		expect(await refusal({ inReplyTo: 'abc' })).toBe(`${PARAM}inReplyTo`);
		expect(await refusal({ references: '<a@b> c' })).toBe(`${PARAM}references`);
		expect(await refusal({}, [{ name: 'file', fileName: 'a.txt', bytes: Buffer.from('a') }])).toBe(
			`${PARAM}file`,
		);
		expect(await refusal({ attachments: 'a.txt' })).toBe(`${PARAM}attachments`);
		// Only the text being absent is refused: an empty one is a body.
		expect((await upload({ ...base, text: '' })).code).toBe(0);
		expect((await upload({ ...base, text: undefined, html: '' })).code).toBe(0);
	});

	it('takes multipart only; JSON paths still take JSON only', async () => {
		await client.login();
		expect(await client.call(SEND, { accountName: 'zhang.wei', to: '[]' })).toEqual({
			code: -400,
			success: false,
			message: '请求异常: invalid multipart/form-data body:Content-Type is not multipart/form-data',
			data: null,
		});
		const malformed = await post(sandbox(), SEND, undefined, {
			headers: {
				...authHeaders(sandbox(), client.accessToken),
				'content-type': 'multipart/form-data; boundary=abc',
			},
			rawBody: '--abc\r\nContent-Disposition: form-data; name="domain"\r\n\r\nx',
		});
		expect(malformed.message).toBe(
			'请求异常: invalid multipart/form-data body:no closing boundary',
		);
		const onJsonPath = await upload({ accountName: 'zhang.wei' }, [], FOLDERS);
		expect(onJsonPath.message).toBe('请求异常: invalid JSON body');
		const [record] = sandbox()
			.control.requests()
			.filter((request) => request.path === FOLDERS);
		expect(record.body).toEqual({ domain: DOMAIN, accountName: 'zhang.wei' });
	});

	it('goes through the usual pipeline: auth, code faults, and lostResponse still stores it once', async () => {
		const unauthenticated = await fetch(sandbox().url + SEND, {
			method: 'POST',
			body: new FormData(),
		});
		expect(((await unauthenticated.json()) as Envelope).code).toBe(-424);

		sandbox().control.injectFault({ path: SEND, kind: 'code', code: -1 });
		const fields = {
			accountName: 'zhang.wei',
			messageId: '<lost-answer-1@sandbox.example.com>',
			to: recipients(email('li.na')),
			subject: '丢失的应答',
			text: 't',
		};
		expect((await upload(fields)).code).toBe(-1);
		expect(mailbox('zhang.wei').filter((copy) => copy.subject === '丢失的应答')).toHaveLength(0);

		sandbox().control.injectFault({ path: SEND, kind: 'lostResponse' });
		await expect(upload(fields)).rejects.toThrow();
		const { list } = await client.ok(LIST, { accountName: 'zhang.wei', fid: '3' });
		expect(list.filter((entry: Json) => entry.messageId === fields.messageId)).toHaveLength(1);
		expect(mailbox('li.na').filter((copy) => copy.messageId === fields.messageId)).toHaveLength(1);
		const lost = sandbox()
			.control.requests()
			.filter((request) => request.path === SEND)
			.at(-1)!;
		expect(lost).toMatchObject({ fault: 'lostResponse', code: 0 });
	});
});

describe('mailbox/getFolders, getMessage, getAttachment', () => {
	it('counts the five system folders', async () => {
		expect(await client.ok(FOLDERS, { accountName: 'zhang.wei' })).toEqual([
			{ fid: 1, name: '收件箱', total: 4, unread: 2 },
			{ fid: 2, name: '草稿箱', total: 0, unread: 0 },
			{ fid: 3, name: '已发送', total: 1, unread: 0 },
			{ fid: 4, name: '已删除', total: 0, unread: 0 },
			{ fid: 5, name: '垃圾邮件', total: 1, unread: 1 },
		]);
		expect(await message(FOLDERS, { accountName: 'nobody' })).toBe(
			`${BUSINESS}ACCOUNT.NOTEXIST:${email('nobody')}账号不存在`,
		);
	});

	it('reads a seeded message without marking it read; another mailbox’s mid is unknown', async () => {
		const seeded = mailbox('zhang.wei').find((candidate) => candidate.subject === '合同审阅意见')!;
		const view = await client.ok(GET, { accountName: 'zhang.wei', mid: seeded.mid });
		expect(view).toMatchObject({
			mid: seeded.mid,
			fid: 1,
			messageId: expect.stringMatching(/^<.+@sandbox\.example\.com>$/),
			from: 'counsel@partner.example.org',
			to: [email('zhang.wei')],
			cc: [],
			read: false,
			text: '附件为修订后的合同，请查收。',
			html: '<p>附件为修订后的合同，请查收。</p>',
			attachments: [
				{ partId: '2', fileName: '合同-修订版.pdf', mimeType: 'application/pdf', size: 182044 },
			],
		});
		expect(mailbox('zhang.wei').find((candidate) => candidate.mid === seeded.mid)!.read).toBe(
			false,
		);
		// The seeded reply in Sent answers the first seeded message.
		const reply = mailbox('zhang.wei').find((candidate) => candidate.fid === 3)!;
		expect(reply.inReplyTo).toBe(mailbox('zhang.wei')[0].messageId);

		expect(await message(GET, { accountName: 'li.na', mid: seeded.mid })).toBe(
			`${BUSINESS}MAIL.NOTEXIST`,
		);
		expect(await message(GET, { accountName: 'zhang.wei', mid: 'SBXM99' })).toBe(
			`${BUSINESS}MAIL.NOTEXIST`,
		);
		expect(await message(GET, { accountName: 'zhang.wei' })).toBe(`${PARAM}mid`);
	});

	it('hands out attachments as base64 of their exact bytes', async () => {
		const seeded = mailbox('zhang.wei').find((candidate) => candidate.subject === '合同审阅意见')!;
		const file = await client.ok(ATTACHMENT, {
			accountName: 'zhang.wei',
			mid: seeded.mid,
			partId: '2',
		});
		expect(Object.keys(file).sort()).toEqual(['content', 'fileName', 'mimeType', 'size']);
		expect(Buffer.from(file.content, 'base64')).toHaveLength(182044);
		expect(sha256(Buffer.from(file.content, 'base64'))).toBe(seeded.attachments[0].sha256);

		expect(
			await message(ATTACHMENT, { accountName: 'zhang.wei', mid: seeded.mid, partId: '3' }),
		).toBe(`${BUSINESS}MAIL.ATTACHMENT.NOTEXIST`);
		expect(await message(ATTACHMENT, { accountName: 'zhang.wei', mid: 'nope', partId: '2' })).toBe(
			`${BUSINESS}MAIL.NOTEXIST`,
		);
		expect(await message(ATTACHMENT, { accountName: 'zhang.wei', mid: seeded.mid })).toBe(
			`${PARAM}partId`,
		);
	});
});

describe('control deliverMail with bodies and files', () => {
	it('seeds text, html, messageId, cc and base64 attachments', async () => {
		const bytes = randomBytes(5000);
		const { mid } = sandbox().control.deliverMail({
			to: 'li.na',
			from: 'partner@example.org',
			subject: '带附件',
			text: '纯文本',
			html: '<p>超文本</p>',
			messageId: '<seed-1@example.org>',
			cc: [email('wang.fang')],
			attachments: [
				{
					fileName: '数据.bin',
					mimeType: 'application/octet-stream',
					content: bytes.toString('base64'),
				},
				{ fileName: 'stand-in.txt', size: 10 },
			],
		});
		const view = await client.ok(GET, { accountName: 'li.na', mid });
		expect(view).toMatchObject({
			messageId: '<seed-1@example.org>',
			to: [email('li.na')],
			cc: [email('wang.fang')],
			text: '纯文本',
			html: '<p>超文本</p>',
			attachments: [
				{ partId: '2', fileName: '数据.bin', size: 5000 },
				{ partId: '3', fileName: 'stand-in.txt', mimeType: 'application/octet-stream', size: 10 },
			],
		});
		const file = await client.ok(ATTACHMENT, { accountName: 'li.na', mid, partId: '2' });
		expect(Buffer.from(file.content, 'base64').equals(bytes)).toBe(true);

		// `content` with contentType text/html is the HTML body.
		const html = sandbox().control.deliverMail({
			to: 'li.na',
			from: 'a@example.org',
			subject: 'h',
			content: '<b>粗体</b> 文字',
			contentType: 'text/html',
		});
		expect(await client.ok(GET, { accountName: 'li.na', mid: html.mid })).toMatchObject({
			text: '',
			html: '<b>粗体</b> 文字',
		});
		expect(mailbox('li.na').find((copy) => copy.mid === html.mid)!.summary).toBe('粗体 文字');

		const bad = await control(sandbox(), 'POST', '/mail', {
			to: 'li.na',
			from: 'a@example.org',
			subject: 's',
			attachments: [{ fileName: 'x', content: '***' }],
		});
		expect(bad).toEqual({ status: 400, json: { error: 'attachment content must be base64' } });
		const mismatch = await control(sandbox(), 'POST', '/mail', {
			to: 'li.na',
			from: 'a@example.org',
			subject: 's',
			attachments: [{ fileName: 'x', content: 'YWJj', size: 4 }],
		});
		expect(mismatch.status).toBe(400);
		const badCc = await control(sandbox(), 'POST', '/mail', {
			to: 'li.na',
			from: 'a@example.org',
			subject: 's',
			cc: 'not-an-address',
		});
		expect(badCc.status).toBe(400);
	});
});

describe('mailbox/markMessages, moveMessages, deleteMessages', () => {
	const unread = async (accountName: string) =>
		(await client.ok('/api/open/mailbox/getUnreadMsg', { accountName, fid: '1' })).count;

	it('marks read and unread, idempotently; an unknown mid changes nothing', async () => {
		const mids = mailbox('zhang.wei')
			.filter((candidate) => candidate.fid === 1)
			.map((candidate) => candidate.mid);
		expect(await unread('zhang.wei')).toBe(2);
		expect(
			await client.ok(MARK, { accountName: 'zhang.wei', mids: mids.join(','), read: 1 }),
		).toBeNull();
		expect(await unread('zhang.wei')).toBe(0);
		await client.ok(MARK, { accountName: 'zhang.wei', mids: mids.join(','), read: 1 });
		expect(await unread('zhang.wei')).toBe(0);
		await client.ok(MARK, { accountName: 'zhang.wei', mids: [mids[0], mids[1]], read: '0' });
		expect(await unread('zhang.wei')).toBe(2);

		expect(
			await message(MARK, { accountName: 'zhang.wei', mids: `${mids[2]},SBXMnope`, read: 0 }),
		).toBe(`${BUSINESS}MAIL.NOTEXIST:SBXMnope`);
		expect(await unread('zhang.wei')).toBe(2);
		expect(await message(MARK, { accountName: 'zhang.wei', mids: mids[0], read: 2 })).toBe(
			`${PARAM}read`,
		);
		expect(await message(MARK, { accountName: 'zhang.wei', mids: mids[0] })).toBe(`${PARAM}read`);
		expect(await message(MARK, { accountName: 'zhang.wei', mids: '', read: 1 })).toBe(
			`${PARAM}mids`,
		);
		expect(await message(MARK, { accountName: 'zhao.lei', mids: mids[0], read: 1 })).toBe(
			`${BUSINESS}ACCOUNT.STATUSERROR`,
		);
	});

	it('moves between folders, idempotently', async () => {
		const [first] = mailbox('li.na');
		expect(await client.ok(MOVE, { accountName: 'li.na', mids: first.mid, fid: 5 })).toBeNull();
		await client.ok(MOVE, { accountName: 'li.na', mids: first.mid, fid: '5' });
		expect(mailbox('li.na')[0].fid).toBe(5);
		expect(await message(MOVE, { accountName: 'li.na', mids: first.mid, fid: 6 })).toBe(
			`${PARAM}fid`,
		);
		expect(await message(MOVE, { accountName: 'li.na', mids: `${first.mid},x`, fid: 1 })).toBe(
			`${BUSINESS}MAIL.NOTEXIST:x`,
		);
		expect(mailbox('li.na')[0].fid).toBe(5);
	});

	it('deletes to Deleted, then for good', async () => {
		const [first, second] = mailbox('li.na');
		expect(await client.ok(DELETE, { accountName: 'li.na', mids: first.mid })).toBeNull();
		expect(mailbox('li.na').map((candidate) => candidate.fid)).toEqual([4, 1]);
		await client.ok(DELETE, {
			accountName: 'li.na',
			mids: `${first.mid},${second.mid},${first.mid}`,
		});
		expect(mailbox('li.na').map((candidate) => [candidate.mid, candidate.fid])).toEqual([
			[second.mid, 4],
		]);
		expect(await message(DELETE, { accountName: 'li.na', mids: first.mid })).toBe(
			`${BUSINESS}MAIL.NOTEXIST:${first.mid}`,
		);
		expect(await message(DELETE, { accountName: 'li.na' })).toBe(`${PARAM}mids`);
	});
});

describe('mail/recallMail', () => {
	it('recalls unread in-domain copies, reports read, external, refused and vanished ones, idempotently', async () => {
		const sent = await send({
			accountName: 'zhang.wei',
			to: recipients(email('li.na'), 'partner@example.org', email('nobody')),
			cc: recipients(email('wang.fang')),
			bcc: recipients(email('liu.yang')),
			subject: '撤回测试',
			text: 't',
		});
		const copyOf = (accountName: string) =>
			mailbox(accountName).find((candidate) => candidate.subject === '撤回测试');
		await client.ok(MARK, { accountName: 'li.na', mids: copyOf('li.na')!.mid, read: 1 });
		await client.ok(DELETE, { accountName: 'liu.yang', mids: copyOf('liu.yang')!.mid });
		await client.ok(DELETE, { accountName: 'liu.yang', mids: copyOf('liu.yang')!.mid });

		const first = await client.ok(RECALL, { accountName: 'zhang.wei', mid: sent.mid });
		expect(first).toEqual({
			results: [
				{ address: email('li.na'), outcome: 'alreadyRead' },
				{ address: email('wang.fang'), outcome: 'recalled' },
				{ address: email('liu.yang'), outcome: 'notRecallable', reason: 'MAIL.NOTEXIST' },
				{ address: 'partner@example.org', outcome: 'notRecallable', reason: 'RECIPIENT.EXTERNAL' },
				{ address: email('nobody'), outcome: 'notRecallable', reason: 'ACCOUNT.NOTEXIST' },
			],
		});
		expect(copyOf('wang.fang')).toBeUndefined();
		expect(copyOf('li.na')).toBeDefined();
		expect(await client.ok(RECALL, { accountName: 'zhang.wei', mid: sent.mid })).toEqual(first);
		// The Sent copy stays.
		expect(mailbox('zhang.wei').find((candidate) => candidate.mid === sent.mid)!.fid).toBe(3);
	});

	it('refuses unknown and unsent messages; a seeded Sent message has no known copies', async () => {
		const inbox = mailbox('zhang.wei').find((candidate) => candidate.fid === 1)!;
		const seededSent = mailbox('zhang.wei').find((candidate) => candidate.fid === 3)!;
		expect(await message(RECALL, { accountName: 'zhang.wei', mid: 'nope' })).toBe(
			`${BUSINESS}MAIL.NOTEXIST`,
		);
		expect(await message(RECALL, { accountName: 'li.na', mid: seededSent.mid })).toBe(
			`${BUSINESS}MAIL.NOTEXIST`,
		);
		expect(await message(RECALL, { accountName: 'zhang.wei', mid: inbox.mid })).toBe(
			`${BUSINESS}MAIL.NOTSENT`,
		);
		expect(await message(RECALL, { accountName: 'zhang.wei' })).toBe(`${PARAM}mid`);
		expect(await client.ok(RECALL, { accountName: 'zhang.wei', mid: seededSent.mid })).toEqual({
			results: [{ address: email('li.na'), outcome: 'notRecallable', reason: 'MAIL.NOTEXIST' }],
		});
	});
});

describe('account/handOverMail, getHandOverStatus', () => {
	const status = (accountName: string) => client.ok(HAND_OVER_STATUS, { accountName });
	const accountStatus = (accountName: string) =>
		sandbox()
			.control.state()
			.accounts.find((candidate) => candidate.accountName === accountName)!.status;

	it('answers none for an account never handed over', async () => {
		expect(await status('zhang.wei')).toEqual({
			state: 'none',
			status: 0,
			targetAccountName: null,
			copied: 0,
			total: 0,
			taskId: null,
		});
		expect(await message(HAND_OVER_STATUS, { accountName: 'nobody' })).toBe(
			`${BUSINESS}ACCOUNT.NOTEXIST:${email('nobody')}账号不存在`,
		);
	});

	it('with handOverMs 0 completes before answering: copies read and prefixed, status 6', async () => {
		expect(sandbox().control.config().handOverMs).toBe(0);
		expect(() => sandbox().control.configure({ handOverMs: -1 })).toThrow(
			'handOverMs must be a non-negative number',
		);
		const before = mailbox('li.na');
		const revisionsBefore = sandbox().control.state().revisions.length;
		const { taskId } = await client.ok(HAND_OVER, {
			accountName: 'li.na',
			targetAccountName: 'wang.fang',
		});
		expect(taskId).toMatch(/^sbxt\d{12}$/);
		expect(await status('li.na')).toEqual({
			state: 'handedOver',
			status: 6,
			targetAccountName: 'wang.fang',
			copied: 2,
			total: 2,
			taskId,
		});
		const copies = mailbox('wang.fang').filter((candidate) =>
			candidate.subject.startsWith('[交接:li.na] '),
		);
		expect(copies.map((copy) => copy.subject).sort()).toEqual(
			before.map((original) => `[交接:li.na] ${original.subject}`).sort(),
		);
		expect(copies.every((copy) => copy.read && copy.fid === 1)).toBe(true);
		expect(mailbox('li.na')).toHaveLength(2);
		const revisions = sandbox().control.state().revisions.slice(revisionsBefore);
		expect(
			revisions.map((record) => [record.op, 'account' in record && record.account.status]),
		).toEqual([
			['UPDATE', 5],
			['UPDATE', 6],
		]);

		expect(await message(HAND_OVER, { accountName: 'li.na', targetAccountName: 'liu.yang' })).toBe(
			`${BUSINESS}ACCOUNT.HANDOVER.EXIST`,
		);
	});

	it('with handOverMs > 0 is handingOver (status 5) first, then handedOver', async () => {
		sandbox().control.configure({ handOverMs: 200 });
		const { taskId } = await client.ok(HAND_OVER, {
			accountName: 'zhang.wei',
			targetAccountName: 'li.na',
		});
		expect(await status('zhang.wei')).toEqual({
			state: 'handingOver',
			status: 5,
			targetAccountName: 'li.na',
			copied: 0,
			total: 6,
			taskId,
		});
		expect(accountStatus('zhang.wei')).toBe(5);
		expect(sandbox().control.state().handOvers).toEqual([
			expect.objectContaining({
				taskId,
				accountName: 'zhang.wei',
				state: 'handingOver',
				completedAt: null,
			}),
		]);
		expect(
			await message(HAND_OVER, { accountName: 'zhang.wei', targetAccountName: 'wang.fang' }),
		).toBe(`${BUSINESS}ACCOUNT.HANDOVER.EXIST`);
		// One message goes away meanwhile: it is not copied.
		const doomed = mailbox('zhang.wei').find((candidate) => candidate.fid === 5)!;
		await client.ok(DELETE, { accountName: 'zhang.wei', mids: doomed.mid });
		await client.ok(DELETE, { accountName: 'zhang.wei', mids: doomed.mid });

		await sleep(350);
		expect(await status('zhang.wei')).toEqual({
			state: 'handedOver',
			status: 6,
			targetAccountName: 'li.na',
			copied: 5,
			total: 6,
			taskId,
		});
		expect(
			mailbox('li.na').filter((candidate) => candidate.subject.startsWith('[交接:zhang.wei] ')),
		).toHaveLength(5);
	});

	it('closing the sandbox cancels a pending hand-over', async () => {
		const own = await startSandbox({ port: 0, handOverMs: 150 });
		const ownClient = new Client(() => own);
		await ownClient.ok(HAND_OVER, { accountName: 'zhang.wei', targetAccountName: 'li.na' });
		await own.close();
		await sleep(300);
		expect(own.control.state().handOvers).toEqual([
			expect.objectContaining({ state: 'handingOver', copied: 0 }),
		]);
	});

	it('a reset cancels a pending hand-over', async () => {
		sandbox().control.configure({ handOverMs: 100 });
		await client.ok(HAND_OVER, { accountName: 'zhang.wei', targetAccountName: 'li.na' });
		sandbox().control.reset();
		expect(sandbox().control.config().handOverMs).toBe(0);
		await sleep(200);
		expect((await status('zhang.wei')).state).toBe('none');
		expect(mailbox('li.na')).toHaveLength(2);
	});

	it('refuses deleted leavers, inactive or identical successors, and unknown accounts', async () => {
		const refusal = (accountName: string | undefined, targetAccountName: string | undefined) =>
			message(HAND_OVER, { accountName, targetAccountName });
		expect(await refusal('zhao.lei', 'li.na')).toBe(`${BUSINESS}ACCOUNT.STATUSERROR`);
		expect(await refusal('li.na', 'chen.jing')).toBe(`${BUSINESS}ACCOUNT.STATUSERROR`);
		expect(await refusal('li.na', 'zhao.lei')).toBe(`${BUSINESS}ACCOUNT.STATUSERROR`);
		expect(await refusal('li.na', 'li.na')).toBe(`${PARAM}targetAccountName`);
		expect(await refusal('li.na', email('li.na'))).toBe(`${PARAM}targetAccountName`);
		expect(await refusal('li.na', undefined)).toBe(`${PARAM}targetAccountName`);
		expect(await refusal('li.na', 'nobody')).toBe(
			`${BUSINESS}ACCOUNT.NOTEXIST:${email('nobody')}账号不存在`,
		);
		expect(await refusal('nobody', 'li.na')).toBe(
			`${BUSINESS}ACCOUNT.NOTEXIST:${email('nobody')}账号不存在`,
		);
		expect(accountStatus('li.na')).toBe(0);
		// A suspended leaver may hand over.
		expect(
			(await client.call(HAND_OVER, { accountName: 'chen.jing', targetAccountName: 'li.na' })).code,
		).toBe(0);
	});
});

describe('sso/getLoginAccess, updateLoginAccess', () => {
	it('defaults to every module, stores per target until reset', async () => {
		expect(
			await client.ok(GET_ACCESS, { targetType: 'unit', targetId: '100000000000001' }),
		).toEqual({
			targetType: 'unit',
			targetId: '100000000000001',
			modules: [...LOGIN_ACCESS_MODULES],
		});
		expect(LOGIN_ACCESS_MODULES).toEqual(['mail', 'contacts', 'calendar', 'netdisk', 'settings']);
		expect(
			await client.ok(UPDATE_ACCESS, {
				targetType: 'role',
				targetId: 'employee',
				modules: 'netdisk, mail,mail',
			}),
		).toBeNull();
		await client.ok(UPDATE_ACCESS, {
			targetType: 'role',
			targetId: 'employee',
			modules: 'netdisk, mail,mail',
		});
		expect(await client.ok(GET_ACCESS, { targetType: 'role', targetId: 'employee' })).toEqual({
			targetType: 'role',
			targetId: 'employee',
			modules: ['mail', 'netdisk'],
		});
		expect(
			(await client.ok(GET_ACCESS, { targetType: 'unit', targetId: 'employee' })).modules,
		).toHaveLength(5);
		await client.ok(UPDATE_ACCESS, {
			targetType: 'unit',
			targetId: 'default',
			modules: ['settings'],
		});
		const orgDefault = `${sandbox().identity.orgOpenId}_default`;
		expect(await client.ok(GET_ACCESS, { targetType: 'unit', targetId: orgDefault })).toEqual({
			targetType: 'unit',
			targetId: orgDefault,
			modules: ['settings'],
		});
		expect(sandbox().control.state().loginAccess).toEqual([
			{ targetType: 'role', targetId: 'employee', modules: ['mail', 'netdisk'] },
			{ targetType: 'unit', targetId: orgDefault, modules: ['settings'] },
		]);

		sandbox().control.reset();
		expect(
			(await client.ok(GET_ACCESS, { targetType: 'role', targetId: 'employee' })).modules,
		).toHaveLength(5);
		expect(sandbox().control.state().loginAccess).toEqual([]);
	});

	it('refuses unknown target types, missing ids and bad module lists', async () => {
		const target = { targetType: 'role', targetId: 'employee' };
		expect(await message(UPDATE_ACCESS, { ...target, modules: '' })).toBe(`${PARAM}modules`);
		expect(await message(UPDATE_ACCESS, { ...target })).toBe(`${PARAM}modules`);
		expect(await message(UPDATE_ACCESS, { ...target, modules: 'mail,games' })).toBe(
			`${PARAM}modules`,
		);
		expect(await message(UPDATE_ACCESS, { ...target, targetType: 'team', modules: 'mail' })).toBe(
			`${PARAM}targetType`,
		);
		expect(await message(GET_ACCESS, { targetType: 'role' })).toBe(`${PARAM}targetId`);
		expect(await message(GET_ACCESS, { targetId: 'x' })).toBe(`${PARAM}targetType`);
		expect(await message(GET_ACCESS, { ...target, domain: 'other.example.com' })).toBe(
			`${BUSINESS}DOMAIN.NOTEXIST`,
		);
		expect((await client.ok(GET_ACCESS, target)).modules).toHaveLength(5);
	});
});

describe('sso/ssoSign expiredTime', () => {
	const sign = async (): Promise<{ sign: string; endpoint: string; expiredTime: string }> => {
		const { appId, authCode, orgOpenId } = sandbox().identity;
		const token = (
			await post(sandbox(), '/api/pub/token/ssoAuthToken', { appId, authCode, orgOpenId })
		).data as { ssoAuthToken: string };
		const signed = await post(
			sandbox(),
			'/api/sso/ssoSign',
			{ domain: DOMAIN, accountName: 'li.na' },
			{
				headers: {
					'qiye-sso-auth-token': token.ssoAuthToken,
					'qiye-app-id': appId,
					'qiye-org-open-id': orgOpenId,
				},
			},
		);
		return signed.data as { sign: string; endpoint: string; expiredTime: string };
	};

	it('says when the sign expires: five minutes on, China time', async () => {
		const started = Date.now();
		const { expiredTime } = await sign();
		expect(expiredTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		const expiresAt = parseChinaTime(expiredTime)!;
		expect(expiresAt).toBeGreaterThanOrEqual(Math.floor((started + 300_000) / 1000) * 1000);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
	});

	it('follows ssoSignTtlSeconds; the landing page refuses the sign after it', async () => {
		sandbox().control.configure({ ssoSignTtlSeconds: 1 });
		const started = Date.now();
		const signed = await sign();
		expect(parseChinaTime(signed.expiredTime)!).toBeLessThanOrEqual(started + 2000);
		await sleep(1100);
		expect((await fetch(`${signed.endpoint}?sso_token=${signed.sign}`)).status).toBe(403);
	});
});
