import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callsTo, locator, SETTINGS_NODE_TYPE, usePlatform } from '../support/netease';
import { CASES, DOMAIN, settingsHelpers, target } from './settingsAccount.support';

const LIMITS = '/api/open/mailaccount/updateMailLimits';
const IP_LIMIT = '/api/open/mailaccount/updateIpLimit';
const LOGIN_PERM = '/api/open/account/updateAccountLoginPerm';
const SIGNATURE = '/api/open/mailaccount/updateSignature';

describe('Settings: what each setting sends, and bad input', () => {
	const platform = usePlatform();
	const state = () => platform.sandbox.control.state();
	const helpers = (resource: string) =>
		settingsHelpers(platform, CASES.find((setting) => setting.resource === resource)!);
	const businessCalls = () =>
		platform.sandbox.control.requests().filter((call) => call.path.startsWith('/api/open/'));
	const limitsOf = (name: string) => state().accountSettings[name]?.limits;

	test('Mailbox Limits: Get shows the used space; Set sends only the fields given', async () => {
		const { get, set } = helpers('mailboxLimits');
		const bytes = state().mailboxes['zhang.wei'].reduce((sum, mail) => sum + mail.size, 0);
		const [limits] = (await get(target.account('zhang.wei'))).json;
		expect(limits.usedMb).toBe(Math.round((bytes / 1048576) * 100) / 100);

		const result = await set(target.account('li.na'), {
			settingsToChange: { sendingAllowed: false },
		});
		expect(result.json[0]).toMatchObject({
			outcome: 'changed',
			changes: { sendingAllowed: { from: true, to: false } },
		});
		expect(callsTo(platform.sandbox, LIMITS).map((call) => call.body)).toEqual([
			{ domain: DOMAIN, accountName: 'li.na', sendAllowed: 0 },
		]);
		expect(limitsOf('li.na')).toEqual({
			quotaMb: 5120,
			sendAllowed: 0,
			dailySendLimit: 0,
			largeAttachmentAllowed: 0,
		});
	});

	test.each([
		[{ quotaMb: -1 }, 'Mailbox Quota (MB) is -1, not a whole number from 1 to 1048576'],
		[{ quotaMb: 0 }, 'Mailbox Quota (MB) is 0, not a whole number from 1 to 1048576'],
		[{ quotaMb: 1048577 }, 'Mailbox Quota (MB) is 1048577, not a whole number from 1 to 1048576'],
		[{ quotaMb: 1.5 }, 'Mailbox Quota (MB) is 1.5, not a whole number from 1 to 1048576'],
		[{ quotaMb: '=abc' }, 'Mailbox Quota (MB) is "abc", not a whole number from 1 to 1048576'],
		[{ dailySendingLimit: -5 }, 'Daily Sending Limit is -5, not a whole number from 0 to 100000'],
		[
			{ dailySendingLimit: 100001 },
			'Daily Sending Limit is 100001, not a whole number from 0 to 100000',
		],
	])('Mailbox Limits %j fails before any request: %s', async (fields, message) => {
		const result = await helpers('mailboxLimits').set(target.organisation(), {
			settingsToChange: { sendingAllowed: true, ...fields },
		});
		expect(result.success).toBe(false);
		expect(result.error?.message).toBe(`${message} [item 0]`);
		expect(result.error?.description).toMatch(/from \d+ to \d+/);
		expect(businessCalls()).toEqual([]);
	});

	test('IP Login Restriction: canonical ranges on the wire; what the platform holds compares regardless of order; empty lifts it', async () => {
		const { get, set } = helpers('ipLoginRestriction');
		await set(target.account('li.na'), {
			allowedIpRanges: '10.1.2.3/8; 192.0.2.1 ::ffff:C000:0201',
		});
		expect(callsTo(platform.sandbox, IP_LIMIT)[0].body).toMatchObject({
			ipRanges: '10.0.0.0/8,192.0.2.1,::ffff:192.0.2.1',
		});

		// Written as an administrator might have: another order, another spelling.
		const raw = await platform.run(
			{
				resource: 'platformRequest',
				operation: 'send',
				endpointKey: 'ipLimit.update',
				body: JSON.stringify({ accountName: 'wang.fang', ipRanges: '2001:DB8::/32,10.0.0.0/8' }),
			},
			{ nodeType: SETTINGS_NODE_TYPE },
		);
		expect(raw.success).toBe(true);
		const [current] = (await get(target.account('wang.fang'))).json;
		expect(current.allowedIpRanges).toEqual(['10.0.0.0/8', '2001:db8::/32']);
		platform.sandbox.control.clearRequests();
		const same = await set(target.account('wang.fang'), {
			allowedIpRanges: '2001:db8:0:0::/32, 10.0.0.0/8, 10.0.0.0/8',
		});
		expect(same.json[0]).toMatchObject({ outcome: 'unchanged' });
		expect(callsTo(platform.sandbox, IP_LIMIT)).toEqual([]);

		const lifted = await set(target.account('wang.fang'), { allowedIpRanges: '' });
		expect(lifted.json[0]).toMatchObject({
			outcome: 'changed',
			changes: { allowedIpRanges: { from: ['10.0.0.0/8', '2001:db8::/32'], to: [] } },
		});
		expect(callsTo(platform.sandbox, IP_LIMIT)[0].body).toMatchObject({ ipRanges: '' });
		expect(state().accountSettings['wang.fang'].ipLimit.ipRanges).toEqual([]);
	});

	test.each([
		['office-vpn, 10.0.0.0/8', 'office-vpn'],
		['10.0.0.0/33', '10.0.0.0/33'],
		['192.168.1.256', '192.168.1.256'],
		['2001:db8:::1', '2001:db8:::1'],
	])('IP Login Restriction %j fails before any request', async (ranges, bad) => {
		const result = await helpers('ipLoginRestriction').set(target.department('研发中心'), {
			allowedIpRanges: ranges,
		});
		expect(result.error?.message).toBe(
			`Allowed IP Ranges has "${bad}", which is not an IPv4 or IPv6 address or CIDR range [item 0]`,
		);
		expect(businessCalls()).toEqual([]);
	});

	test('Login Permissions: one call per channel that differs; agrees with the Address Book node', async () => {
		const { get, run } = helpers('loginPermissions');
		const denyPop: INodeParameters = {
			resource: 'account',
			operation: 'setLoginPermissions',
			account: locator('li.na', 'address'),
			channels: { pop: 'deny' },
		};
		expect((await platform.run(denyPop)).success).toBe(true);
		expect((await get(target.account('li.na'))).json[0]).toMatchObject({ pop: false, imap: true });
		platform.sandbox.control.clearRequests();

		// Each input item names its account (An Account, with an expression).
		const result = await run(
			'set',
			{
				applyTo: 'account',
				account: locator('={{ $json.account }}', 'address'),
				settingsToChange: { pop: false, smtp: false, webMail: true },
			},
			[{ account: 'li.na' }, { account: `wang.fang@${DOMAIN}` }],
		);
		expect(result.json).toEqual([
			{
				email: `li.na@${DOMAIN}`,
				outcome: 'changed',
				changes: { smtp: { from: true, to: false } },
			},
			{
				email: `wang.fang@${DOMAIN}`,
				outcome: 'changed',
				changes: { pop: { from: true, to: false }, smtp: { from: true, to: false } },
			},
		]);
		const sent = callsTo(platform.sandbox, LOGIN_PERM).map((call) => call.body as IDataObject);
		expect(
			sent.map((body) => `${body.accountName}:${body.loginType}=${body.loginPerm}`).sort(),
		).toEqual(['li.na:smtp=0', 'wang.fang:pop=0', 'wang.fang:smtp=0']);
	});

	test('Signature: content up to 10000 characters, checked before any request; only the fields given are sent', async () => {
		const { set } = helpers('signature');
		const tooLong = await set(target.account('li.na'), {
			settingsToChange: { content: 'x'.repeat(10001) },
		});
		expect(tooLong.error?.message).toBe(
			'Content is 10001 characters long, more than 10000 [item 0]',
		);
		expect(businessCalls()).toEqual([]);

		const longest = 'y'.repeat(10000);
		const result = await set(target.account('li.na'), { settingsToChange: { content: longest } });
		expect(result.json[0]).toMatchObject({ outcome: 'changed' });
		expect(callsTo(platform.sandbox, SIGNATURE).map((call) => call.body)).toEqual([
			{ domain: DOMAIN, accountName: 'li.na', content: longest },
		]);
		expect(state().accountSettings['li.na'].signature).toEqual({
			enabled: 0,
			contentType: 'text',
			content: longest,
		});
	});

	test('Set with nothing in Settings to Change fails before any request', async () => {
		for (const resource of ['mailboxLimits', 'loginPermissions', 'signature']) {
			const result = await helpers(resource).set(target.account('li.na'), { settingsToChange: {} });
			expect(result.error?.message).toBe('Apply To has nothing to set [item 0]');
		}
		expect(businessCalls()).toEqual([]);
	});

	test('in a department one account failing is a failed item, the others are written; a single account throws', async () => {
		const { set } = helpers('mailboxLimits');
		platform.sandbox.control.injectFault({
			path: LIMITS,
			kind: 'code',
			code: -3,
			marker: 'ACCOUNT.STATUSERROR',
		});
		const result = await set(target.department('研发中心'));
		expect(result.success).toBe(true);
		const failed = result.json.filter((row) => row.outcome === 'failed');
		expect(failed).toHaveLength(1);
		expect(failed[0].error).toMatch(/ACCOUNT\.STATUSERROR/);
		expect(result.json.filter((row) => row.outcome === 'changed')).toHaveLength(2);

		platform.sandbox.control.injectFault({
			path: LIMITS,
			kind: 'code',
			code: -3,
			marker: 'ACCOUNT.STATUSERROR',
		});
		const single = await set(target.account('zhang.wei'));
		expect(single.success).toBe(false);
		expect(single.error?.message).toMatch(/ACCOUNT\.STATUSERROR/);
	});
});
