import { Client, post, sleep, useSandbox } from './helpers';

const sandbox = useSandbox();
const client = new Client(sandbox);
const CREATE_UNIT = '/api/open/unit/createUnit';
const UNIT_LIST = '/api/open/unit/getUnitList';

const unitNames = () =>
	sandbox()
		.control.state()
		.units.map((unit) => unit.unitName);

beforeEach(async () => {
	sandbox().control.reset('demo');
	await client.login();
});

describe('envelope', () => {
	it('wraps success as {code 0, success true, message "", data}', async () => {
		const envelope = await client.call(UNIT_LIST);
		expect(Object.keys(envelope).sort()).toEqual(['code', 'data', 'message', 'success']);
		expect(envelope).toMatchObject({ code: 0, success: true, message: '' });
		expect(Array.isArray(envelope.data)).toBe(true);
	});

	it('answers -400 with HTTP 200 for unknown paths, other methods and malformed JSON', async () => {
		const headers = { 'qiye-access-token': client.accessToken };
		expect(await post(sandbox(), '/api/open/unit/nothing', {}, { headers })).toEqual({
			code: -400,
			success: false,
			message: '请求异常: /api/open/unit/nothing',
			data: null,
		});
		expect((await post(sandbox(), UNIT_LIST, undefined, { method: 'GET' })).code).toBe(-400);
		expect((await post(sandbox(), UNIT_LIST, undefined, { rawBody: '{"domain":' })).code).toBe(
			-400,
		);
		expect((await post(sandbox(), UNIT_LIST, undefined, { rawBody: '[1,2]' })).code).toBe(-400);
	});
});

describe('rate limit', () => {
	it('answers the configured code beyond the bound without acting, then recovers', async () => {
		sandbox().control.configure({ rateLimit: { perSecond: 3 } });
		const results = await Promise.all(
			[1, 2, 3, 4, 5, 6].map((n) => client.call(CREATE_UNIT, { unitName: `限流${n}` })),
		);
		const codes = results.map((result) => result.code).sort();
		expect(codes).toEqual([-422, -422, -422, 0, 0, 0]);
		expect(results.find((result) => result.code === -422)!.message).toBe('请求频率过高');
		expect(unitNames().filter((name) => name.startsWith('限流'))).toHaveLength(3);
		expect(sandbox().control.stats().rateLimited).toBe(3);

		await sleep(1050);
		expect((await client.call(UNIT_LIST)).code).toBe(0);
	});

	it('counts token calls too and can answer -423', async () => {
		sandbox().control.configure({ rateLimit: { perSecond: 1, code: -423 } });
		await client.login();
		expect((await client.call(UNIT_LIST)).code).toBe(-423);
	});
});

describe('latency', () => {
	it('delays every platform call but not control calls', async () => {
		sandbox().control.configure({ latencyMs: 120 });
		let started = Date.now();
		await client.call(UNIT_LIST);
		expect(Date.now() - started).toBeGreaterThanOrEqual(115);
		started = Date.now();
		await fetch(`${sandbox().url}/__sandbox/stats`);
		expect(Date.now() - started).toBeLessThan(100);
	});
});

describe('faults', () => {
	it('code: answers the code without performing, after skipping `after` calls, `times` times', async () => {
		sandbox().control.injectFault({
			path: CREATE_UNIT,
			kind: 'code',
			code: -1,
			after: 1,
			times: 2,
		});
		expect((await client.call(UNIT_LIST)).code).toBe(0); // another path: not a matching call
		expect((await client.call(CREATE_UNIT, { unitName: 'A' })).code).toBe(0); // skipped by `after`
		expect(await client.call(CREATE_UNIT, { unitName: 'B' })).toEqual({
			code: -1,
			success: false,
			message: '系统内部异常',
			data: null,
		});
		expect((await client.call(CREATE_UNIT, { unitName: 'C' })).code).toBe(-1);
		expect((await client.call(CREATE_UNIT, { unitName: 'D' })).code).toBe(0);
		expect(unitNames()).toEqual(expect.arrayContaining(['A', 'D']));
		expect(unitNames().filter((name) => name === 'B' || name === 'C')).toEqual([]);
		expect(sandbox().control.stats().faultsFired).toBe(2);
		expect(sandbox().control.faults()).toEqual([]);
	});

	it('consumes faults in the order they were injected', async () => {
		sandbox().control.injectFault([
			{ kind: 'code', code: -2 },
			{ kind: 'code', code: -421 },
		]);
		const codes = [];
		for (let call = 0; call < 3; call++) codes.push((await client.call(UNIT_LIST)).code);
		expect(codes).toEqual([-2, -421, 0]);
	});

	it('marker message format', async () => {
		sandbox().control.injectFault({ kind: 'code', code: -3, marker: 'UNIT.EXIST' });
		expect((await client.call(CREATE_UNIT, { unitName: 'X' })).message).toBe(
			'通用业务操作失败: UNIT.EXIST',
		);
	});

	it('does not hit token calls unless the path says so', async () => {
		sandbox().control.injectFault({ kind: 'code', code: -500 });
		await expect(client.login()).resolves.toBeDefined();
		expect((await client.call(UNIT_LIST)).code).toBe(-500);
		sandbox().control.injectFault({
			path: '/api/pub/token/acquireToken',
			kind: 'code',
			code: -303,
		});
		await expect(client.login()).rejects.toThrow(/token 产生失败/);
	});

	it('drop: destroys the socket without performing the call', async () => {
		sandbox().control.injectFault({ path: CREATE_UNIT, kind: 'drop' });
		await expect(client.call(CREATE_UNIT, { unitName: '丢弃' })).rejects.toThrow();
		expect(unitNames()).not.toContain('丢弃');
		expect(sandbox().control.requests().pop()).toMatchObject({
			path: CREATE_UNIT,
			fault: 'drop',
			code: null,
		});
		expect(sandbox().control.stats().byPath[CREATE_UNIT].byCode).toEqual({ dropped: 1 });
	});

	it('lostResponse: performs the call, then destroys the socket', async () => {
		sandbox().control.injectFault({ path: CREATE_UNIT, kind: 'lostResponse' });
		await expect(client.call(CREATE_UNIT, { unitName: '已执行' })).rejects.toThrow();
		expect(unitNames()).toContain('已执行');
		expect(sandbox().control.requests().pop()).toMatchObject({
			path: CREATE_UNIT,
			fault: 'lostResponse',
			code: 0,
		});
		// a retry of the same write now meets the consequence
		expect((await client.call(CREATE_UNIT, { unitName: '已执行' })).message).toBe(
			'通用业务操作失败: UNIT.EXIST',
		);
	});

	it('httpStatus: answers a non-200 plain-text status without performing', async () => {
		sandbox().control.injectFault({ path: CREATE_UNIT, kind: 'httpStatus', status: 503 });
		const response = await fetch(sandbox().url + CREATE_UNIT, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'qiye-access-token': client.accessToken },
			body: JSON.stringify({ domain: sandbox().identity.domain, unitName: '网关错误' }),
		});
		expect(response.status).toBe(503);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await response.text()).toBe('503 Service Unavailable');
		expect(unitNames()).not.toContain('网关错误');
	});

	it('rejects invalid faults', () => {
		expect(() => sandbox().control.injectFault({ kind: 'code' })).toThrow(/code/);
		expect(() => sandbox().control.injectFault({ kind: 'explode' as never })).toThrow(/kind/);
		expect(() => sandbox().control.injectFault({ kind: 'drop', times: 0 })).toThrow(/times/);
	});
});
