import { Client, control, post, sleep, useSandbox } from './helpers';

const sandbox = useSandbox();
const client = new Client(sandbox);
const CREATE_UNIT = '/api/open/unit/createUnit';
const UNIT_LIST = '/api/open/unit/getUnitList';

const unitNames = () =>
	sandbox()
		.control.state()
		.units.map((unit) => unit.unitName);

/** The envelope codes of `count` unit-list calls, one after another; `null` for a dropped call. */
async function codesOf(count: number): Promise<Array<number | null>> {
	const codes: Array<number | null> = [];
	for (let call = 0; call < count; call++)
		codes.push(
			await client.call(UNIT_LIST).then(
				(envelope) => envelope.code,
				() => null,
			),
		);
	return codes;
}

/** Lets this process's HTTP client see its kept-alive connections to the sandbox close. */
const settle = () => sleep(20);

beforeEach(async () => {
	sandbox().control.reset('demo');
	await client.login();
});

describe('share faults', () => {
	it('hit about their share of the matching calls, the same calls for the same seed, until cleared', async () => {
		sandbox().control.injectFault({ kind: 'code', code: -422, share: 0.3, seed: 7 });
		const first = await codesOf(200);
		const hits = first.filter((code) => code === -422).length;
		expect(hits).toBeGreaterThan(40);
		expect(hits).toBeLessThan(80);
		expect(first.every((code) => code === -422 || code === 0)).toBe(true);
		expect(sandbox().control.stats().faultsFired).toBe(hits);
		expect(sandbox().control.faults()).toEqual([
			{ kind: 'code', code: -422, share: 0.3, seed: 7, after: 0 },
		]);

		sandbox().control.clearFaults();
		sandbox().control.injectFault({ kind: 'code', code: -422, share: 0.3, seed: 7 });
		expect(await codesOf(200)).toEqual(first);
		sandbox().control.injectFault({ kind: 'code', code: -422, share: 0.3, seed: 8 });
		sandbox().control.clearFaults();
		expect(await codesOf(20)).toEqual(Array(20).fill(0));
	});

	it('stop after `times` hits, let `after` calls through first, and keep to their path', async () => {
		sandbox().control.injectFault({
			path: UNIT_LIST,
			kind: 'httpStatus',
			status: 503,
			share: 0.5,
			times: 3,
			after: 4,
		});
		expect((await client.call(CREATE_UNIT, { unitName: 'A' })).code).toBe(0);
		const codes = await codesOf(40);
		expect(codes.slice(0, 4)).toEqual([0, 0, 0, 0]);
		expect(codes.filter((code) => code === null)).toHaveLength(3);
		expect(sandbox().control.faults()).toEqual([]);
		const failed = sandbox()
			.control.requests()
			.filter((request) => request.httpStatus === 503);
		expect(failed).toHaveLength(3);
		expect(failed.every((request) => request.path === UNIT_LIST)).toBe(true);
	});

	it('with a share of 1 hit every matching call; seeds default to 1', async () => {
		sandbox().control.injectFault({ path: CREATE_UNIT, kind: 'drop', share: 1 });
		await expect(client.call(CREATE_UNIT, { unitName: '丢弃' })).rejects.toThrow();
		await expect(client.call(CREATE_UNIT, { unitName: '丢弃' })).rejects.toThrow();
		expect(unitNames()).not.toContain('丢弃');
		expect(sandbox().control.faults()[0]).toMatchObject({ share: 1, seed: 1 });
	});

	it('are refused when malformed', async () => {
		const inject = (fault: object) => () => sandbox().control.injectFault(fault as never);
		expect(inject({ kind: 'drop', share: 0 })).toThrow(/share/);
		expect(inject({ kind: 'drop', share: 1.5 })).toThrow(/share/);
		expect(inject({ kind: 'drop', share: '0.3' })).toThrow(/share/);
		expect(inject({ kind: 'drop', seed: 3 })).toThrow(/seed is only for faults with a share/);
		expect(inject({ kind: 'drop', share: 0.3, seed: -1 })).toThrow(/seed/);
		expect(inject({ kind: 'drop', share: 0.3, times: 0 })).toThrow(/times/);
		expect(inject({ kind: 'drop', downMs: 10 })).toThrow(/downMs is only for restart/);
		expect(inject({ kind: 'restart', downMs: -1 })).toThrow(/downMs/);
		const bad = await control(sandbox(), 'POST', '/faults', { kind: 'code', code: -1, share: 2 });
		expect(bad).toEqual({
			status: 400,
			json: { error: 'fault share must be a number above 0 and at most 1' },
		});
		expect(sandbox().control.faults()).toEqual([]);
	});
});

describe('restart', () => {
	it('keeps the port, the organisation, tokens, config and faults; drops every connection', async () => {
		const { port, url } = sandbox();
		expect((await client.call(CREATE_UNIT, { unitName: '重启前' })).code).toBe(0);
		sandbox().control.configure({ latencyMs: 1 });
		sandbox().control.injectFault({ path: CREATE_UNIT, kind: 'code', code: -1 });
		await sandbox().control.restart();
		await settle();
		expect([sandbox().port, sandbox().url]).toEqual([port, url]);
		expect(unitNames()).toContain('重启前');
		expect(sandbox().control.config().latencyMs).toBe(1);
		expect(sandbox().control.faults()).toHaveLength(1);
		// The token issued before the restart still works.
		expect((await client.call(UNIT_LIST)).code).toBe(0);
		expect(sandbox().control.stats().restarts).toBe(1);
	});

	it('abandons calls in flight before they are performed', async () => {
		sandbox().control.configure({ latencyMs: 200 });
		const inFlight = client.call(CREATE_UNIT, { unitName: '飞行中' }).catch(() => 'lost');
		await sleep(50);
		await sandbox().control.restart();
		expect(await inFlight).toBe('lost');
		await sleep(250);
		expect(unitNames()).not.toContain('飞行中');
		expect(sandbox().control.requests().pop()).toMatchObject({
			path: CREATE_UNIT,
			fault: 'restart',
			code: null,
		});
	});

	it('loses the answers of calls already performed (a slow answer still waiting)', async () => {
		sandbox().control.injectFault({ path: CREATE_UNIT, kind: 'slowResponse', delayMs: 5000 });
		const waiting = client.call(CREATE_UNIT, { unitName: '已执行' }).catch(() => 'lost');
		await sleep(50);
		await sandbox().control.restart();
		expect(await waiting).toBe('lost');
		expect(unitNames()).toContain('已执行');
	});

	it('refuses connections while down for `downMs`, then answers again', async () => {
		const restarted = sandbox().control.restart({ downMs: 300 });
		await sleep(100);
		await expect(client.call(UNIT_LIST)).rejects.toThrow();
		await restarted;
		expect((await client.call(UNIT_LIST)).code).toBe(0);
		await expect(sandbox().control.restart({ downMs: 1.5 })).rejects.toThrow(/downMs/);
	});

	it('as a fault: performs the call that sets it off, then restarts', async () => {
		sandbox().control.injectFault({ path: CREATE_UNIT, kind: 'restart', after: 1 });
		expect((await client.call(CREATE_UNIT, { unitName: '第一' })).code).toBe(0);
		await expect(client.call(CREATE_UNIT, { unitName: '第二' })).rejects.toThrow();
		await sleep(50);
		expect((await client.call(UNIT_LIST)).code).toBe(0);
		expect(unitNames()).toEqual(expect.arrayContaining(['第一', '第二']));
		expect(
			sandbox()
				.control.requests()
				.find((r) => r.fault === 'restart'),
		).toMatchObject({
			path: CREATE_UNIT,
			code: 0,
			body: expect.objectContaining({ unitName: '第二' }),
		});
		expect(sandbox().control.stats()).toMatchObject({ restarts: 1, faultsFired: 1 });
	});

	it('over HTTP: answers first, then restarts', async () => {
		const answer = await control(sandbox(), 'POST', '/restart', { downMs: 50 });
		expect(answer).toEqual({ status: 200, json: { restarting: true, downMs: 50 } });
		await sleep(200);
		expect(sandbox().control.stats().restarts).toBe(1);
		// Listening again: a call without credentials is answered (and refused).
		expect((await post(sandbox(), UNIT_LIST)).code).toBe(-424);
		expect((await control(sandbox(), 'POST', '/restart', { downMs: 'soon' })).status).toBe(400);
	});
});
