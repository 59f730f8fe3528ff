import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailSettingsTrigger } from '../../nodes/NeteaseEmail/Settings/NeteaseEmailSettingsTrigger.node';
import type { TriggerOptions } from '../harness';
import { pollOnce } from '../harness';
import {
	CREDENTIAL_ID,
	CREDENTIAL_TYPE,
	locator,
	SETTINGS_NODE_TYPE,
	SETTINGS_TRIGGER_TYPE,
	usePlatform,
} from '../support/netease';
import { DOMAIN, PATHS, SECOND } from './logs.support';

const NODE_NAME = 'Settings Trigger';
const ADMIN_LOG = PATHS.adminOperation;
const GET_FORWARD = '/api/open/mailaccount/getForward';

/** Waits until the current second is over: the trigger reads the log up to the last whole second. */
async function secondOver(): Promise<void> {
	const next = Math.floor(Date.now() / SECOND) * SECOND + SECOND;
	await new Promise((resolve) => setTimeout(resolve, next - Date.now() + 20));
}

describe('NetEase Email Settings Trigger against the sandbox', () => {
	const platform = usePlatform();
	let staticData: IDataObject;

	beforeEach(() => {
		staticData = {};
	});

	const triggerOptions = (parameters: INodeParameters): TriggerOptions => ({
		node: {
			name: NODE_NAME,
			type: SETTINGS_TRIGGER_TYPE,
			parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: 'NetEase sandbox' } },
		},
		nodeType: new NeteaseEmailSettingsTrigger(),
		credentials: platform.credentials,
		credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
		staticData,
	});

	async function poll(parameters: INodeParameters = {}, mode: 'trigger' | 'manual' = 'trigger') {
		const output = await pollOnce(triggerOptions(parameters), mode);
		return output ? output[0].map((item) => item.json) : null;
	}

	function restart() {
		staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	}

	const cursor = () => (staticData[`node:${NODE_NAME}`] as IDataObject | undefined)?.cursor;

	async function callsDuring(action: () => Promise<unknown>) {
		platform.sandbox.control.clearRequests();
		await action();
		return platform.sandbox.control.requests();
	}

	async function activate(parameters: INodeParameters = {}) {
		expect(await poll(parameters)).toBeNull();
		expect(cursor()).toEqual({ position: expect.any(Number), seen: expect.any(Array) });
	}

	/** One Set of the Settings node; the sandbox's admin log records each write it makes. */
	async function set(resource: string, parameters: INodeParameters, account = 'li.na') {
		const run = await platform.run(
			{
				resource,
				operation: 'set',
				applyTo: 'account',
				account: locator(`${account}@${DOMAIN}`, 'address'),
				...parameters,
			},
			{ nodeType: SETTINGS_NODE_TYPE },
		);
		expect(run.success).toBe(true);
		return run.json;
	}

	const forwardTo = (addresses: string, account?: string) =>
		set('forwarding', { settingsToChange: { enabled: true, forwardTo: addresses } }, account);

	const appId = () => platform.sandbox.credential.appId;

	test('The first activation starts from now; an idle poll is exactly one call', async () => {
		// Made just before the activation, maybe in its very second: not new.
		await forwardTo('before@example.org');
		await activate();
		await secondOver();
		expect(await poll()).toBeNull();

		const idle = await callsDuring(async () => expect(await poll()).toBeNull());

		expect(idle.map((call) => call.path)).toEqual([ADMIN_LOG]);
	});

	test('Forwarding Added or Changed flags external targets and carries the setting now', async () => {
		await activate();
		await forwardTo(`li.na.private@gmail.com, zhang.wei@${DOMAIN}`);
		await secondOver();
		await forwardTo(`wang.fang@${DOMAIN}`);
		await secondOver();

		const items = await poll();

		expect(items).toHaveLength(2);
		const settingNow = { enabled: true, forwardTo: [`wang.fang@${DOMAIN}`], keepCopy: true };
		expect(items![0]).toEqual({
			event: 'forwardingChanged',
			account: 'li.na',
			email: `li.na@${DOMAIN}`,
			time: expect.stringMatching(/\+08:00$/),
			timestamp: expect.any(Number),
			operator: appId(),
			ip: expect.any(String),
			action: 'updateForward',
			change: {
				accountName: 'li.na',
				enabled: 1,
				addresses: `li.na.private@gmail.com,zhang.wei@${DOMAIN}`,
			},
			setting: settingNow,
			settingError: null,
			externalTargets: ['li.na.private@gmail.com'],
			hasExternalTarget: true,
		});
		expect(items![1]).toMatchObject({
			event: 'forwardingChanged',
			change: { addresses: `wang.fang@${DOMAIN}` },
			setting: settingNow,
			externalTargets: [],
			hasExternalTarget: false,
		});
	});

	test('Switching forwarding off is no "added or changed"', async () => {
		await forwardTo('someone@example.org');
		await activate();
		await set('forwarding', { settingsToChange: { enabled: false } });
		await secondOver();

		expect(await poll()).toBeNull();
		// Passed over: the cursor is past it, so the next poll is idle.
		const idle = await callsDuring(async () => expect(await poll()).toBeNull());
		expect(idle.map((call) => call.path)).toEqual([ADMIN_LOG]);
	});

	test('Two-Factor Turned Off: switching it on is not, switching it off is', async () => {
		await activate();
		await set('twoFactor', { enabled: true });
		await secondOver();
		await set('twoFactor', { enabled: false });
		await secondOver();

		const items = await poll();

		expect(items).toEqual([
			expect.objectContaining({
				event: 'twoFactorOff',
				account: 'li.na',
				action: 'updateSecondFactor',
				change: { accountName: 'li.na', enabled: 0 },
				setting: { enabled: false },
			}),
		]);
	});

	test('A two-factor write that does not say which way it went is decided by the setting now', async () => {
		await set('twoFactor', { enabled: true }, 'zhang.wei');
		await activate({ backfillHours: 0.5 });
		platform.sandbox.control.addLogEntries({
			kind: 'adminOperation',
			entries: [
				{
					module: 'mailaccount',
					action: 'updateSecondFactor',
					target: 'zhang.wei',
					time: Date.now() - 60 * SECOND,
				},
				{
					module: 'mailaccount',
					action: 'updateSecondFactor',
					target: 'wang.fang',
					time: Date.now() - 50 * SECOND,
				},
			],
		});

		const items = await poll({ backfillHours: 0.5 });

		// zhang.wei has it on now; wang.fang does not.
		expect(items!.map((item) => [item.account, item.setting])).toEqual([
			['wang.fang', { enabled: false }],
		]);
	});

	test('Quota or Send Limit Changed and Login Permission Changed, each with the setting now', async () => {
		await activate();
		await set('mailboxLimits', { settingsToChange: { quotaMb: 10240, dailySendingLimit: 500 } });
		await secondOver();
		await set('loginPermissions', { settingsToChange: { imap: false } }, 'wang.fang');
		await secondOver();

		const items = await poll();

		expect(items).toEqual([
			expect.objectContaining({
				event: 'mailLimitsChanged',
				account: 'li.na',
				change: { accountName: 'li.na', quotaMb: 10240, dailySendLimit: 500 },
				setting: expect.objectContaining({ quotaMb: 10240, dailySendingLimit: 500 }),
			}),
			expect.objectContaining({
				event: 'loginPermissionChanged',
				account: 'wang.fang',
				action: 'updateAccountLoginPerm',
				change: { accountName: 'wang.fang', loginType: 'imap', loginPerm: 0 },
				setting: expect.objectContaining({ imap: false, pop: true, webMail: true }),
			}),
		]);
	});

	test('Only the chosen events trigger; other writes are passed over', async () => {
		const parameters = { events: ['twoFactorOff'] };
		await activate(parameters);
		await forwardTo('someone@example.org');
		await set('mailboxLimits', { settingsToChange: { quotaMb: 2048 } });
		await set('twoFactor', { enabled: true }, 'zhang.wei');
		await secondOver();
		await set('twoFactor', { enabled: false }, 'zhang.wei');
		await secondOver();

		const items = await poll(parameters);

		expect(items!.map((item) => [item.event, item.account])).toEqual([
			['twoFactorOff', 'zhang.wei'],
		]);
		const idle = await callsDuring(async () => expect(await poll(parameters)).toBeNull());
		expect(idle.map((call) => call.path)).toEqual([ADMIN_LOG]);
	});

	test('An organisation-wide change in one burst: once per account across Max Items and restarts', async () => {
		const parameters = { maxItems: 2 };
		await activate(parameters);
		const run = await platform.run(
			{
				resource: 'forwarding',
				operation: 'set',
				applyTo: 'organisation',
				confirmOrganisation: true,
				settingsToChange: { enabled: true, forwardTo: 'archive@example.org' },
			},
			{ nodeType: SETTINGS_NODE_TYPE },
		);
		const changed = run.json.filter((row) => row.outcome === 'changed').map((row) => row.email);
		expect(changed.length).toBeGreaterThan(2);
		await secondOver();

		const emitted: IDataObject[] = [];
		for (;;) {
			const batch = await poll(parameters);
			if (!batch) break;
			expect(batch.length).toBeLessThanOrEqual(2);
			emitted.push(...batch);
			restart();
		}

		expect(emitted.map((item) => item.email).sort()).toEqual([...changed].sort());
		expect(emitted.every((item) => item.hasExternalTarget === true)).toBe(true);
	});

	test('A setting that cannot be read now is said in settingError; the entry still comes', async () => {
		await activate({ backfillHours: 0.5 });
		platform.sandbox.control.addLogEntries({
			kind: 'adminOperation',
			entries: [
				{
					module: 'mailaccount',
					action: 'updateForward',
					target: 'gone.for.good',
					time: Date.now() - 60 * SECOND,
					detail: { accountName: 'gone.for.good', enabled: 1, addresses: 'x@example.org' },
				},
			],
		});

		const items = await poll({ backfillHours: 0.5 });

		expect(items).toEqual([
			expect.objectContaining({
				account: 'gone.for.good',
				setting: null,
				settingError: expect.stringMatching(/ACCOUNT\.NOTEXIST/),
				externalTargets: ['x@example.org'],
				hasExternalTarget: true,
			}),
		]);
	});

	test('An unreachable platform fails the poll with the cursor unchanged; the next poll brings the item once', async () => {
		await activate();
		const before = cursor();
		await forwardTo('partner@example.org');
		await secondOver();
		platform.sandbox.control.injectFault({
			path: GET_FORWARD,
			kind: 'httpStatus',
			status: 502,
			times: 4,
		});

		await expect(poll()).rejects.toThrow();
		expect(cursor()).toEqual(before);

		restart();
		const items = await poll();
		expect(items!.map((item) => item.event)).toEqual(['forwardingChanged']);
		expect(await poll()).toBeNull();
	});

	test('Fetch Test Event shows the newest chosen change and moves nothing', async () => {
		await forwardTo('first@example.org');
		await set('mailboxLimits', { settingsToChange: { quotaMb: 4096 } });
		await set('twoFactor', { enabled: true });

		const items = await poll({ events: ['forwardingChanged', 'mailLimitsChanged'] }, 'manual');

		expect(items).toEqual([
			expect.objectContaining({
				event: 'mailLimitsChanged',
				setting: expect.objectContaining({ quotaMb: 4096 }),
			}),
		]);
		expect(cursor()).toBeUndefined();
	});

	test('No event chosen is refused', async () => {
		await expect(poll({ events: [] })).rejects.toThrow('Events has none chosen');
	});
});
