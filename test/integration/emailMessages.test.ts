import { createHash, randomBytes } from 'crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RunOptions } from '../support/netease';
import { callsTo, EMAIL_NODE_TYPE, locator, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';
const SEND = '/api/open/mail/sendMail';
const LIST = '/api/open/mailbox/listMessages';
const MESSAGE_ID = new RegExp(`^<[0-9a-f-]{36}@${DOMAIN.replace(/\./g, '\\.')}>$`);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** An input item holding files in the given binary properties. */
function filesItem(
	files: Record<string, { bytes: Buffer; fileName: string; mimeType: string }>,
): INodeExecutionData {
	const binary = Object.fromEntries(
		Object.entries(files).map(([property, { bytes, fileName, mimeType }]) => [
			property,
			{ data: bytes.toString('base64'), fileName, mimeType },
		]),
	);
	return { json: {}, binary };
}

describe('NetEase Email: sending messages against the sandbox', () => {
	const platform = usePlatform();
	const email = (parameters: INodeParameters, options: RunOptions = {}) =>
		platform.run({ resource: 'message', ...parameters }, { nodeType: EMAIL_NODE_TYPE, ...options });
	const mailbox = (accountName: string) =>
		platform.sandbox.control.state().mailboxes[accountName] as IDataObject[];
	const copiesOf = (accountName: string, messageId: unknown) =>
		mailbox(accountName).filter((message) => message.messageId === messageId);
	const businessCalls = () =>
		platform.sandbox.control.requests().filter((call) => !call.path.startsWith('/api/pub/token'));
	const sendFrom = (accountName: string, extra: INodeParameters = {}) => ({
		operation: 'send',
		mailbox: locator(accountName, 'address'),
		to: `li.na@${DOMAIN}`,
		subject: '周会纪要',
		text: '大家好，附上本周会议纪要。',
		...extra,
	});

	describe('Send', () => {
		test('attachments (one with a Chinese file name), Chinese subject and display names arrive intact', async () => {
			const report = randomBytes(200_000);
			const invoice = randomBytes(3_000);
			const subject = '季度报告：第一季度（终稿）';
			const result = await email(
				sendFrom('zhang.wei', {
					to: `李娜 <li.na@${DOMAIN}>, partner@client.example.net`,
					cc: `"王, 芳" <wang.fang@${DOMAIN}>`,
					bcc: `liu.yang@${DOMAIN}`,
					subject,
					text: '请查收附件。',
					html: '<p>请查收<b>附件</b>。</p>',
					options: { attachments: 'data, invoice', replyTo: `service@${DOMAIN}` },
				}),
				{
					inputItems: [
						filesItem({
							data: { bytes: report, fileName: 'report.pdf', mimeType: 'application/pdf' },
							invoice: {
								bytes: invoice,
								fileName: '发票-2026年3月.pdf',
								mimeType: 'application/pdf',
							},
						}),
					],
				},
			);
			expect(result.success).toBe(true);
			const [sent] = result.json;
			expect(sent).toEqual({
				mid: expect.any(String),
				messageId: expect.stringMatching(MESSAGE_ID),
				from: `zhang.wei@${DOMAIN}`,
				accepted: [
					`li.na@${DOMAIN}`,
					'partner@client.example.net',
					`wang.fang@${DOMAIN}`,
					`liu.yang@${DOMAIN}`,
				],
				rejected: [],
			});

			const [call] = callsTo(platform.sandbox, SEND);
			const fields = call.body as IDataObject;
			expect(JSON.parse(String(fields.to))).toEqual([
				{ address: `li.na@${DOMAIN}`, name: '李娜' },
				{ address: 'partner@client.example.net', name: '' },
			]);
			expect(JSON.parse(String(fields.cc))).toEqual([
				{ address: `wang.fang@${DOMAIN}`, name: '王, 芳' },
			]);
			expect(JSON.parse(String(fields.bcc))).toEqual([{ address: `liu.yang@${DOMAIN}`, name: '' }]);
			expect(fields).toMatchObject({
				domain: DOMAIN,
				accountName: 'zhang.wei',
				messageId: sent.messageId,
				subject,
				text: '请查收附件。',
				html: '<p>请查收<b>附件</b>。</p>',
				replyTo: `service@${DOMAIN}`,
			});
			const files = [
				{
					fileName: 'report.pdf',
					mimeType: 'application/pdf',
					size: report.length,
					sha256: sha256(report),
				},
				{
					fileName: '发票-2026年3月.pdf',
					mimeType: 'application/pdf',
					size: invoice.length,
					sha256: sha256(invoice),
				},
			];
			expect(fields.attachments).toEqual(files);

			for (const recipient of ['li.na', 'wang.fang', 'liu.yang']) {
				const [copy] = copiesOf(recipient, sent.messageId);
				expect(copy).toMatchObject({
					fid: 1,
					subject,
					from: `zhang.wei@${DOMAIN}`,
					replyTo: `service@${DOMAIN}`,
				});
				expect(copy.attachments).toEqual(
					files.map((file, n) => ({ ...file, partId: String(n + 2) })),
				);
				expect(copy.bcc).toEqual([]);
			}
			expect(copiesOf('zhang.wei', sent.messageId)).toEqual([
				expect.objectContaining({ mid: sent.mid, fid: 3, bcc: [`liu.yang@${DOMAIN}`] }),
			]);
		});

		test('recipients from an expression array, an unknown address of the domain reported as rejected', async () => {
			const result = await email(
				sendFrom('zhang.wei', {
					to: '={{ $json.recipients }}',
					html: '<p>通知</p>',
					text: '',
				}),
				{
					items: [
						{ recipients: [`li.na@${DOMAIN}`, { address: `nobody@${DOMAIN}`, name: '无此人' }] },
					],
				},
			);
			expect(result.success).toBe(true);
			expect(result.json[0]).toMatchObject({
				accepted: [`li.na@${DOMAIN}`],
				rejected: [{ address: `nobody@${DOMAIN}`, reason: 'ACCOUNT.NOTEXIST' }],
			});
			expect(callsTo(platform.sandbox, SEND)[0].body).not.toHaveProperty('text');
		});

		test('a lost answer is verified in the Sent folder: one message only, and the same output', async () => {
			const parameters = sendFrom('zhang.wei', { bcc: `liu.yang@${DOMAIN}` });
			const normal = await email(parameters);
			platform.sandbox.control.reset();
			platform.sandbox.control.injectFault({ path: SEND, kind: 'lostResponse' });

			const lost = await email(parameters);
			expect(lost.success).toBe(true);
			const [sent] = lost.json;
			expect(sent).toEqual({ ...normal.json[0], mid: sent.mid, messageId: sent.messageId });
			expect(callsTo(platform.sandbox, SEND)).toHaveLength(1);
			expect(callsTo(platform.sandbox, LIST)).toHaveLength(1);
			expect(copiesOf('li.na', sent.messageId)).toHaveLength(1);
			expect(copiesOf('liu.yang', sent.messageId)).toHaveLength(1);
			expect(copiesOf('zhang.wei', sent.messageId)).toEqual([
				expect.objectContaining({ mid: sent.mid, fid: 3 }),
			]);
		});

		test('a send that never reached the platform is not found in Sent, so it is sent again, once', async () => {
			platform.sandbox.control.injectFault({ path: SEND, kind: 'drop' });
			const result = await email(sendFrom('zhang.wei'));
			expect(result.success).toBe(true);
			expect(callsTo(platform.sandbox, SEND)).toHaveLength(2);
			expect(copiesOf('li.na', result.json[0].messageId)).toHaveLength(1);
		});
	});

	describe('Reply', () => {
		const reply = (accountName: string, mid: unknown, extra: INodeParameters = {}) =>
			email({
				operation: 'reply',
				mailbox: locator(accountName, 'address'),
				mid: String(mid),
				text: '收到，谢谢。',
				...extra,
			});
		const lastSent = () => {
			const calls = callsTo(platform.sandbox, SEND);
			const fields = calls[calls.length - 1].body as IDataObject;
			const list = (name: string) =>
				fields[name]
					? (JSON.parse(String(fields[name])) as IDataObject[]).map((r) => r.address)
					: [];
			return { fields, to: list('to'), cc: list('cc') };
		};

		test('threads: In-Reply-To and References grow along the thread, "Re: " is added once', async () => {
			const first = await email(sendFrom('zhang.wei', { subject: '项目进度' }));
			const m1 = first.json[0].messageId;
			const [inLiNa] = copiesOf('li.na', m1);

			const second = await reply('li.na', inLiNa.mid);
			expect(second.success).toBe(true);
			expect(second.json[0]).toEqual({
				mid: expect.any(String),
				messageId: expect.stringMatching(MESSAGE_ID),
				from: `li.na@${DOMAIN}`,
				accepted: [`zhang.wei@${DOMAIN}`],
				rejected: [],
				inReplyTo: m1,
			});
			expect(lastSent().fields).toMatchObject({
				subject: 'Re: 项目进度',
				inReplyTo: m1,
				references: m1,
			});

			const m2 = second.json[0].messageId;
			const [inZhangWei] = copiesOf('zhang.wei', m2);
			const third = await reply('zhang.wei', inZhangWei.mid);
			expect(third.json[0]).toMatchObject({ inReplyTo: m2, accepted: [`li.na@${DOMAIN}`] });
			expect(lastSent().fields).toMatchObject({
				subject: 'Re: 项目进度',
				references: `${m1} ${m2}`,
			});
			const [threaded] = copiesOf('li.na', third.json[0].messageId);
			expect(threaded).toMatchObject({
				inReplyTo: m2,
				references: `${m1} ${m2}`,
				subject: 'Re: 项目进度',
			});
		});

		test('Reply All: the sender (or Reply-To) in To, the original To and CC in CC, without the mailbox itself', async () => {
			const { mid } = platform.sandbox.control.deliverMail({
				to: 'li.na',
				from: '客户 <customer@client.example.net>',
				cc: [`wang.fang@${DOMAIN}`, 'buyer@client.example.net'],
				subject: '回复: 报价单',
				text: '第一行\n第二行',
			});
			const result = await reply('li.na', mid, {
				replyAll: true,
				options: { cc: `liu.yang@${DOMAIN}`, quoteOriginal: true },
			});
			expect(result.success).toBe(true);
			const { fields, to, cc } = lastSent();
			expect(to).toEqual(['customer@client.example.net']);
			expect(cc).toEqual([`wang.fang@${DOMAIN}`, 'buyer@client.example.net', `liu.yang@${DOMAIN}`]);
			expect(fields.subject).toBe('回复: 报价单');
			expect(fields.text).toMatch(
				/^收到，谢谢。\n\nOn \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC[+-]\d{2}:\d{2}\), 客户 <customer@client\.example\.net> wrote:\n> 第一行\n> 第二行$/,
			);
			expect(result.json[0].accepted).toEqual([
				'customer@client.example.net',
				`wang.fang@${DOMAIN}`,
				'buyer@client.example.net',
				`liu.yang@${DOMAIN}`,
			]);
		});

		test('without Reply All only the sender (or Reply-To) gets the reply; a message the mailbox sent goes to its recipients', async () => {
			const { mid } = platform.sandbox.control.deliverMail({
				to: 'li.na',
				from: 'customer@client.example.net',
				cc: [`wang.fang@${DOMAIN}`],
				subject: 'Re: 询价',
				text: '请报价',
			});
			await reply('li.na', mid);
			expect(lastSent()).toMatchObject({ to: ['customer@client.example.net'], cc: [] });
			expect(lastSent().fields.subject).toBe('Re: 询价');

			const sent = await email(sendFrom('zhang.wei', { to: `wang.fang@${DOMAIN}` }));
			await reply('zhang.wei', sent.json[0].mid, { text: '补充一点。' });
			expect(lastSent().to).toEqual([`wang.fang@${DOMAIN}`]);

			const withReplyTo = await email(
				sendFrom('zhang.wei', { options: { replyTo: `service@${DOMAIN}` } }),
			);
			const [copy] = copiesOf('li.na', withReplyTo.json[0].messageId);
			await reply('li.na', copy.mid);
			expect(lastSent().to).toEqual([`service@${DOMAIN}`]);
		});

		test('a lost answer on Reply: one reply only, and the same output', async () => {
			const deliver = () =>
				platform.sandbox.control.deliverMail({
					to: 'li.na',
					from: 'customer@client.example.net',
					subject: '合同',
					messageId: '<contract-1@client.example.net>',
					text: '请确认',
				}).mid;
			const normal = await reply('li.na', deliver());
			platform.sandbox.control.reset();
			platform.sandbox.control.injectFault({ path: SEND, kind: 'lostResponse' });

			const lost = await reply('li.na', deliver());
			expect(lost.success).toBe(true);
			const [sent] = lost.json;
			expect(sent).toEqual({ ...normal.json[0], mid: sent.mid, messageId: sent.messageId });
			expect(callsTo(platform.sandbox, SEND)).toHaveLength(1);
			expect(copiesOf('li.na', sent.messageId)).toEqual([expect.objectContaining({ fid: 3 })]);
		});
	});

	describe('Bad input fails before any request, naming the item and the field', () => {
		const failsBeforeAnyRequest = async (
			parameters: INodeParameters,
			message: string,
			options: RunOptions = {},
		) => {
			const result = await email(parameters, options);
			expect(result.success).toBe(false);
			expect(result.error?.message).toBe(message);
			expect(businessCalls()).toEqual([]);
		};

		test.each([
			[
				'to',
				`li.na@${DOMAIN}, not-an-address`,
				'To "not-an-address" is not a mail address [item 0]',
			],
			['cc', `王芳 <wang.fang@>`, 'CC "wang.fang@" has no valid domain after "@" [item 0]'],
			[
				'bcc',
				'张伟 <zhang wei@example.com>',
				'BCC "zhang wei@example.com" is not a mail address [item 0]',
			],
		])('a bad address in %s', async (field, value, message) => {
			await failsBeforeAnyRequest(sendFrom('zhang.wei', { to: '', [field]: value }), message);
		});

		test('no recipient, no body, a mailbox of another domain', async () => {
			await failsBeforeAnyRequest(
				sendFrom('zhang.wei', { to: '' }),
				'To is empty, and so are CC and BCC [item 0]',
			);
			await failsBeforeAnyRequest(
				sendFrom('zhang.wei', { text: '', html: '  ' }),
				'Text Body and HTML Body are both empty [item 0]',
			);
			await failsBeforeAnyRequest(
				sendFrom('zhang.wei@other.example.com'),
				`Mailbox "zhang.wei@other.example.com" is not in the domain ${DOMAIN} [item 0]`,
			);
		});

		test('a missing binary property, or attachments over 50 MiB', async () => {
			const small = filesItem({
				data: { bytes: randomBytes(10), fileName: 'a.txt', mimeType: 'text/plain' },
			});
			await failsBeforeAnyRequest(
				sendFrom('zhang.wei', { options: { attachments: 'data, invoice' } }),
				'Attachments names "invoice", but the input item has no binary property of that name [item 0]',
				{ inputItems: [small] },
			);
			const huge = filesItem({
				data: {
					bytes: Buffer.alloc(51 * 1024 * 1024, 1),
					fileName: 'huge.bin',
					mimeType: 'application/octet-stream',
				},
			});
			await failsBeforeAnyRequest(
				sendFrom('zhang.wei', { options: { attachments: 'data' } }),
				'Attachments total 51 MiB (53477376 bytes), more than the 50 MiB (52428800 bytes) one message may carry [item 0]',
				{ inputItems: [huge] },
			);
		});

		test('a bad second item stops the run before the first is sent', async () => {
			await failsBeforeAnyRequest(
				sendFrom('zhang.wei', { to: '={{ $json.to }}' }),
				'To "li.na" is not a mail address [item 1]',
				{ items: [{ to: `li.na@${DOMAIN}` }, { to: 'li.na' }] },
			);
		});

		test('Reply: a bad extra CC or a Message-ID header given as the message ID', async () => {
			const reply = { operation: 'reply', mailbox: locator('li.na', 'address'), text: '好的' };
			await failsBeforeAnyRequest(
				{ ...reply, mid: 'SBXM1', options: { cc: 'boss@' } },
				'CC "boss@" has no valid domain after "@" [item 0]',
			);
			await failsBeforeAnyRequest(
				{ ...reply, mid: '<demo.1@sandbox.example.com>' },
				'Message ID "<demo.1@sandbox.example.com>" is a Message-ID header, not a message ID [item 0]',
			);
		});
	});

	test('continueOnFail: a bad item becomes an error item, the others are sent', async () => {
		const result = await email(sendFrom('zhang.wei', { to: '={{ $json.to }}' }), {
			items: [{ to: `li.na@${DOMAIN}` }, { to: 'bad@' }, { to: `wang.fang@${DOMAIN}` }],
			continueOnFail: true,
		});
		expect(result.success).toBe(true);
		expect(result.json[0]).toMatchObject({ accepted: [`li.na@${DOMAIN}`] });
		expect(result.json[1]).toMatchObject({
			error: 'To "bad@" has no valid domain after "@" [item 1]',
		});
		expect(result.json[2]).toMatchObject({ accepted: [`wang.fang@${DOMAIN}`] });
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(callsTo(platform.sandbox, SEND)).toHaveLength(2);
	});
});
