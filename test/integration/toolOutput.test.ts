import { randomBytes } from 'crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BODY_LIMIT, clip } from '../../nodes/NeteaseEmail/shared/framework/toolOutput';
import type { NodeRun, RunOptions } from '../support/netease';
import {
	ADDRESS_BOOK_TOOL_TYPE,
	callsTo,
	EMAIL_NODE_TYPE,
	EMAIL_TOOL_TYPE,
	locator,
	usePlatform,
} from '../support/netease';

const GET_MESSAGE = '/api/open/mailbox/getMessage';
const GET_ATTACHMENT = '/api/open/mailbox/getAttachment';
const LIST = '/api/open/mailbox/listMessages';

const NOTICE_HTML = [
	'<html><head><title>通知</title><style>p { color: red }</style></head><body>',
	'<script>track("<p>open</p>")</script>',
	'<p>各位同事：</p>',
	'<p>本周五&nbsp;18:00 停机维护，详情见<a href="https://it.example.com/notice?id=7&amp;lang=zh">通知</a>。</p>',
	'<ul><li>邮件 &amp; 日历</li><li>VPN</li></ul>',
	'<p>IT 部<br>&copy; 2026</p>',
	'</body></html>',
].join('');
const NOTICE_TEXT = [
	'各位同事：',
	'',
	'本周五 18:00 停机维护，详情见通知 (https://it.example.com/notice?id=7&lang=zh)。',
	'',
	'- 邮件 & 日历',
	'- VPN',
	'',
	'IT 部',
	'© 2026',
].join('\n');

describe('Compact output when an AI agent runs a node as a tool', () => {
	const platform = usePlatform();
	const liuYang = locator('liu.yang', 'address');

	/** Runs the Email node on the sandbox, as an ordinary node or, `asTool`, as an AI tool. */
	const email = (parameters: INodeParameters, asTool = false): Promise<NodeRun> =>
		platform.run(
			{ resource: 'message', ...parameters },
			{ nodeType: asTool ? EMAIL_TOOL_TYPE : EMAIL_NODE_TYPE },
		);
	const emailTool = (parameters: INodeParameters) => email(parameters, true);
	const deliver = (subject: string, extra: IDataObject = {}) =>
		platform.sandbox.control.deliverMail({
			to: 'liu.yang',
			from: '信息技术部 <it@sandbox.example.com>',
			subject,
			...extra,
		}).mid;

	describe('Message → Get', () => {
		test('an HTML body is readable text, the HTML field left out; as a normal node the HTML is there', async () => {
			const mid = deliver('停机通知', { html: NOTICE_HTML });

			const tool = await emailTool({ operation: 'get', mailbox: liuYang, mid });
			expect(tool.success).toBe(true);
			expect(tool.json).toEqual([
				{
					id: mid,
					messageId: expect.stringMatching(/^<.+>$/),
					folder: 'inbox',
					from: '信息技术部 <it@sandbox.example.com>',
					to: ['liu.yang@sandbox.example.com'],
					cc: [],
					replyTo: '',
					subject: '停机通知',
					date: expect.any(String),
					size: expect.any(Number),
					read: false,
					text: NOTICE_TEXT,
					inReplyTo: '',
					references: [],
					attachments: [],
				},
			]);

			const normal = await email({ operation: 'get', mailbox: liuYang, mid });
			expect(normal.json[0]).toMatchObject({ text: '', html: NOTICE_HTML });
			// Everything but the bodies is the same.
			expect({ ...tool.json[0], text: '' }).toEqual({ ...normal.json[0], html: undefined });
		});

		test('a message with a text body gives that text, and no HTML', async () => {
			const mid = deliver('纯文本与 HTML', {
				text: '您好，\n附件是合同。',
				html: '<p>您好，</p><p>附件是<b>合同</b>。</p>',
			});
			const tool = await emailTool({ operation: 'get', mailbox: liuYang, mid });
			expect(tool.json[0].text).toBe('您好，\n附件是合同。');
			expect(tool.json[0]).not.toHaveProperty('html');
		});

		test(`a long body is cut at ${BODY_LIMIT} characters with a marker saying how much is left out`, async () => {
			const paragraphs = Array.from(
				{ length: 300 },
				(_, n) => `<p>第 ${n} 段：这是一段很长的说明文字。</p>`,
			);
			const mid = deliver('长邮件', { html: paragraphs.join('') });
			const full = Array.from(
				{ length: 300 },
				(_, n) => `第 ${n} 段：这是一段很长的说明文字。`,
			).join('\n\n');

			const tool = await emailTool({ operation: 'get', mailbox: liuYang, mid });
			const text = String(tool.json[0].text);
			const [, kept, more] = /^([\s\S]*)… \[truncated, (\d+) more characters\]$/.exec(text)!;
			expect(kept.length).toBeLessThanOrEqual(BODY_LIMIT);
			expect(kept.length).toBeGreaterThan(BODY_LIMIT * 0.9);
			expect(full.startsWith(kept)).toBe(true);
			expect(kept.length + Number(more)).toBe(full.length);
			// Cut between paragraphs, not inside one.
			expect(kept).toMatch(/文字。$/);

			const normal = await email({ operation: 'get', mailbox: liuYang, mid });
			expect(normal.json[0].html).toBe(paragraphs.join(''));
		});

		const withAttachments = () => {
			const pdf = randomBytes(30_000);
			const sheet = randomBytes(900);
			const mid = deliver('合同附件', {
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
			return { mid, pdf, sheet };
		};
		const METADATA = [
			{ partId: '2', fileName: '合同（盖章版）.pdf', mimeType: 'application/pdf', size: 30_000 },
			{ partId: '3', fileName: 'prices.xlsx', mimeType: 'application/vnd.ms-excel', size: 900 },
		];

		test('attachments: their name, size, type and id, no bytes and no download unless asked', async () => {
			const { mid } = withAttachments();
			const tool = await emailTool({ operation: 'get', mailbox: liuYang, mid });
			expect(tool.json[0]).toMatchObject({ text: '请见附件', attachments: METADATA });
			expect(tool.items[0].binary).toBeUndefined();
			expect(callsTo(platform.sandbox, GET_MESSAGE)).toHaveLength(1);
			expect(callsTo(platform.sandbox, GET_ATTACHMENT)).toEqual([]);
		});

		test('Download Attachments puts the files on the item as binary data, never in the JSON the model reads', async () => {
			const { mid, pdf, sheet } = withAttachments();
			const download = { operation: 'get', mailbox: liuYang, mid };
			const options = { downloadAttachments: true };

			const tool = await emailTool({ ...download, options });
			expect(callsTo(platform.sandbox, GET_ATTACHMENT)).toHaveLength(2);
			const binary = tool.items[0].binary!;
			expect(Object.keys(binary)).toEqual(['attachment_0', 'attachment_1']);
			expect(Buffer.from(binary.attachment_0.data, 'base64').equals(pdf)).toBe(true);
			expect(Buffer.from(binary.attachment_1.data, 'base64').equals(sheet)).toBe(true);
			expect(tool.json[0]).toMatchObject({ text: '请见附件', attachments: METADATA });
			const read = JSON.stringify(tool.json);
			expect(read).not.toContain(pdf.toString('base64').slice(0, 64));
			expect(read).not.toContain(sheet.toString('base64').slice(0, 64));
			expect(read.length).toBeLessThan(2_000);

			// The same run as a normal node: the same files, the HTML body as before.
			const normal = await email({ ...download, options });
			expect(Object.keys(normal.items[0].binary!)).toEqual(['attachment_0', 'attachment_1']);
			expect(normal.json[0]).toMatchObject({ text: '', html: '<p>请见附件</p>' });
		});

		test('Simplify off is ignored as a tool, and still gives the raw answer as a normal node', async () => {
			const mid = deliver('停机通知', { html: NOTICE_HTML });
			const raw = { operation: 'get', mailbox: liuYang, mid, options: { simplify: false } };

			const tool = await emailTool(raw);
			expect(tool.json[0]).toMatchObject({ id: mid, folder: 'inbox', text: NOTICE_TEXT });
			expect(tool.json[0]).not.toHaveProperty('mid');
			expect(tool.json[0]).not.toHaveProperty('html');

			const normal = await email(raw);
			expect(normal.json[0]).toMatchObject({ mid, fid: 1, html: NOTICE_HTML });
		});
	});

	describe('Message → Get Many', () => {
		test('simplified summaries in plain text, attachment names only, with Simplify off too; one list call', async () => {
			deliver('停机通知', { html: NOTICE_HTML });
			deliver('合同附件', {
				text: '请见附件',
				attachments: [{ fileName: 'a.pdf', content: randomBytes(2_000).toString('base64') }],
			});
			const getAll = {
				operation: 'getAll',
				mailbox: liuYang,
				returnAll: true,
				options: { simplify: false },
			};

			const tool = await emailTool(getAll);
			expect(tool.json.map((row) => [row.subject, row.snippet, row.attachmentNames])).toEqual([
				['合同附件', '请见附件', ['a.pdf']],
				['停机通知', expect.stringMatching(/各位同事： 本周五 18:00 停机维护/), []],
			]);
			for (const row of tool.json) {
				expect(Object.keys(row)).toEqual([
					'id',
					'messageId',
					'folder',
					'from',
					'to',
					'cc',
					'subject',
					'date',
					'size',
					'read',
					'snippet',
					'attachmentNames',
				]);
			}
			expect(callsTo(platform.sandbox, LIST)).toHaveLength(1);
			expect(callsTo(platform.sandbox, GET_MESSAGE)).toEqual([]);
			expect(callsTo(platform.sandbox, GET_ATTACHMENT)).toEqual([]);

			const normal = await email(getAll);
			expect(normal.json[0]).toMatchObject({
				mid: expect.any(String),
				fid: 1,
				summary: '请见附件',
			});
		});
	});

	describe('other nodes', () => {
		test('Address Book → Account → Get Many as a tool is simplified even with Simplify off', async () => {
			const getAll = {
				resource: 'account',
				operation: 'getAll',
				department: locator('研发中心', 'path'),
				recursive: true,
				returnAll: true,
			};
			const asTool = (parameters: INodeParameters, options: RunOptions = {}) =>
				platform.run(parameters, { ...options, nodeType: ADDRESS_BOOK_TOOL_TYPE });

			const simplified = await platform.run(getAll);
			const tool = await asTool({ ...getAll, options: { simplify: false } });
			expect(tool.json).toEqual(simplified.json);
			expect(tool.json.map((account) => account.email).sort()).toEqual([
				'li.na@sandbox.example.com',
				'liu.yang@sandbox.example.com',
				'wang.fang@sandbox.example.com',
			]);

			const raw = await platform.run({ ...getAll, options: { simplify: false } });
			expect(raw.json).not.toEqual(simplified.json);
			expect(raw.json[0]).toHaveProperty('unitId');
		});

		test('Platform Request as a tool: a base64 file in the answer is left out of what the model reads', async () => {
			const mid = deliver('附件', {
				attachments: [{ fileName: 'scan.png', content: randomBytes(3_000).toString('base64') }],
			});
			const request = {
				resource: 'platformRequest',
				operation: 'send',
				endpointKey: 'message.attachment',
				body: JSON.stringify({ accountName: 'liu.yang', mid, partId: '2' }),
				confirm: 'send',
			};

			const tool = await emailTool(request);
			expect(tool.json).toEqual([
				{
					fileName: 'scan.png',
					mimeType: expect.any(String),
					size: 3_000,
					content: '[file content left out: 3000 bytes]',
				},
			]);

			const normal = await email(request);
			expect(Buffer.from(String(normal.json[0].content), 'base64')).toHaveLength(3_000);
		});
	});
});

describe('clip: where a long body is cut', () => {
	test('a text within the limit is left as it is', () => {
		expect(clip('a'.repeat(BODY_LIMIT))).toBe('a'.repeat(BODY_LIMIT));
	});

	test.each([
		[
			'at a word break near the limit',
			`${'word '.repeat(30)}tail`,
			100,
			`${'word '.repeat(19)}word`,
		],
		[
			'after Chinese punctuation near the limit',
			`${'很长的句子，'.repeat(30)}`,
			100,
			'很长的句子，'.repeat(16),
		],
		['at the limit where no break is near', 'x'.repeat(150), 100, 'x'.repeat(100)],
		['never inside an emoji', `${'x'.repeat(99)}😀😀`, 100, 'x'.repeat(99)],
	])('%s', (_case, text, limit, kept) => {
		const more = [...text].length - [...kept].length;
		expect(clip(text, limit)).toBe(`${kept}… [truncated, ${more} more characters]`);
	});
});
