import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

import { Client, control, post, sleep, useSandbox, type Json } from './helpers';

const sandbox = useSandbox({ seed: 'empty' });
const client = new Client(sandbox);

beforeEach(async () => {
	expect((await control(sandbox(), 'POST', '/reset', { seed: 'demo' })).status).toBe(200);
});

describe('HTTP control API', () => {
	it('resets to a seed', async () => {
		const { json } = await control(sandbox(), 'POST', '/reset', { seed: 'empty' });
		expect(json).toEqual({ ok: true, state: { units: 1, accounts: 0 } });
		const state = (await control(sandbox(), 'GET', '/state')).json;
		expect(state.units.map((unit: { unitName: string }) => unit.unitName)).toEqual(['默认部门']);
		expect(state.mailLists).toEqual([]);
		expect((await control(sandbox(), 'POST', '/reset', { seed: 'huge' })).status).toBe(400);
	});

	it('gives deterministic ids for a seed', async () => {
		const first = (await control(sandbox(), 'GET', '/state')).json;
		await control(sandbox(), 'POST', '/reset', {});
		const second = (await control(sandbox(), 'GET', '/state')).json;
		const ids = (state: Json) => [
			state.units.map((unit: Json) => unit.unitId),
			state.accounts.map((account: Json) => account.accountOpenId),
		];
		expect(ids(second)).toEqual(ids(first));
		expect(first.accounts).toHaveLength(7);
		expect(first.accounts.map((account: Json) => account.status)).toEqual([0, 0, 0, 0, 1, 2, 0]);
	});

	it('configures, merging, and refuses unknown keys', async () => {
		const { json } = await control(sandbox(), 'POST', '/config', {
			latencyMs: 5,
			rateLimit: { perSecond: 50 },
		});
		expect(json).toMatchObject({
			latencyMs: 5,
			rateLimit: { perSecond: 50, code: -422 },
			accessTokenTtlSeconds: 7200,
		});
		expect((await control(sandbox(), 'GET', '/config')).json.latencyMs).toBe(5);
		const bad = await control(sandbox(), 'POST', '/config', { latency: 5 });
		expect(bad).toEqual({ status: 400, json: { error: 'unknown config key: latency' } });
		await control(sandbox(), 'POST', '/reset', {});
		expect((await control(sandbox(), 'GET', '/config')).json.latencyMs).toBe(0);
	});

	it('expires tokens', async () => {
		await client.login();
		expect(
			(await control(sandbox(), 'POST', '/tokens/expire', { code: -300 })).json.expired,
		).toBeGreaterThan(0);
		expect((await client.call('/api/open/unit/getUnitList')).code).toBe(-300);
		expect((await control(sandbox(), 'POST', '/tokens/expire', { code: -1 })).status).toBe(400);
		const tokens = await client.login();
		await control(sandbox(), 'POST', '/tokens/expire-refresh');
		expect(
			(await post(sandbox(), `/api/pub/token/refresh?refreshToken=${tokens.refreshToken}`)).code,
		).toBe(-302);
	});

	it('injects, lists and clears faults', async () => {
		const injected = await control(sandbox(), 'POST', '/faults', {
			path: '/api/open/unit/getUnitList',
			kind: 'code',
			code: -2,
		});
		expect(injected.json).toEqual([
			{ path: '/api/open/unit/getUnitList', kind: 'code', code: -2, times: 1, after: 0 },
		]);
		await control(sandbox(), 'POST', '/faults', { faults: [{ kind: 'drop' }, { kind: 'drop' }] });
		expect((await control(sandbox(), 'GET', '/faults')).json).toHaveLength(3);
		expect((await control(sandbox(), 'POST', '/faults', { kind: 'nonsense' })).status).toBe(400);
		await control(sandbox(), 'DELETE', '/faults');
		expect((await control(sandbox(), 'GET', '/faults')).json).toEqual([]);
		expect((await client.call('/api/open/unit/getUnitList')).code).toBe(0);
	});

	it('logs platform calls (not control calls) with lower-cased headers, and counts them', async () => {
		await client.login();
		await client.call('/api/open/account/getAccount', { accountName: 'nobody' });
		await control(sandbox(), 'GET', '/stats');
		const requests = (await control(sandbox(), 'GET', '/requests')).json;
		expect(requests.map((request: Json) => request.path)).toEqual([
			'/api/pub/token/acquireToken',
			'/api/open/account/getAccount',
		]);
		expect(requests[1]).toMatchObject({
			seq: 2,
			path: '/api/open/account/getAccount',
			query: {},
			body: { domain: 'sandbox.example.com', accountName: 'nobody' },
			code: -3,
			tokenKind: 'access',
			headers: { 'qiye-app-id': sandbox().identity.appId, 'qiye-access-token': client.accessToken },
		});
		const filtered = (await control(sandbox(), 'GET', '/requests?path=/api/pub/token/acquireToken'))
			.json;
		expect(filtered).toHaveLength(1);
		const stats = (await control(sandbox(), 'GET', '/stats')).json;
		expect(stats).toMatchObject({
			byPath: {
				'/api/open/account/getAccount': { calls: 1, byCode: { '-3': 1 } },
				'/api/pub/token/acquireToken': { calls: 1, byCode: { '0': 1 } },
			},
			tokensAcquired: 1,
			rateLimited: 0,
			faultsFired: 0,
		});
		await control(sandbox(), 'DELETE', '/requests');
		expect((await control(sandbox(), 'GET', '/requests')).json).toEqual([]);
	});

	it('is never rate limited or faulted', async () => {
		await control(sandbox(), 'POST', '/config', { rateLimit: { perSecond: 1 } });
		await control(sandbox(), 'POST', '/faults', { path: '/__sandbox/stats', kind: 'drop' });
		for (let call = 0; call < 5; call++)
			expect((await control(sandbox(), 'GET', '/stats')).status).toBe(200);
		expect((await control(sandbox(), 'GET', '/stats')).json.rateLimited).toBe(0);
	});

	it('delivers mail, adds login logs and shows push deliveries', async () => {
		const mail = await control(sandbox(), 'POST', '/mail', {
			to: 'li.na',
			from: 'x@example.org',
			subject: '控制台投递',
			fid: 5,
		});
		expect(mail.json).toEqual({ mid: expect.any(String), accountName: 'li.na', pushed: false });
		expect(
			(await client.ok('/api/open/mailbox/getUnreadMsg', { accountName: 'li.na', fid: '5' })).count,
		).toBe(1);
		expect(
			(
				await control(sandbox(), 'POST', '/mail', {
					to: 'ghost',
					from: 'x@example.org',
					subject: 's',
				})
			).status,
		).toBe(404);
		expect((await control(sandbox(), 'POST', '/mail', { to: 'li.na', subject: 's' })).status).toBe(
			400,
		);
		const login = await control(sandbox(), 'POST', '/logs/login', {
			accountName: 'li.na',
			ip: '203.0.113.9',
			time: '2024-1-2 3:4:5',
		});
		expect(login.json).toMatchObject({
			accountName: 'li.na',
			ip: '203.0.113.9',
			time: Date.UTC(2024, 0, 1, 19, 4, 5),
		});
		expect((await control(sandbox(), 'GET', '/push?wait=1')).json).toEqual([]);
	});

	it('serves the credential and an index, and 404s unknown endpoints', async () => {
		expect((await control(sandbox(), 'GET', '/credential')).json).toEqual({
			...sandbox().identity,
			baseUrl: sandbox().url,
		});
		expect(sandbox().credential).toEqual({ ...sandbox().identity, baseUrl: sandbox().url });
		expect(sandbox().identity).toEqual({
			orgOpenId: expect.stringMatching(/^[0-9a-f]{16}$/),
			appId: expect.stringMatching(/^qy\d{14}[0-9A-F]{4}$/),
			authCode: expect.stringMatching(/^[A-Za-z0-9]{8}$/),
			domain: 'sandbox.example.com',
		});
		expect((await control(sandbox(), 'GET', '/')).json.endpoints).toContain(
			'POST /__sandbox/faults',
		);
		expect((await control(sandbox(), 'GET', '/nothing')).status).toBe(404);
	});

	it('changing identity re-seeds the organisation for the new domain', async () => {
		await control(sandbox(), 'POST', '/config', {
			identity: { domain: 'other.example.net', authCode: 'Rotated2' },
		});
		expect(sandbox().identity).toMatchObject({ domain: 'other.example.net', authCode: 'Rotated2' });
		await client.login();
		const account = await client.ok('/api/open/account/getAccount', { accountName: 'li.na' });
		expect(account.domain).toBe('other.example.net');
	});
});

describe('slowResponse fault', () => {
	const CREATE_UNIT = '/api/open/unit/createUnit';
	const hasUnit = (name: string) =>
		sandbox()
			.control.state()
			.units.some((unit) => unit.unitName === name);

	it('performs the call at once and answers only after delayMs, on the open connection', async () => {
		await client.login();
		const injected = await control(sandbox(), 'POST', '/faults', {
			path: CREATE_UNIT,
			kind: 'slowResponse',
			delayMs: 600,
		});
		expect(injected.json).toEqual([
			{ path: CREATE_UNIT, kind: 'slowResponse', delayMs: 600, times: 1, after: 0 },
		]);
		const started = Date.now();
		let answered = false;
		const call = client.call(CREATE_UNIT, { unitName: '慢回答' }).finally(() => (answered = true));
		while (!hasUnit('慢回答')) await sleep(10);
		expect(answered).toBe(false);
		expect(sandbox().control.requests().pop()).toMatchObject({
			path: CREATE_UNIT,
			fault: 'slowResponse',
			code: 0,
		});
		const envelope = await call;
		expect(Date.now() - started).toBeGreaterThanOrEqual(590);
		expect(envelope).toMatchObject({ code: 0, data: { unitId: expect.any(String) } });
		expect(sandbox().control.stats()).toMatchObject({
			byPath: { [CREATE_UNIT]: { calls: 1, byCode: { '0': 1 } } },
			faultsFired: 1,
		});
		// One-shot: the next call is answered at once.
		expect((await client.call(CREATE_UNIT, { unitName: '快回答' })).code).toBe(0);
	});

	it('needs delayMs from 1 to 120000, and only on slowResponse', async () => {
		for (const delayMs of [undefined, 0, 1.5, 120001, '500']) {
			const refused = await control(sandbox(), 'POST', '/faults', {
				kind: 'slowResponse',
				delayMs,
			});
			expect(refused.status).toBe(400);
			expect(refused.json.error).toMatch(/delayMs/);
		}
		const onDrop = await control(sandbox(), 'POST', '/faults', { kind: 'drop', delayMs: 5 });
		expect(onDrop).toEqual({
			status: 400,
			json: { error: 'delayMs is only for slowResponse faults' },
		});
		expect(
			(await control(sandbox(), 'POST', '/faults', { kind: 'slowResponse', delayMs: 120000 }))
				.status,
		).toBe(200);
		expect((await control(sandbox(), 'GET', '/faults')).json).toHaveLength(1);
	});

	it('does not keep the process alive once the sandbox is closed', async () => {
		// A child process: it must exit by itself although a 2-minute answer was pending.
		const script = `
			const { startSandbox } = require(${JSON.stringify(resolve(__dirname, '../../sandbox'))});
			(async () => {
				const sandbox = await startSandbox({ port: 0 });
				sandbox.control.injectFault({ kind: 'slowResponse', delayMs: 120000 });
				const url = sandbox.url + '/api/open/unit/getUnitList';
				const pending = fetch(url, { method: 'POST', body: '{}' });
				while (sandbox.control.requests().length === 0) await new Promise((r) => setTimeout(r, 10));
				await sandbox.close();
				console.log(await pending.then(() => 'answered', () => 'dropped'));
			})();
		`;
		const tsx = resolve(__dirname, '../../node_modules/.bin/tsx');
		const child = spawn(tsx, ['-e', script], { stdio: 'pipe' });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const exitCode = await new Promise<number | null>((done) => {
			const timer = setTimeout(() => child.kill(), 20_000);
			child.on('exit', (code) => {
				clearTimeout(timer);
				done(code);
			});
		});
		expect({ exitCode, output: output.trim() }).toEqual({ exitCode: 0, output: 'dropped' });
	});
});
