/**
 * The platform misbehaving in the middle of a run: restarted, slow, refusing a share of calls for
 * their rate, failing a share for a moment, losing answers after a write took effect, and tokens
 * expiring four times a second. Every case checks what the items say, what the platform holds and
 * the request log: every intended write applied exactly once, no write sent again blindly.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Fault, RequestRecord } from '../../sandbox';
import type { NodeRun } from '../support/netease';
import {
	callsTo,
	CREATE_ACCOUNT_FROM_ITEM,
	getAccount,
	locator,
	newHires,
	usePlatform,
} from '../support/netease';

const API = '/api/open/account';
const CREATE = `${API}/createAccount`;
const GET = `${API}/getAccount`;
const UPDATE = `${API}/updateAccount`;
const DELETE = `${API}/deleteAccountSim`;
const LIST = '/api/open/unit/getAccountList';
const DOMAIN = 'sandbox.example.com';

/** Creates from items, with Options → Timeout when given. */
const creates = (timeout?: number): INodeParameters =>
	timeout === undefined
		? CREATE_ACCOUNT_FROM_ITEM
		: { ...CREATE_ACCOUNT_FROM_ITEM, options: { timeout } };

const nameOf = (call: RequestRecord) => String((call.body as IDataObject).accountName);

/** Calls on `path` the platform performed (answered or not), by the account they were for. */
function performedByAccount(calls: RequestRecord[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const call of calls.filter((c) => c.code === 0))
		counts.set(nameOf(call), (counts.get(nameOf(call)) ?? 0) + 1);
	return counts;
}

describe('Faults', () => {
	const platform = usePlatform({ seed: 'empty' });
	const control = () => platform.sandbox.control;
	const accountsNamed = (prefix: string) =>
		control()
			.state()
			.accounts.filter((account) => account.accountName.startsWith(prefix));

	/**
	 * The run created every hire exactly once and says so item by item, in order: the platform
	 * performed one create per account, and no create was refused as a duplicate (which a blind
	 * resend after a write that took effect would meet). Returns the create calls.
	 */
	function expectCreatedOnce(run: NodeRun, hires: IDataObject[], prefix: string): RequestRecord[] {
		expect(run.json.filter((item) => item.error)).toEqual([]);
		expect(run.success).toBe(true);
		expect(run.json.map((item) => [item.accountName, item.created])).toEqual(
			hires.map((hire) => [hire.accountName, true]),
		);
		expect(
			accountsNamed(prefix)
				.map((account) => account.accountName)
				.sort(),
		).toEqual(hires.map((hire) => String(hire.accountName)).sort());
		const calls = callsTo(platform.sandbox, CREATE);
		const performed = performedByAccount(calls);
		expect(performed.size).toBe(hires.length);
		expect([...performed.values()].every((count) => count === 1)).toBe(true);
		expect(calls.filter((call) => call.code === -3)).toEqual([]);
		return calls;
	}

	describe.each([false, true])('continueOnFail %s', (continueOnFail) => {
		test('the sandbox restarted twice in the middle of 100 creates: each account created once, every item says created', async () => {
			control().configure({ latencyMs: 5 });
			control().injectFault([
				{ kind: 'restart', after: 40 },
				{ kind: 'restart', after: 80, downMs: 150 },
			]);
			const hires = newHires(100, 'restart');
			const run = await platform.run(creates(), { items: hires, continueOnFail });

			const calls = expectCreatedOnce(run, hires, 'restart');
			expect(control().stats().restarts).toBe(2);
			const cut = control()
				.requests()
				.filter((request) => request.fault === 'restart');
			// Each restart performed the call that set it off and lost its answer; calls in flight
			// were abandoned before they were performed, and sent again once found not applied.
			expect(cut.filter((request) => request.code !== null)).toHaveLength(2);
			const abandonedCreates = cut.filter((r) => r.path === CREATE && r.code === null).length;
			expect(calls).toHaveLength(100 + abandonedCreates);
		});
	});

	describe('answers slower than Options → Timeout', () => {
		test('creates whose answers come late are looked up, not sent again, and say created', async () => {
			control().injectFault({ path: CREATE, kind: 'slowResponse', delayMs: 3000, times: 3 });
			const hires = newHires(10, 'slow');
			const run = await platform.run(creates(1), { items: hires });

			const calls = expectCreatedOnce(run, hires, 'slow');
			expect(calls).toHaveLength(10);
			expect(calls.filter((call) => call.fault === 'slowResponse')).toHaveLength(3);
			// The three late ones were each looked up once.
			expect(callsTo(platform.sandbox, GET).map((call) => call.code)).toEqual([0, 0, 0]);
		});

		test('a read whose answer comes late is asked again', async () => {
			control().reset('demo');
			control().injectFault({ path: GET, kind: 'slowResponse', delayMs: 3000 });
			const run = await platform.run({ ...getAccount(`li.na@${DOMAIN}`), options: { timeout: 1 } });

			expect(run.success).toBe(true);
			expect(run.json).toEqual([expect.objectContaining({ accountName: 'li.na', name: '李娜' })]);
			expect(callsTo(platform.sandbox, GET).map((call) => call.fault ?? 'answered')).toEqual([
				'slowResponse',
				'answered',
			]);
		});

		test('a read answered late every time fails naming the timeout, after the retries', async () => {
			control().reset('demo');
			control().injectFault({ path: GET, kind: 'slowResponse', delayMs: 3000, times: 4 });
			const run = await platform.run({ ...getAccount(`li.na@${DOMAIN}`), options: { timeout: 1 } });

			expect(run.success).toBe(false);
			expect(run.error?.message).toBe(
				'The NetEase Open Platform gave no answer within 1 s [item 0]',
			);
			expect(run.error?.description).toMatch(/raise Options → Timeout/);
			expect(callsTo(platform.sandbox, GET)).toHaveLength(4);
		});

		test('a write that cannot be looked up and times out is not sent again: the item says its outcome is unknown', async () => {
			control().injectFault({ path: CREATE, kind: 'slowResponse', delayMs: 3000 });
			const run = await platform.run(
				{
					resource: 'platformRequest',
					operation: 'send',
					endpointSource: 'path',
					path: CREATE,
					write: true,
					body: JSON.stringify({
						accountName: 'by.path',
						name: '路径',
						password: 'Welcome#2026',
						passType: 0,
						passChangeFirstLogin: 0,
						visibleInAddr: 1,
					}),
					options: { timeout: 1 },
				},
				{ continueOnFail: true },
			);

			expect(run.json).toEqual([
				{
					error: `The platform did not confirm "${CREATE}" and whether it took effect could not be checked (no answer within 1 s) [item 0]`,
					description: expect.stringMatching(/may or may not have been applied/),
				},
			]);
			expect(callsTo(platform.sandbox, CREATE)).toHaveLength(1);
			expect(accountsNamed('by.path')).toHaveLength(1);
		});

		test('a Timeout that is no number of seconds from 1 to 600 stops the run before any request', async () => {
			for (const timeout of [0, 0.5, 601, -3]) {
				const run = await platform.run(creates(timeout), { items: newHires(2, 'bad') });
				expect(run.success).toBe(false);
				expect(run.error?.message).toBe(
					`Timeout "${timeout}" is not a number of seconds from 1 to 600 [item 0]`,
				);
			}
			const perItem = await platform.run(
				{ ...CREATE_ACCOUNT_FROM_ITEM, options: { timeout: '={{ $json.timeout }}' } },
				{
					items: [
						{ ...newHires(1, 'ok')[0], timeout: 5 },
						{ ...newHires(1, 'bad')[0], timeout: 'soon' },
					],
				},
			);
			expect(perItem.success).toBe(false);
			expect(perItem.error?.message).toBe(
				'Timeout "soon" is not a number of seconds from 1 to 600 [item 1]',
			);
			expect(control().requests()).toEqual([]);
		});
	});

	test('30 % of calls refused for their rate: 100 creates, each account once', async () => {
		control().injectFault({ kind: 'code', code: -422, share: 0.3, seed: 30 });
		const hires = newHires(100, 'busy');
		const run = await platform.run(creates(), { items: hires });

		const calls = expectCreatedOnce(run, hires, 'busy');
		const refused = calls.filter((call) => call.code === -422).length;
		expect(refused).toBeGreaterThan(10);
		expect(calls).toHaveLength(100 + refused);
	});

	describe('10 % transient errors', () => {
		const transient = (path: string): Fault[] => [
			{ path, kind: 'httpStatus', status: 503, share: 0.05, seed: 10 },
			{ path, kind: 'code', code: -1, share: 0.05, seed: 11 },
		];

		test('on 100 creates: each failed create is looked up, sent again only when not applied', async () => {
			control().injectFault(transient(CREATE));
			const hires = newHires(100, 'flaky');
			const run = await platform.run(creates(), { items: hires });

			const calls = expectCreatedOnce(run, hires, 'flaky');
			const failed = calls.filter((call) => call.code === -1 || call.httpStatus === 503).length;
			expect(failed).toBeGreaterThan(2);
			expect(calls).toHaveLength(100 + failed);
		});

		test('on a Get Many: every item lists every account, as without the errors', async () => {
			control().reset('demo');
			const getMany = { resource: 'account', operation: 'getAll', returnAll: true };
			const items = Array.from({ length: 30 }, () => ({}));
			const clean = await platform.run(getMany, { items });
			control().clearRequests();
			control().injectFault(transient(LIST));
			const run = await platform.run(getMany, { items });

			expect(run.success).toBe(true);
			expect(run.json).toEqual(clean.json);
			expect(run.json).toHaveLength(30 * 6);
			const failed = callsTo(platform.sandbox, LIST).filter(
				(call) => call.code === -1 || call.httpStatus === 503,
			);
			expect(failed.length).toBeGreaterThan(0);
		});
	});

	test('answers lost after a share of creates, updates and deletes took effect: each item says what it did', async () => {
		const hires = newHires(40, 'lost');
		control().injectFault({ path: CREATE, kind: 'lostResponse', share: 0.2, seed: 1 });
		const created = await platform.run(creates(), { items: hires });
		expectCreatedOnce(created, hires, 'lost');

		const targets = hires.map((hire) => ({ address: `${hire.accountName}@${DOMAIN}` }));
		const onEach = (operation: string, extra: IDataObject = {}): INodeParameters => ({
			resource: 'account',
			operation,
			account: locator('={{ $json.address }}', 'address'),
			...extra,
		});
		control().clearFaults();
		control().clearRequests();
		control().injectFault({ path: UPDATE, kind: 'lostResponse', share: 0.2, seed: 2 });
		const updated = await platform.run(onEach('update', { updateFields: { jobNumber: 'E9' } }), {
			items: targets,
		});
		expect(updated.success).toBe(true);
		expect(updated.json).toEqual(
			hires.map((hire) => ({
				accountName: hire.accountName,
				email: `${hire.accountName}@${DOMAIN}`,
				updated: ['jobNumber'],
			})),
		);
		expect(accountsNamed('lost').every((account) => account.jobNumber === 'E9')).toBe(true);
		// An update sets values: one whose answer was lost is simply sent again.
		const updates = callsTo(platform.sandbox, UPDATE);
		const lostUpdates = updates.filter((call) => call.fault === 'lostResponse').length;
		expect(lostUpdates).toBeGreaterThan(0);
		expect(updates).toHaveLength(40 + lostUpdates);

		control().clearFaults();
		control().clearRequests();
		control().injectFault({ path: DELETE, kind: 'lostResponse', share: 0.2, seed: 3 });
		const deleted = await platform.run(onEach('delete'), { items: targets });
		expect(deleted.success).toBe(true);
		expect(deleted.json).toEqual(
			hires.map((hire) => ({
				deleted: true,
				accountName: hire.accountName,
				email: `${hire.accountName}@${DOMAIN}`,
				recoverable: true,
			})),
		);
		expect(accountsNamed('lost').every((account) => account.status === 2)).toBe(true);
		const deletes = callsTo(platform.sandbox, DELETE);
		expect(deletes.filter((call) => call.fault === 'lostResponse').length).toBeGreaterThan(0);
		expect(deletes).toHaveLength(40);
		expect(performedByAccount(deletes).size).toBe(40);
	});

	test('tokens and refresh tokens expiring 4 times a second: 200 creates, 0 failed', async () => {
		control().configure({
			accessTokenTtlSeconds: 0.25,
			refreshTokenTtlSeconds: 0.25,
			latencyMs: 5,
		});
		const hires = newHires(200, 'storm');
		const run = await platform.run(creates(), { items: hires, continueOnFail: true });

		const calls = expectCreatedOnce(run, hires, 'storm');
		expect(calls.filter((call) => call.code !== 0 && call.code !== -301)).toEqual([]);
		const { tokensAcquired, tokensRefreshed } = control().stats();
		const tokenCalls = tokensAcquired + tokensRefreshed;
		const accessCalls = control()
			.requests()
			.filter((request) => request.tokenKind === 'access');
		const expiredTokens = new Set(
			accessCalls
				.filter((request) => request.code === -301)
				.map((request) => request.headers['qiye-access-token']),
		);
		// Tokens did expire under the run, and callers shared renewals: one per token that expired
		// (plus the first acquisition), not one before every call.
		expect(expiredTokens.size).toBeGreaterThan(0);
		expect(tokenCalls).toBeLessThanOrEqual(expiredTokens.size + 1);
	});
});
