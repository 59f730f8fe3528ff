import type { IDataObject } from 'n8n-workflow';

import {
	callsTo,
	CREATE_ACCOUNT_FROM_ITEM as createParams,
	CREDENTIAL_ID,
	getAccount,
	locator,
	newHires,
	usePlatform,
} from '../support/netease';

const CREATE = '/api/open/account/createAccount';
const FIND_MARKETING = {
	resource: 'department',
	operation: 'find',
	findBy: 'name',
	name: '市场部',
};
const GET = '/api/open/account/getAccount';

describe('Tokens, rate limits and faults', () => {
	const platform = usePlatform();
	const control = () => platform.sandbox.control;
	const storedToken = () => platform.credentials.get(CREDENTIAL_ID)?.data.accessToken;
	const accountNames = () =>
		control()
			.state()
			.accounts.map((a) => a.accountName);

	test('The first call acquires a token with the AppKey, stores it and reuses it in the next run', async () => {
		const before = control().stats().tokensAcquired;
		await platform.run({ resource: 'department', operation: 'getAll', output: 'flat' });
		await platform.run({ resource: 'department', operation: 'getAll', output: 'flat' });
		expect(control().stats().tokensAcquired - before).toBe(1);
		const [acquire] = callsTo(platform.sandbox, '/api/pub/token/acquireToken');
		expect(acquire.body).toEqual({
			appId: platform.sandbox.identity.appId,
			authCode: platform.sandbox.identity.authCode,
			orgOpenId: platform.sandbox.identity.orgOpenId,
		});
		const business = callsTo(platform.sandbox, '/api/open/unit/getUnitList');
		expect(business.map((c) => c.headers['qiye-access-token'])).toEqual([
			storedToken(),
			storedToken(),
		]);
		expect(business[0].headers['qiye-app-id']).toBe(platform.sandbox.identity.appId);
		expect(business[0].headers['qiye-org-open-id']).toBe(platform.sandbox.identity.orgOpenId);
	});

	test('A token expired between runs is renewed through the refresh token, and the new one is stored', async () => {
		await platform.run(FIND_MARKETING);
		const oldToken = storedToken();
		control().expireAccessTokens(-301);
		control().clearRequests();
		const run = await platform.run(getAccount('li.na'));
		expect(run.success).toBe(true);
		expect(callsTo(platform.sandbox, '/api/pub/token/refresh')).toHaveLength(1);
		expect(callsTo(platform.sandbox, '/api/pub/token/acquireToken')).toHaveLength(0);
		const newToken = storedToken();
		expect(newToken).not.toBe(oldToken);
		const gets = callsTo(platform.sandbox, GET);
		expect(gets.map((g) => g.code)).toEqual([-301, 0]);
		expect(gets[1].headers['qiye-access-token']).toBe(newToken);
	});

	test('An expired refresh token falls back to acquiring with the AppKey', async () => {
		await platform.run(FIND_MARKETING);
		control().expireRefreshTokens();
		control().expireAccessTokens(-301);
		control().clearRequests();
		const run = await platform.run(getAccount('li.na'));
		expect(run.success).toBe(true);
		expect(callsTo(platform.sandbox, '/api/pub/token/refresh').map((c) => c.code)).toEqual([-302]);
		expect(callsTo(platform.sandbox, '/api/pub/token/acquireToken').map((c) => c.code)).toEqual([
			0,
		]);
	});

	test('Tokens expiring every 10 calls in the middle of a 40-item run lose nothing and repeat nothing', async () => {
		control().configure({ expireAccessTokenAfterCalls: 10 });
		const run = await platform.run(createParams, { items: newHires(40, 'hire') });
		expect(run.success).toBe(true);
		expect(run.json).toHaveLength(40);
		expect(run.json.every((item) => item.created === true)).toBe(true);
		const creates = callsTo(platform.sandbox, CREATE);
		const succeeded = creates
			.filter((c) => c.code === 0)
			.map((c) => (c.body as IDataObject).accountName);
		expect(new Set(succeeded).size).toBe(40);
		expect(succeeded).toHaveLength(40);
		expect(creates.every((c) => c.code === 0 || c.code === -301)).toBe(true);
		// Concurrent callers that saw the same expired token share one renewal.
		const renewals = control().stats().tokensRefreshed + control().stats().tokensAcquired;
		expect(renewals).toBeLessThanOrEqual(Math.ceil(creates.length / 10) + 1);
	});

	test('A rate-limited run backs off and still creates every account once', async () => {
		control().configure({ rateLimit: { perSecond: 10, code: -422 } });
		const run = await platform.run(createParams, { items: newHires(25, 'rl') });
		expect(run.success).toBe(true);
		expect(run.json).toHaveLength(25);
		const creates = callsTo(platform.sandbox, CREATE);
		expect(creates.some((c) => c.code === -422)).toBe(true);
		expect(creates.filter((c) => c.code === 0)).toHaveLength(25);
		expect(accountNames().filter((n) => n.startsWith('rl'))).toHaveLength(25);
	});

	test('A create whose answer was lost is checked before anything is sent again', async () => {
		control().injectFault({ path: CREATE, kind: 'lostResponse' });
		const run = await platform.run(createParams, {
			items: [{ accountName: 'lost.answer', name: '丢失' }],
		});
		expect(run.success).toBe(true);
		expect(run.json[0]).toMatchObject({ accountName: 'lost.answer', created: true });
		expect(callsTo(platform.sandbox, CREATE)).toHaveLength(1);
		expect(callsTo(platform.sandbox, GET).map((g) => g.code)).toEqual([0]);
	});

	test('A create dropped before it was applied is checked, then sent once more', async () => {
		control().injectFault({ path: CREATE, kind: 'drop' });
		const run = await platform.run(createParams, {
			items: [{ accountName: 'dropped', name: '重发' }],
		});
		expect(run.success).toBe(true);
		expect(callsTo(platform.sandbox, CREATE)).toHaveLength(2);
		expect(callsTo(platform.sandbox, GET)).toHaveLength(1);
		expect(accountNames().filter((n) => n === 'dropped')).toHaveLength(1);
	});

	test('Transient platform errors on reads are retried', async () => {
		control().injectFault({ path: GET, kind: 'code', code: -1, times: 2 });
		const run = await platform.run(getAccount('li.na'));
		expect(run.success).toBe(true);
		expect(callsTo(platform.sandbox, GET).map((g) => g.code)).toEqual([-1, -1, 0]);
	});

	test('A gateway error on a department create is checked, then the department is created once', async () => {
		control().injectFault({
			path: '/api/open/unit/createUnit',
			kind: 'httpStatus',
			status: 502,
			times: 1,
		});
		const run = await platform.run({
			resource: 'department',
			operation: 'create',
			name: '网关测试',
			parentDepartment: locator(''),
		});
		// Department creation can look itself up, so it verifies and then creates exactly once.
		expect(run.success).toBe(true);
		expect(
			control()
				.state()
				.units.filter((u) => u.unitName === '网关测试'),
		).toHaveLength(1);
	});

	test('A wrong AppKey fails with a fix-it message that never shows the key or a token', async () => {
		platform.changeCredential({ appSecret: 'WrongKey9' });
		const run = await platform.run(FIND_MARKETING);
		expect(run.success).toBe(false);
		const text = JSON.stringify(run.error);
		expect(text).toMatch(/Authentication failed/);
		expect(text).toMatch(/AppKey/);
		expect(text).not.toContain('WrongKey9');
		expect(text).not.toContain(platform.sandbox.identity.authCode);
	});

	test('An API the app is not authorised for is explained', async () => {
		control().configure({ deniedPaths: ['/api/open/account/getAccount'] });
		const run = await platform.run(getAccount('li.na'));
		expect(run.success).toBe(false);
		expect(run.error?.message).toBe('This API is not authorized for the app (code -202) [item 0]');
		expect(run.error?.description).toMatch(/authorize this API for the app/);
	});
});
