/**
 * The five triggers, each emitting on an event and failing (wrong AppKey, platform refusal, bad
 * input), with n8n's logger at debug level: no AppKey, access, refresh or SSO token in any item,
 * error, error description, static data (stored in n8n's database) or log line.
 */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailAddressBookTrigger } from '../../nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBookTrigger.node';
import { NeteaseEmailPushTrigger } from '../../nodes/NeteaseEmail/Email/NeteaseEmailPushTrigger.node';
import { NeteaseEmailTrigger } from '../../nodes/NeteaseEmail/Email/NeteaseEmailTrigger.node';
import { NeteaseEmailLogsTrigger } from '../../nodes/NeteaseEmail/Logs/NeteaseEmailLogsTrigger.node';
import { NeteaseEmailSettingsTrigger } from '../../nodes/NeteaseEmail/Settings/NeteaseEmailSettingsTrigger.node';
import type { TriggerOptions } from '../harness';
import { callWebhook, pollOnce, webhookLifecycle } from '../harness';
import { callsTo, CREDENTIAL_ID, CREDENTIAL_TYPE, SETTINGS_NODE_TYPE } from '../support/netease';
import { address } from './badInputCorpus.support';
import { expectEveryKindLookedFor, useSecretsCheck } from './secretLeaks.support';

const check = useSecretsCheck();
const { platform } = check;
const control = () => platform.sandbox.control;
const businessCalls = () =>
	control()
		.requests()
		.filter((request) => !request.path.startsWith('/api/pub/token/'));

const NO_SUCH_ACCOUNT = 'no.such.person';
const WEBHOOK_URL = 'https://n8n.example.com/webhook/secrets-check/netease-push';
const SECOND = 1000;

/** The Logs and Settings triggers read the log up to the last whole second. */
async function secondOver(): Promise<void> {
	const next = Math.floor(Date.now() / SECOND) * SECOND + SECOND;
	await new Promise((resolve) => setTimeout(resolve, next - Date.now() + 20));
}

function trigger(nodeType: INodeType, parameters: INodeParameters): TriggerOptions {
	return {
		node: {
			name: nodeType.description.displayName,
			type: `n8n-nodes-netease-enterprise-email.${nodeType.description.name}`,
			parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: 'NetEase sandbox' } },
		},
		nodeType,
		credentials: platform.credentials,
		credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
		staticData: {},
	};
}

/** What one call of a trigger gave, recorded with the static data it left. */
async function recorded<T>(
	what: string,
	options: TriggerOptions,
	call: () => Promise<T>,
): Promise<{ result?: T; error?: Error }> {
	try {
		const result = await call();
		check.record(`what ${what} gave`, result ?? null);
		return { result };
	} catch (error) {
		check.record(`the error of ${what}`, error);
		return { error: error as Error };
	} finally {
		check.record(`the static data after ${what}`, options.staticData);
	}
}

/** Items of one poll (scheduled, or "Fetch Test Event"). */
async function poll(what: string, options: TriggerOptions, mode: 'trigger' | 'manual' = 'trigger') {
	const { result, error } = await recorded(what, options, () => pollOnce(options, mode));
	if (error) throw error;
	return (result?.[0] ?? []).map((item) => item.json);
}

/** The poll's error, which a failing poll must throw. */
async function pollError(what: string, options: TriggerOptions): Promise<Error> {
	const { error } = await recorded(what, options, () => pollOnce(options));
	expect(error?.message).toBeTruthy();
	return error!;
}

interface PollingTrigger {
	name: string;
	nodeType: INodeType;
	parameters: (account: string) => INodeParameters;
	/** Makes an event the trigger emits on its next poll. */
	cause: () => Promise<unknown>;
	/** Refused by the platform: an unknown mailbox, or a path the app may not use (-202). */
	refusal: { account: string } | { deniedPath: string };
	badInput: INodeParameters;
}

/** A Settings node write, as an admin would make it (the platform logs it). */
async function forwardLiNa(stamp: string) {
	const run = await platform.run(
		{
			resource: 'forwarding',
			operation: 'set',
			applyTo: 'account',
			account: address('li.na'),
			settingsToChange: { enabled: true, forwardTo: `forward-${stamp}@example.org` },
		},
		{ nodeType: SETTINGS_NODE_TYPE },
	);
	expect(run.success).toBe(true);
}

const stamp = () => Date.now().toString(36);

const POLLING: PollingTrigger[] = [
	{
		name: 'Address Book Trigger',
		nodeType: new NeteaseEmailAddressBookTrigger(),
		parameters: () => ({ events: ['departmentCreated'] }),
		cause: async () => {
			const run = await platform.run({
				resource: 'department',
				operation: 'create',
				name: `保密检查${stamp()}`,
			});
			expect(run.success).toBe(true);
		},
		refusal: { deniedPath: '/api/open/address/getMaxRevision' },
		badInput: { events: [] },
	},
	{
		name: 'Email Trigger',
		nodeType: new NeteaseEmailTrigger(),
		parameters: (account) => ({ mailboxes: { values: [{ mailbox: address(account) }] } }),
		cause: async () =>
			control().deliverMail({ to: 'zhang.wei', from: 'a@example.org', subject: stamp() }),
		refusal: { account: NO_SUCH_ACCOUNT },
		badInput: { mailboxes: { values: [{ mailbox: address('zhang.wei@other.example.com') }] } },
	},
	{
		name: 'Logs Trigger',
		nodeType: new NeteaseEmailLogsTrigger(),
		parameters: () => ({ event: 'newAdminOperation' }),
		cause: () => forwardLiNa(stamp()),
		refusal: { deniedPath: '/api/open/logquery/adminOperation' },
		badInput: { event: '={{ "newAdmin" }}' },
	},
	{
		name: 'Settings Trigger',
		nodeType: new NeteaseEmailSettingsTrigger(),
		parameters: () => ({ events: ['forwardingChanged'] }),
		cause: () => forwardLiNa(stamp()),
		refusal: { deniedPath: '/api/open/logquery/adminOperation' },
		badInput: { events: [] },
	},
];

describe.each(POLLING.map((one) => [one.name, one] as const))('%s', (name, one) => {
	test('emits an event, after its token was renewed, and a test event', async () => {
		const options = trigger(one.nodeType, one.parameters('zhang.wei'));
		expect(await poll(`${name}'s activation`, options)).toEqual([]);
		await one.cause();
		await secondOver();
		control().expireAccessTokens();
		const events = await poll(`${name}'s poll`, options);
		expect(events.length).toBeGreaterThan(0);
		expect(callsTo(platform.sandbox, '/api/pub/token/refresh')).toHaveLength(1);
		expect(await poll(`${name}'s test event`, options, 'manual')).toHaveLength(1);
		await check.expectNoSecret();
	});

	test('fails on a wrong AppKey', async () => {
		check.useWrongAppKey();
		const error = await pollError(
			`${name} with a wrong AppKey`,
			trigger(one.nodeType, one.parameters('zhang.wei')),
		);
		expect(error.message).toContain('-100');
		await check.expectNoSecret();
	});

	test('fails on a platform refusal', async () => {
		const { refusal } = one;
		const account = 'account' in refusal ? refusal.account : 'zhang.wei';
		if ('deniedPath' in refusal) control().configure({ deniedPaths: [refusal.deniedPath] });
		const error = await pollError(
			`${name} refused`,
			trigger(one.nodeType, one.parameters(account)),
		);
		expect(error.message).toMatch(/\(code -202\)$|\(ACCOUNT\.NOTEXIST, code -3\)$/);
		await check.expectNoSecret();
	});

	test('fails on bad input', async () => {
		await pollError(`${name} on bad input`, trigger(one.nodeType, one.badInput));
		expect(businessCalls()).toEqual([]);
		await check.expectNoSecret();
	});
});

describe('Push Trigger', () => {
	const newMail = (account: string): INodeParameters => ({
		source: 'pushmail',
		mailboxScope: 'chosen',
		mailboxes: { mailbox: [{ mailbox: address(account) }] },
	});
	const lifecycle = (options: TriggerOptions, method: 'checkExists' | 'create' | 'delete') =>
		recorded(`the Push Trigger's ${method}`, options, () =>
			webhookLifecycle(options, method, WEBHOOK_URL),
		);
	const secretOf = (options: TriggerOptions) =>
		String((options.staticData[`node:${options.node.name}`] as IDataObject).secret);

	test('activates, emits a pushed mail, refuses a forged callback, and deactivates', async () => {
		const options = trigger(new NeteaseEmailPushTrigger(), newMail('zhang.wei'));
		expect((await lifecycle(options, 'create')).result).toBe(true);
		control().expireAccessTokens();
		expect((await lifecycle(options, 'checkExists')).result).toBe(true);
		const mail = { From: 'a@example.org', To: 'zhang.wei@sandbox.example.com', Subject: 'x' };
		const pushed = await recorded('a pushed mail', options, () =>
			callWebhook(options, { body: mail, query: { token: secretOf(options) } }),
		);
		expect(pushed.result?.response.workflowData?.[0]).toHaveLength(1);
		const forged = await recorded('a forged callback', options, () =>
			callWebhook(options, { body: mail, query: { token: 'forged' } }),
		);
		expect(forged.result?.status).toBe(401);
		expect((await lifecycle(options, 'delete')).result).toBe(true);
		await check.expectNoSecret();
	});

	test.each([
		['a wrong AppKey', 'zhang.wei'],
		['an unknown mailbox', NO_SUCH_ACCOUNT],
		['bad input', 'zhang.wei@other.example.com'],
	])('fails to activate on %s', async (by, account) => {
		if (by === 'a wrong AppKey') check.useWrongAppKey();
		const options = trigger(new NeteaseEmailPushTrigger(), newMail(account));
		expect((await lifecycle(options, 'create')).error?.message).toBeTruthy();
		if (by === 'bad input') expect(businessCalls()).toEqual([]);
		await check.expectNoSecret();
	});

	test('fails to deactivate on a platform refusal', async () => {
		const options = trigger(new NeteaseEmailPushTrigger(), newMail('zhang.wei'));
		expect((await lifecycle(options, 'create')).result).toBe(true);
		control().injectFault({
			path: '/api/open/push/deleteDynamicSubscribe',
			kind: 'code',
			code: -3,
			marker: 'PUSH.BUSY',
		});
		expect((await lifecycle(options, 'delete')).error?.message).toBeTruthy();
		await check.expectNoSecret();
	});
});

// No trigger signs in: the SSO token is the SSO node's (secretLeaks.actions.test.ts).
expectEveryKindLookedFor(check, ['AppKey', 'access token', 'refresh token']);
