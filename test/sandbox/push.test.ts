import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, useSandbox, type Json } from './helpers';

const sandbox = useSandbox();
const client = new Client(sandbox);

/** A local callback receiver that answers the queued statuses (then 200) and keeps the bodies. */
class Receiver {
	bodies: unknown[] = [];
	statuses: number[] = [];
	url = '';
	private server: Server = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			this.bodies.push(JSON.parse(raw));
			res.writeHead(this.statuses.shift() ?? 200).end('success');
		});
	});

	async start(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/netease/callback`;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}
}

const receiver = new Receiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

beforeEach(() => {
	sandbox().control.reset('demo');
	sandbox().control.configure({ pushRetryDelayMs: 10 });
	receiver.bodies = [];
	receiver.statuses = [];
});

const orgOpenId = () => sandbox().identity.orgOpenId;

describe('subscriptions', () => {
	it('stores one URL per source and reads it back', async () => {
		expect(
			await client.ok('/api/open/push/getDynamicSubscribe', { orgOpenId: orgOpenId() }),
		).toBeNull();
		await client.ok('/api/open/push/addDynamicSubscribe', {
			orgOpenId: orgOpenId(),
			url: receiver.url,
		});
		expect(
			await client.ok('/api/open/push/getDynamicSubscribe', { orgOpenId: orgOpenId() }),
		).toEqual({ url: receiver.url, source: 'pushmail' });
		expect(
			await client.ok('/api/open/push/getDynamicSubscribe', {
				orgOpenId: orgOpenId(),
				source: 'orgevent',
			}),
		).toBeNull();
		expect(
			(
				await client.call('/api/open/push/addDynamicSubscribe', {
					orgOpenId: orgOpenId(),
					url: 'ftp://x',
				})
			).message,
		).toBe('请求参数异常: url');
		expect(
			(
				await client.call('/api/open/push/addDynamicSubscribe', {
					orgOpenId: orgOpenId(),
					url: receiver.url,
					source: 'sms',
				})
			).message,
		).toBe('请求参数异常: source');
	});
});

describe('deleteDynamicSubscribe (inferred)', () => {
	it('forgets the URL of one source only, keeps mailbox subscriptions, and is idempotent', async () => {
		for (const source of ['pushmail', 'orgevent']) {
			await client.ok('/api/open/push/addDynamicSubscribe', {
				orgOpenId: orgOpenId(),
				url: `${receiver.url}/${source}`,
				source,
			});
		}
		await client.ok('/api/open/push/addPushMailSubscribe', { accountName: 'li.na' });

		expect(
			await client.ok('/api/open/push/deleteDynamicSubscribe', {
				orgOpenId: orgOpenId(),
				source: 'pushmail',
			}),
		).toBeNull();
		expect(
			await client.ok('/api/open/push/getDynamicSubscribe', { orgOpenId: orgOpenId() }),
		).toBeNull();
		expect(
			await client.ok('/api/open/push/getDynamicSubscribe', {
				orgOpenId: orgOpenId(),
				source: 'orgevent',
			}),
		).toEqual({ url: `${receiver.url}/orgevent`, source: 'orgevent' });
		expect(sandbox().control.state().subscriptions).toEqual({
			orgevent: `${receiver.url}/orgevent`,
			pushMailAccounts: ['li.na'],
		});
		// Nothing registered any more: still success. Without a URL, mail is not pushed.
		await client.ok('/api/open/push/deleteDynamicSubscribe', { orgOpenId: orgOpenId() });
		expect(
			sandbox().control.deliverMail({ to: 'li.na', from: 'a@example.org', subject: '无' }).pushed,
		).toBe(false);
	});

	it('checks the organisation and the source', async () => {
		expect(
			(await client.call('/api/open/push/deleteDynamicSubscribe', { orgOpenId: 'someone-else' }))
				.code,
		).toBe(-200);
		expect(
			(
				await client.call('/api/open/push/deleteDynamicSubscribe', {
					orgOpenId: orgOpenId(),
					source: 'sms',
				})
			).message,
		).toBe('请求参数异常: source');
	});
});

describe('pushmail', () => {
	it('POSTs the §7.4 payload for mail delivered to a subscribed mailbox only', async () => {
		await client.ok('/api/open/push/addDynamicSubscribe', {
			orgOpenId: orgOpenId(),
			url: receiver.url,
			source: 'pushmail',
		});
		await client.ok('/api/open/push/addPushMailSubscribe', { accountName: 'zhang.wei' });

		const unsubscribed = sandbox().control.deliverMail({
			to: 'li.na',
			from: 'x@example.org',
			subject: '不推送',
		});
		expect(unsubscribed.pushed).toBe(false);
		const delivered = sandbox().control.deliverMail({
			to: 'zhang.wei@sandbox.example.com',
			from: 'partner@example.org',
			subject: '报价单',
			content: '请查收附件中的报价单。',
			attachments: [{ fileName: '报价.xlsx', mimeType: 'application/vnd.ms-excel', size: 3000 }],
			sentDate: 1700000000000,
		});
		expect(delivered).toEqual({
			mid: expect.stringMatching(/^.{24}$/),
			accountName: 'zhang.wei',
			pushed: true,
		});
		await sandbox().control.waitForPushes();

		expect(receiver.bodies).toHaveLength(1);
		expect(receiver.bodies[0]).toEqual({
			From: 'partner@example.org',
			To: 'zhang.wei@sandbox.example.com',
			Subject: '报价单',
			'Content-Type': 'text/plain',
			Content: '请查收附件中的报价单。',
			mailsizebyte: expect.stringMatching(/^\d+$/),
			SentDate: '1700000000000',
			charset: 'UTF-8',
			attachment: '报价.xlsx',
			AttachmentEx: [
				{
					fileName: '报价.xlsx',
					offsetInMail: expect.any(String),
					mimeType: 'application/vnd.ms-excel',
					encoding: 'base64',
					storedSize: '3000',
					partId: '2',
				},
			],
		});
		expect(sandbox().control.pushDeliveries()).toEqual([
			expect.objectContaining({
				source: 'pushmail',
				url: receiver.url,
				attempt: 1,
				ok: true,
				status: 200,
			}),
		]);
	});

	it('retries a failed delivery pushRetries times, recording each attempt', async () => {
		await client.ok('/api/open/push/addDynamicSubscribe', {
			orgOpenId: orgOpenId(),
			url: receiver.url,
		});
		await client.ok('/api/open/push/addPushMailSubscribe', { accountName: 'li.na' });
		receiver.statuses = [500, 503];
		sandbox().control.deliverMail({ to: 'li.na', from: 'a@example.org', subject: '重试' });
		await sandbox().control.waitForPushes();
		expect(
			sandbox()
				.control.pushDeliveries()
				.map(({ attempt, status, ok }) => ({ attempt, status, ok })),
		).toEqual([
			{ attempt: 1, status: 500, ok: false },
			{ attempt: 2, status: 503, ok: false },
			{ attempt: 3, status: 200, ok: true },
		]);
		expect(receiver.bodies).toHaveLength(3);
	});

	it('gives up after the retries and records network errors', async () => {
		sandbox().control.configure({ pushRetries: 1 });
		await client.ok('/api/open/push/addDynamicSubscribe', {
			orgOpenId: orgOpenId(),
			url: 'http://127.0.0.1:1/unreachable',
		});
		await client.ok('/api/open/push/addPushMailSubscribe', { accountName: 'li.na' });
		sandbox().control.deliverMail({ to: 'li.na', from: 'a@example.org', subject: '失败' });
		await sandbox().control.waitForPushes();
		const attempts = sandbox().control.pushDeliveries();
		expect(attempts).toHaveLength(2);
		expect(
			attempts.every(
				(attempt) =>
					!attempt.ok && typeof attempt.error === 'string' && attempt.status === undefined,
			),
		).toBe(true);
	});
});

describe('orgevent', () => {
	it('POSTs account and unit changes to the orgevent URL', async () => {
		await client.ok('/api/open/push/addDynamicSubscribe', {
			orgOpenId: orgOpenId(),
			url: receiver.url,
			source: 'orgevent',
		});
		await client.ok('/api/open/account/createAccount', {
			accountName: 'event.user',
			name: '事件',
			password: 'Welcome#2024',
			passType: 0,
			passChangeFirstLogin: 0,
			visibleInAddr: 1,
		});
		await client.ok('/api/open/account/suspendAccount', { accountName: 'event.user' });
		const { unitId } = await client.ok('/api/open/unit/createUnit', { unitName: '事件部' });
		await sandbox().control.waitForPushes();

		const events = receiver.bodies as Json[];
		expect(events.map((event) => event.eventType)).toEqual([
			'ACCOUNT_ADD',
			'ACCOUNT_UPDATE',
			'UNIT_ADD',
		]);
		expect(events[0]).toMatchObject({
			orgOpenId: orgOpenId(),
			domain: 'sandbox.example.com',
			revision: 8,
			account: { accountName: 'event.user', status: 0 },
			time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});
		expect(events[1]).toMatchObject({ revision: 9, account: { status: 1 } });
		expect(events[2]).toMatchObject({ unit: { unitId, unitName: '事件部' } });
		expect(
			sandbox()
				.control.pushDeliveries()
				.every((delivery) => delivery.source === 'orgevent'),
		).toBe(true);
	});
});
