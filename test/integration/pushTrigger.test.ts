import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailPushTrigger } from '../../nodes/NeteaseEmail/Email/NeteaseEmailPushTrigger.node';
import type { TriggerOptions, WebhookCall, WebhookResult } from '../harness';
import { callWebhook, webhookLifecycle } from '../harness';
import {
	CREATE_ACCOUNT_FROM_ITEM,
	CREDENTIAL_ID,
	CREDENTIAL_TYPE,
	EMAIL_NODE_TYPE,
	PUSH_TRIGGER_TYPE,
	callsTo,
	locator,
	usePlatform,
} from '../support/netease';

const platform = usePlatform();
const control = () => platform.sandbox.control;
const orgOpenId = () => platform.sandbox.identity.orgOpenId;
const domain = () => platform.sandbox.identity.domain;

const NODE_NAME = 'NetEase Push';
const URL_A = 'https://n8n-a.example.com/webhook/aaaa/netease-push';
const URL_B = 'https://n8n-b.example.com/webhook/bbbb/netease-push';
const TOKENED = (url: string) =>
	new RegExp(`^${url.replace(/[.?]/g, '\\$&')}\\?token=[0-9a-f]{64}$`);

function trigger(parameters: INodeParameters, staticData: IDataObject = {}): TriggerOptions {
	return {
		node: {
			name: NODE_NAME,
			type: PUSH_TRIGGER_TYPE,
			parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: 'NetEase sandbox' } },
		},
		nodeType: new NeteaseEmailPushTrigger(),
		credentials: platform.credentials,
		credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
		staticData,
	};
}

function newMail(...mailboxes: string[]): INodeParameters {
	return {
		source: 'pushmail',
		mailboxScope: 'chosen',
		mailboxes: { mailbox: mailboxes.map((mailbox) => ({ mailbox: locator(mailbox, 'address') })) },
	};
}

const ORG_CHANGES: INodeParameters = { source: 'orgevent' };

const stateOf = (options: TriggerOptions) =>
	(options.staticData[`node:${NODE_NAME}`] ?? {}) as IDataObject;
const secretOf = (options: TriggerOptions) => String(stateOf(options).secret);
const subscriptions = () => control().state().subscriptions as IDataObject;
const bodiesTo = (path: string) => callsTo(platform.sandbox, path).map((call) => call.body);

/** Registers `url` for a source the way another workflow or system would. */
async function registerElsewhere(url: string, source = 'pushmail') {
	const run = await platform.run(
		{ resource: 'subscription', operation: 'register', url, source },
		{ nodeType: EMAIL_NODE_TYPE },
	);
	expect(run.success).toBe(true);
}

const emitted = (result: WebhookResult) => result.response.workflowData?.[0] ?? [];

/** The §7.4 new-mail payload as the sandbox posts it. */
const MAIL = {
	From: 'partner@example.org',
	To: 'zhang.wei@sandbox.example.com',
	Subject: '报价单',
	'Content-Type': 'text/plain',
	Content: '请查收附件中的报价单。',
	mailsizebyte: '6144',
	SentDate: '1700000000000',
	charset: 'UTF-8',
	attachment: '报价.xlsx',
	AttachmentEx: [
		{
			fileName: '报价.xlsx',
			offsetInMail: '2048',
			mimeType: 'application/vnd.ms-excel',
			encoding: 'base64',
			storedSize: '3000',
			partId: '2',
		},
	],
};

describe('activation: create, checkExists, delete', () => {
	test('create subscribes the chosen mailboxes, then registers the webhook URL with a secret token', async () => {
		const options = trigger(newMail('zhang.wei', `li.na@${domain()}`, 'zhang.wei'));
		expect(await webhookLifecycle(options, 'checkExists', URL_A)).toBe(false);
		// Nothing stored yet: no need to ask the platform.
		expect(control().requests()).toHaveLength(0);

		expect(await webhookLifecycle(options, 'create', URL_A)).toBe(true);

		const { pushmail, pushMailAccounts } = subscriptions();
		expect(pushmail).toMatch(TOKENED(URL_A));
		expect(new URL(String(pushmail)).searchParams.get('token')).toBe(secretOf(options));
		expect(pushMailAccounts).toEqual(expect.arrayContaining(['zhang.wei', 'li.na']));
		expect(pushMailAccounts).toHaveLength(2);
		expect(bodiesTo('/api/open/push/addDynamicSubscribe')).toEqual([
			{ orgOpenId: orgOpenId(), url: pushmail, source: 'pushmail' },
		]);
		expect(
			bodiesTo('/api/open/push/addPushMailSubscribe').sort((a, b) =>
				JSON.stringify(a).localeCompare(JSON.stringify(b)),
			),
		).toEqual([
			{ domain: domain(), accountName: 'li.na' },
			{ domain: domain(), accountName: 'zhang.wei' },
		]);
		// Mailboxes come first: the URL is registered only once they are all subscribed.
		const paths = control()
			.requests()
			.map((request) => request.path)
			.filter((path) => path.startsWith('/api/open/push/'));
		expect(paths.at(-1)).toBe('/api/open/push/addDynamicSubscribe');
		expect(stateOf(options)).toMatchObject({
			source: 'pushmail',
			mailboxes: [`zhang.wei@${domain()}`, `li.na@${domain()}`],
		});

		control().clearRequests();
		expect(await webhookLifecycle(options, 'checkExists', URL_A)).toBe(true);
		// One read, and it survives a restart of n8n (static data saved and loaded as JSON).
		expect(bodiesTo('/api/open/push/getDynamicSubscribe')).toEqual([
			{ orgOpenId: orgOpenId(), source: 'pushmail' },
		]);
		expect(control().requests()).toHaveLength(1);
		const restarted = { ...options, staticData: JSON.parse(JSON.stringify(options.staticData)) };
		expect(await webhookLifecycle(restarted, 'checkExists', URL_A)).toBe(true);

		// Another n8n base URL, or another registration: not ours any more.
		expect(await webhookLifecycle(options, 'checkExists', URL_B)).toBe(false);
		await registerElsewhere(`${URL_A}?token=${'0'.repeat(64)}`);
		expect(await webhookLifecycle(options, 'checkExists', URL_A)).toBe(false);
	});

	test('Whole Domain subscribes every account listed (one list call per 100 accounts, one call per account)', async () => {
		const options = trigger({ source: 'pushmail', mailboxScope: 'domain' });
		expect(await webhookLifecycle(options, 'create', URL_A)).toBe(true);

		const listed = control()
			.state()
			.accounts.filter((account) => account.status !== 2)
			.map((account) => account.accountName);
		expect(listed.length).toBeGreaterThan(3);
		expect([...(subscriptions().pushMailAccounts as string[])].sort()).toEqual([...listed].sort());
		expect(callsTo(platform.sandbox, '/api/open/unit/getAccountList')).toHaveLength(1);
		expect(callsTo(platform.sandbox, '/api/open/push/addPushMailSubscribe')).toHaveLength(
			listed.length,
		);
		expect(stateOf(options)).toMatchObject({ source: 'pushmail', domain: domain() });
	});

	test('Organisation Changes registers the orgevent URL and subscribes no mailbox', async () => {
		const options = trigger(ORG_CHANGES);
		expect(await webhookLifecycle(options, 'create', URL_A)).toBe(true);
		expect(subscriptions()).toEqual({
			orgevent: expect.stringMatching(TOKENED(URL_A)),
			pushMailAccounts: [],
		});
		expect(callsTo(platform.sandbox, '/api/open/push/addPushMailSubscribe')).toHaveLength(0);
		expect(await webhookLifecycle(options, 'checkExists', URL_A)).toBe(true);
		// The same trigger switched to New Mail has no registration of its own.
		expect(
			await webhookLifecycle(
				{ ...options, node: { ...options.node, parameters: newMail('li.na') } },
				'checkExists',
				URL_A,
			),
		).toBe(false);
	});

	test('a second activation is refused while the first holds the subscription, and takes it over when asked', async () => {
		const first = trigger(newMail('zhang.wei'));
		expect(await webhookLifecycle(first, 'create', URL_A)).toBe(true);
		const firstUrl = subscriptions().pushmail;

		control().clearRequests();
		const second = trigger(newMail('li.na'));
		const refusal = webhookLifecycle(second, 'create', URL_B);
		await expect(refusal).rejects.toThrow(
			`NetEase already posts new mail of this organisation to ${URL_A}, registered by another workflow or system`,
		);
		await expect(refusal).rejects.toMatchObject({
			description: expect.stringContaining('Take Over the Subscription'),
		});
		await expect(refusal).rejects.not.toThrow(secretOf(first));
		// Nothing written: the first keeps its URL and no mailbox was subscribed.
		expect(subscriptions().pushmail).toBe(firstUrl);
		expect(subscriptions().pushMailAccounts).toEqual(['zhang.wei']);
		expect(
			control()
				.requests()
				.map((request) => request.path),
		).toEqual(['/api/open/push/getDynamicSubscribe']);
		expect(stateOf(second)).toEqual({});

		const warn = jest.spyOn(Container.get(Logger), 'warn');
		const takeOver = trigger({ ...newMail('li.na'), takeOver: true }, second.staticData);
		expect(await webhookLifecycle(takeOver, 'create', URL_B)).toBe(true);
		expect(subscriptions().pushmail).toMatch(TOKENED(URL_B));
		expect(warn).toHaveBeenCalledWith(expect.stringContaining(`taken over from ${URL_A}`));
		warn.mockRestore();

		// The first is no longer registered, and its deactivation leaves the second's registration alone.
		expect(await webhookLifecycle(first, 'checkExists', URL_A)).toBe(false);
		control().clearRequests();
		expect(await webhookLifecycle(first, 'delete', URL_A)).toBe(true);
		expect(callsTo(platform.sandbox, '/api/open/push/deleteDynamicSubscribe')).toHaveLength(0);
		expect(subscriptions().pushmail).toMatch(TOKENED(URL_B));
		expect(stateOf(first)).toEqual({});

		// The second's deactivation removes its own.
		expect(await webhookLifecycle(takeOver, 'delete', URL_B)).toBe(true);
		expect(bodiesTo('/api/open/push/deleteDynamicSubscribe')).toEqual([
			{ orgOpenId: orgOpenId(), source: 'pushmail' },
		]);
		expect(subscriptions().pushmail).toBeUndefined();
		expect(stateOf(takeOver)).toEqual({});
	});

	test('the refusal names the holder by host and path only, and recognises an earlier activation of this workflow', async () => {
		await registerElsewhere('https://crm.example.org/netease/hook?key=s3cr3t', 'orgevent');
		const refusal = webhookLifecycle(trigger(ORG_CHANGES), 'create', URL_A);
		await expect(refusal).rejects.toThrow(
			'NetEase already posts organisation changes of this organisation to https://crm.example.org/netease/hook, registered by another workflow or system',
		);
		await expect(refusal).rejects.not.toThrow('s3cr3t');

		// This workflow's own URL with a token it no longer knows (its static data was lost).
		await registerElsewhere(`${URL_A}?token=${'f'.repeat(64)}`, 'orgevent');
		await expect(webhookLifecycle(trigger(ORG_CHANGES), 'create', URL_A)).rejects.toThrow(
			'registered by an earlier activation of this workflow whose token it no longer has',
		);
	});

	test('re-activating after n8n moved to another base URL replaces its own registration without take-over', async () => {
		const options = trigger(ORG_CHANGES);
		await webhookLifecycle(options, 'create', URL_A);
		expect(await webhookLifecycle(options, 'checkExists', URL_B)).toBe(false);
		expect(await webhookLifecycle(options, 'create', URL_B)).toBe(true);
		expect(subscriptions().orgevent).toMatch(TOKENED(URL_B));
	});

	test('delete for another webhook URL (a test listener holding a copy of the static data) removes nothing', async () => {
		const options = trigger(ORG_CHANGES);
		await webhookLifecycle(options, 'create', URL_A);
		const testListener = { ...options, staticData: JSON.parse(JSON.stringify(options.staticData)) };
		expect(await webhookLifecycle(testListener, 'delete', URL_B)).toBe(true);
		expect(callsTo(platform.sandbox, '/api/open/push/deleteDynamicSubscribe')).toHaveLength(0);
		expect(subscriptions().orgevent).toMatch(TOKENED(URL_A));
		expect(await webhookLifecycle(options, 'checkExists', URL_A)).toBe(true);
	});

	test('delete warns and still forgets the secret when the platform refuses the removal path', async () => {
		const options = trigger(newMail('zhang.wei'));
		await webhookLifecycle(options, 'create', URL_A);
		const secret = secretOf(options);
		control().configure({ deniedPaths: ['/api/open/push/deleteDynamicSubscribe'] });

		const warn = jest.spyOn(Container.get(Logger), 'warn');
		expect(await webhookLifecycle(options, 'delete', URL_A)).toBe(true);
		expect(warn).toHaveBeenCalledTimes(1);
		expect(warn.mock.calls[0][0]).toMatch(
			new RegExp(`${URL_A.replace(/\./g, '\\.')} stays registered until another URL is registered`),
		);
		expect(warn.mock.calls[0][0]).toContain('refused');
		expect(warn.mock.calls[0][0]).not.toContain(secret);
		warn.mockRestore();

		expect(stateOf(options)).toEqual({});
		expect(subscriptions().pushmail).toMatch(TOKENED(URL_A));
		const late = await callWebhook(options, { body: MAIL, query: { token: secret } });
		expect(late.status).toBe(401);
		expect(late.response.workflowData).toBeUndefined();
	});

	test('delete throws another refusal, with the static data cleared all the same', async () => {
		const options = trigger(ORG_CHANGES);
		await webhookLifecycle(options, 'create', URL_A);
		control().injectFault({
			path: '/api/open/push/deleteDynamicSubscribe',
			kind: 'code',
			code: -3,
			marker: 'PUSH.BUSY',
		});
		await expect(webhookLifecycle(options, 'delete', URL_A)).rejects.toThrow();
		expect(stateOf(options)).toEqual({});
	});
});

describe('callbacks', () => {
	async function activeMailTrigger(parameters: INodeParameters = newMail('zhang.wei')) {
		const options = trigger(parameters);
		await webhookLifecycle(options, 'create', URL_A);
		control().clearRequests();
		return options;
	}

	test('a forged token, a token of another length or no token answers 401 and emits nothing', async () => {
		const options = await activeMailTrigger();
		const secret = secretOf(options);
		const forged = secret.slice(0, -1) + (secret.endsWith('0') ? '1' : '0');
		const queries: Array<Record<string, string>> = [
			{ token: forged },
			{ token: secret.slice(1) },
			{},
			{ token: '' },
		];
		for (const query of queries) {
			const result = await callWebhook(options, { body: MAIL, query });
			expect(result).toEqual({
				response: { noWebhookResponse: true },
				status: 401,
				sent: 'Unauthorized',
			});
		}
		// Before any activation there is no secret to match.
		const never = await callWebhook(trigger(newMail('zhang.wei')), {
			body: MAIL,
			query: { token: '' },
		});
		expect(never.status).toBe(401);
		expect(stateOf(options).recent).toBeUndefined();
	});

	test('a body that is not a JSON object answers 400, one over 1 MiB 413', async () => {
		const options = await activeMailTrigger();
		const query = { token: secretOf(options) };
		for (const body of ['not json', [MAIL], null, 42]) {
			const result = await callWebhook(options, { body, query });
			expect(result).toEqual({
				response: { noWebhookResponse: true },
				status: 400,
				sent: 'Expected a JSON object',
			});
		}
		const huge = { ...MAIL, Content: 'x'.repeat(1024 * 1024) };
		const tooBig = await callWebhook(options, { body: huge, query });
		expect(tooBig.status).toBe(413);
		expect(tooBig.response.workflowData).toBeUndefined();
	});

	test('new mail is emitted as one normalised event, answered "success", without any platform call', async () => {
		const options = await activeMailTrigger();
		const result = await callWebhook(options, { body: MAIL, query: { token: secretOf(options) } });
		expect(result.status).toBeUndefined();
		expect(result.response.webhookResponse).toBe('success');
		expect(emitted(result)).toEqual([
			{
				json: {
					event: 'newMail',
					mailbox: `zhang.wei@${domain()}`,
					from: 'partner@example.org',
					to: [`zhang.wei@${domain()}`],
					subject: '报价单',
					summary: '请查收附件中的报价单。',
					sentAt: '2023-11-14T22:13:20.000Z',
					size: 6144,
					attachments: [
						{ fileName: '报价.xlsx', mimeType: 'application/vnd.ms-excel', size: 3000 },
					],
				},
			},
		]);
		expect(control().requests()).toHaveLength(0);
	});

	test('a repeated push emits once, also after a restart; another mail emits again', async () => {
		const options = await activeMailTrigger();
		const query = { token: secretOf(options) };
		expect(emitted(await callWebhook(options, { body: MAIL, query }))).toHaveLength(1);

		const repeat = await callWebhook(options, { body: { ...MAIL }, query });
		expect(repeat.response).toEqual({ webhookResponse: 'success' });

		const restarted = { ...options, staticData: JSON.parse(JSON.stringify(options.staticData)) };
		const afterRestart = await callWebhook(restarted, { body: MAIL, query });
		expect(afterRestart.response).toEqual({ webhookResponse: 'success' });

		const another = await callWebhook(restarted, {
			body: { ...MAIL, SentDate: '1700000001000' },
			query,
		});
		expect(emitted(another)).toHaveLength(1);
		expect(stateOf(restarted).recent).toHaveLength(2);
	});

	test('Simplify off emits the payload as NetEase posted it; odd shapes are still read', async () => {
		const raw = await activeMailTrigger({ ...newMail('zhang.wei'), options: { simplify: false } });
		const result = await callWebhook(raw, { body: MAIL, query: { token: secretOf(raw) } });
		expect(emitted(result)).toEqual([{ json: MAIL }]);
		await webhookLifecycle(raw, 'delete', URL_A);

		const simple = await activeMailTrigger({ source: 'pushmail', mailboxScope: 'domain' });
		const odd = {
			From: '"Partner" <partner@example.org>',
			To: `"Li, Na" <li.na@${domain()}>, someone@example.org`,
			Subject: 'x',
			SentDate: '1700000000',
			mailsizebyte: '',
			attachment: 'a.pdf,b.png',
			AttachmentEx:
				'{"fileName":"a.pdf","mimeType":"application/pdf","storedSize":"10"},{"fileName":"b.png","mimeType":"image/png","storedSize":"20"}',
		};
		const [item] = emitted(
			await callWebhook(simple, { body: odd, query: { token: secretOf(simple) } }),
		);
		expect(item.json).toMatchObject({
			mailbox: `li.na@${domain()}`,
			to: [`"Li, Na" <li.na@${domain()}>`, 'someone@example.org'],
			sentAt: '2023-11-14T22:13:20.000Z',
			size: null,
			attachments: [
				{ fileName: 'a.pdf', mimeType: 'application/pdf', size: 10 },
				{ fileName: 'b.png', mimeType: 'image/png', size: 20 },
			],
		});
	});
});

/**
 * A real HTTP endpoint standing in for n8n's webhook server: each POST to
 * `/webhook/<name>/netease-push` becomes one `webhook()` call of the trigger registered under
 * `<name>`, answered with what the trigger answered.
 */
class Receiver {
	readonly triggers = new Map<string, TriggerOptions>();
	readonly events = new Map<string, IDataObject[]>();
	/** Statuses to answer instead, after the trigger ran (an answer n8n failed to deliver). */
	failures: number[] = [];
	private base = '';
	private readonly server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			void this.handle(
				request.url ?? '/',
				request.headers as Record<string, string>,
				Buffer.concat(chunks),
			)
				.then(({ status, body }) => response.writeHead(status).end(body))
				.catch((error: Error) => response.writeHead(500).end(error.message));
		});
	});

	url(name: string): string {
		return `${this.base}/webhook/${name}/netease-push`;
	}

	async start(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private async handle(path: string, headers: Record<string, string>, rawBody: Buffer) {
		const url = new URL(path, this.base);
		const name = url.pathname.split('/')[2];
		const options = this.triggers.get(name);
		if (!options) return { status: 404, body: 'no such webhook' };
		let body: unknown = rawBody.toString('utf8');
		try {
			body = JSON.parse(String(body));
		} catch {
			// n8n hands a body it cannot parse as JSON over as it is.
		}
		const call: WebhookCall = {
			body,
			query: Object.fromEntries(url.searchParams),
			headers,
			rawBody,
		};
		const result = await callWebhook(options, call);
		const items = emitted(result).map((item) => item.json);
		this.events.set(name, [...(this.events.get(name) ?? []), ...items]);
		const failure = this.failures.shift();
		if (failure) return { status: failure, body: 'n8n failed to answer' };
		if (result.status !== undefined) return { status: result.status, body: String(result.sent) };
		return { status: 200, body: String(result.response.webhookResponse) };
	}
}

describe('end to end: the sandbox posts to a real HTTP listener', () => {
	const receiver = new Receiver();
	beforeAll(() => receiver.start());
	afterAll(() => receiver.stop());
	beforeEach(() => {
		receiver.triggers.clear();
		receiver.events.clear();
		receiver.failures = [];
		control().configure({ pushRetryDelayMs: 10 });
	});

	async function activate(name: string, parameters: INodeParameters) {
		const options = trigger(parameters);
		receiver.triggers.set(name, options);
		expect(await webhookLifecycle(options, 'create', receiver.url(name))).toBe(true);
		return options;
	}

	test('new mail and an organisation change each arrive once; deactivation unregisters both', async () => {
		const mail = await activate('mail', newMail('zhang.wei'));
		const org = await activate('org', ORG_CHANGES);

		control().deliverMail({
			to: 'zhang.wei',
			from: 'partner@example.org',
			subject: '合同',
			content: '请签署。',
			attachments: [{ fileName: '合同.pdf', mimeType: 'application/pdf', size: 2048 }],
			sentDate: 1700000000000,
		});
		// Not subscribed: not posted.
		control().deliverMail({ to: 'li.na', from: 'x@example.org', subject: '不推送' });
		await control().waitForPushes();

		expect(receiver.events.get('mail')).toEqual([
			{
				event: 'newMail',
				mailbox: `zhang.wei@${domain()}`,
				from: 'partner@example.org',
				to: [`zhang.wei@${domain()}`],
				subject: '合同',
				summary: '请签署。',
				sentAt: '2023-11-14T22:13:20.000Z',
				size: expect.any(Number),
				attachments: [{ fileName: '合同.pdf', mimeType: 'application/pdf', size: 2048 }],
			},
		]);
		expect(control().pushDeliveries()).toEqual([
			expect.objectContaining({ source: 'pushmail', attempt: 1, ok: true, status: 200 }),
		]);

		const created = await platform.run(CREATE_ACCOUNT_FROM_ITEM, {
			items: [{ accountName: 'push.user', name: '推送' }],
		});
		expect(created.success).toBe(true);
		await control().waitForPushes();
		expect(receiver.events.get('org')).toEqual([
			expect.objectContaining({
				event: 'accountCreated',
				revision: expect.any(Number),
				changedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
				account: expect.objectContaining({
					accountName: 'push.user',
					email: `push.user@${domain()}`,
					name: '推送',
					status: 'normal',
				}),
			}),
		]);
		expect(receiver.events.get('mail')).toHaveLength(1);

		expect(await webhookLifecycle(mail, 'delete', receiver.url('mail'))).toBe(true);
		expect(await webhookLifecycle(org, 'delete', receiver.url('org'))).toBe(true);
		expect(subscriptions().pushmail).toBeUndefined();
		expect(subscriptions().orgevent).toBeUndefined();
		expect(
			control().deliverMail({ to: 'zhang.wei', from: 'a@example.org', subject: '之后' }).pushed,
		).toBe(false);
	});

	test('when the answer fails once, the sandbox posts again and the event is still emitted once', async () => {
		await activate('mail', newMail('li.na'));
		receiver.failures = [500];
		control().deliverMail({ to: 'li.na', from: 'a@example.org', subject: '重试' });
		await control().waitForPushes();

		expect(
			control()
				.pushDeliveries()
				.map(({ attempt, status }) => ({ attempt, status })),
		).toEqual([
			{ attempt: 1, status: 500 },
			{ attempt: 2, status: 200 },
		]);
		expect(receiver.events.get('mail')).toEqual([
			expect.objectContaining({ event: 'newMail', subject: '重试', mailbox: `li.na@${domain()}` }),
		]);
	});

	test('a callback to the URL without the token is refused and retried, and emits nothing', async () => {
		const options = await activate('mail', newMail('li.na'));
		// Someone registers the bare webhook URL (no token) in this trigger's place.
		await registerElsewhere(receiver.url('mail'));
		control().configure({ pushRetries: 1 });
		control().deliverMail({ to: 'li.na', from: 'a@example.org', subject: '伪造' });
		await control().waitForPushes();
		expect(
			control()
				.pushDeliveries()
				.map(({ status }) => status),
		).toEqual([401, 401]);
		expect(receiver.events.get('mail') ?? []).toEqual([]);
		expect(await webhookLifecycle(options, 'checkExists', receiver.url('mail'))).toBe(false);
	});
});
