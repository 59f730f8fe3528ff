import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiRequest, tryApiRequest } from '../../nodes/NeteaseEmail/shared/transport';
import type { Answer, SentRequest } from './fake-context';
import {
	APP_SECRET,
	drive,
	everythingIn,
	fail,
	fakeContext,
	httpError,
	networkError,
	node,
	ok,
	rejection,
	useFakeClock,
} from './fake-context';

/** Answers the scripted answers in order, then success. */
function script(...answers: Answer[]) {
	return (request: SentRequest) => answers[request.index] ?? ok({ attempt: request.index });
}

/**
 * The first waits: a call refused for the rate on its own (no limit learned) waits 50 ms, doubling,
 * at most 400 ms; a transient failure 100 ms, doubling. Real timers may fire a millisecond early,
 * hence the small tolerance in real-time tests.
 */
const FIRST_RATE_WAIT_MS = 50;
const MAX_RATE_WAIT_MS = 400;
const FIRST_BACKOFF_MS = 100;
const EARLY_MS = 2;

function gaps(requests: SentRequest[]): number[] {
	return requests.slice(1).map((r, i) => r.at - requests[i].at);
}

describe('rate limits, real time', () => {
	test('-422 is retried after a back-off with the same request', async () => {
		const fake = fakeContext({ respond: script(fail(-422)) });
		const data = await apiRequest.call(fake.context, 'unit.list', { domain: 'example.com' });
		expect(data).toEqual({ attempt: 1 });
		expect(fake.requests).toHaveLength(2);
		expect(gaps(fake.requests)[0]).toBeGreaterThanOrEqual(FIRST_RATE_WAIT_MS - EARLY_MS);
		expect(fake.requests[1].options).toEqual(fake.requests[0].options);
	});

	test('-423 then -422: the second wait is at least twice the first back-off', async () => {
		const fake = fakeContext({ respond: script(fail(-423), fail(-422)) });
		await expect(apiRequest.call(fake.context, 'unit.create', { unitName: 'a' })).resolves.toEqual({
			attempt: 2,
		});
		expect(fake.requests).toHaveLength(3);
		const [first, second] = gaps(fake.requests);
		expect(first).toBeGreaterThanOrEqual(FIRST_RATE_WAIT_MS - EARLY_MS);
		expect(second).toBeGreaterThanOrEqual(2 * FIRST_RATE_WAIT_MS - EARLY_MS);
	});

	test('a lone refusal holds back only the refused call, not the others of the execution', async () => {
		let second: Promise<IDataObject> | undefined;
		const fake = fakeContext({
			respond: (request) => {
				if (request.index === 0) {
					setImmediate(() => {
						second = apiRequest.call(fake.context, 'account.get', { accountName: 'b' });
					});
					return fail(-422);
				}
				return ok();
			},
		});
		await apiRequest.call(fake.context, 'account.get', { accountName: 'a' });
		await second;
		const secondFirstSend = fake.requests.find((r) => r.body.accountName === 'b')!;
		expect(secondFirstSend.at - fake.requests[0].at).toBeLessThan(FIRST_RATE_WAIT_MS);
	});

	test('a refusal after a burst teaches the limit: from then on no second holds more calls than the platform took in the second before', async () => {
		const BURST = 20;
		let refused = false;
		const fake = fakeContext({
			respond: (request) => {
				if (request.index === BURST && !refused) {
					refused = true;
					return fail(-422);
				}
				return ok();
			},
		});
		// The burst, then one call the platform refuses: the limit is 20 calls a second.
		for (let n = 0; n <= BURST; n++) await apiRequest.call(fake.context, 'account.get', { n });
		const burstStart = fake.requests[0].at;
		await Promise.all(
			Array.from({ length: 25 }, (_, n) =>
				apiRequest.call(fake.context, 'account.get', { after: n }),
			),
		);
		const answered = fake.requests.filter((r) => r.index !== BURST);
		const after = fake.requests.slice(BURST + 1);
		expect(after).toHaveLength(26);
		// Nothing more is sent before the second that held the burst has passed.
		expect(Math.min(...after.map((r) => r.at)) - burstStart).toBeGreaterThanOrEqual(
			1_000 - EARLY_MS,
		);
		// Recorded times trail the sends by a busy event loop's few milliseconds: allow 20.
		for (const request of after) {
			const inSecond = answered.filter((r) => r.at > request.at - 980 && r.at <= request.at);
			expect(inSecond.length).toBeLessThanOrEqual(BURST);
		}
	});
});

describe('rate limits, fake clock', () => {
	useFakeClock();

	test('gives up after 10 retries with doubling pauses capped at 400 ms, returning the refusal', async () => {
		const fake = fakeContext({ respond: () => fail(-423) });
		const answer = await drive(tryApiRequest.call(fake.context, 'unit.list', {}, { itemIndex: 0 }));
		expect(answer).toEqual({ refusal: expect.objectContaining({ code: -423 }) });
		expect(fake.requests).toHaveLength(11);
		const waits = gaps(fake.requests);
		expect(waits[0]).toBeGreaterThanOrEqual(FIRST_RATE_WAIT_MS);
		expect(waits).toEqual(waits.map((_, i) => Math.min(waits[0] * 2 ** i, MAX_RATE_WAIT_MS)));
	});
});

describe('transient failures of reads', () => {
	useFakeClock();

	test.each([-1, -2, -500])('code %i is retried after a back-off', async (code) => {
		const fake = fakeContext({ respond: script(fail(code)) });
		await expect(drive(apiRequest.call(fake.context, 'unit.list', {}))).resolves.toEqual({
			attempt: 1,
		});
		expect(fake.requests).toHaveLength(2);
		expect(gaps(fake.requests)[0]).toBeGreaterThanOrEqual(FIRST_BACKOFF_MS);
	});

	test('a code that keeps failing is retried 3 times, then returned as a refusal', async () => {
		const fake = fakeContext({ respond: () => fail(-2, '系统内部服务异常') });
		const answer = await drive(tryApiRequest.call(fake.context, 'account.get', {}));
		expect(fake.requests).toHaveLength(4);
		expect(answer).toEqual({ refusal: expect.objectContaining({ code: -2 }) });
	});

	test.each<[string, () => Error]>([
		['ECONNRESET wrapped by n8n (in .cause)', () => networkError('ECONNRESET')],
		['ETIMEDOUT on the error itself', () => Object.assign(new Error('t'), { code: 'ETIMEDOUT' })],
		[
			'ECONNABORTED two causes deep',
			() =>
				new Error('outer', { cause: new Error('mid', { cause: networkError('ECONNABORTED') }) }),
		],
		['httpCode 502', () => Object.assign(new Error('Bad gateway'), { httpCode: '502' })],
		['HTTP 503 as n8n throws it', () => httpError(503)],
	])('%s is retried', async (_label, error) => {
		const fake = fakeContext({ respond: script(error()) });
		await expect(drive(apiRequest.call(fake.context, 'unit.list', {}))).resolves.toEqual({
			attempt: 1,
		});
		expect(fake.requests).toHaveLength(2);
	});

	test('a network error that persists fails after 3 retries naming the error code', async () => {
		const fake = fakeContext({ respond: () => networkError('ENETUNREACH') });
		const error = await rejection(
			drive(apiRequest.call(fake.context, 'unit.list', {}, { itemIndex: 0 })),
		);
		expect(fake.requests).toHaveLength(4);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Could not reach the NetEase Open Platform (ENETUNREACH) [item 0]');
		expect((error as NodeApiError).context.itemIndex).toBe(0);
	});

	// BUG: transportError() in transport/index.ts puts the errno code into the NodeApiError message;
	// NodeApiError's setDescriptiveErrorMessage then replaces any message containing ECONNRESET,
	// ECONNREFUSED, ETIMEDOUT, ENOTFOUND, ECONNABORTED, EHOSTUNREACH, EAI_AGAIN with n8n's generic
	// text, dropping the package's wording and the "[item N]" suffix.
	test('a persistent ECONNRESET keeps the package message and its [item N] suffix', async () => {
		const fake = fakeContext({ respond: () => networkError('ECONNRESET') });
		const error = await rejection(
			drive(apiRequest.call(fake.context, 'unit.list', {}, { itemIndex: 0 })),
		);
		expect(fake.requests).toHaveLength(4);
		expect(error.message).toBe('Could not reach the NetEase Open Platform (ECONNRESET) [item 0]');
	});

	test.each<[string, () => Error, string]>([
		['a plain error without a code', () => new Error('boom'), '(boom)'],
		[
			'httpCode 400 without a network code',
			() => Object.assign(new Error('x'), { httpCode: '400' }),
			'(HTTP 400)',
		],
		[
			'a self-referencing cause',
			() => {
				const error = new Error('loop') as Error & { cause?: unknown };
				error.cause = error;
				return error;
			},
			'(loop)',
		],
	])('%s is not retried', async (_label, error, reason) => {
		const fake = fakeContext({ respond: () => error() });
		const thrown = await rejection(drive(apiRequest.call(fake.context, 'unit.list', {})));
		expect(fake.requests).toHaveLength(1);
		expect(thrown.message).toBe(`Could not reach the NetEase Open Platform ${reason}`);
	});

	// BUG: n8n surfaces an HTTP 4xx as NodeApiError{ httpCode: '404', cause: AxiosError{ code: 'ERR_BAD_REQUEST' } }.
	// networkErrorCode() accepts any /^E[A-Z_]+$/ code found along .cause, so 'ERR_BAD_REQUEST'
	// counts as a network error: the 4xx is retried 3 times and reported as "(ERR_BAD_REQUEST)".
	test('an HTTP 404 as n8n throws it is not retried and is reported as HTTP 404', async () => {
		const fake = fakeContext({ respond: () => httpError(404) });
		const thrown = await rejection(drive(apiRequest.call(fake.context, 'unit.list', {})));
		expect(fake.requests).toHaveLength(1);
		expect(thrown.message).toBe('Could not reach the NetEase Open Platform (HTTP 404)');
	});

	test('an HTTP error never exposes the token or AppKey it was sent with', async () => {
		const fake = fakeContext({ respond: () => httpError(403) });
		const thrown = await rejection(drive(apiRequest.call(fake.context, 'unit.list', {})));
		expect(thrown).toBeInstanceOf(NodeApiError);
		const text = everythingIn(thrown);
		expect(text).not.toContain('tok-0');
		expect(text).not.toContain(APP_SECRET);
	});
});

describe('writes whose outcome is unknown', () => {
	useFakeClock();

	const created = { unitId: 'u-9' };

	test('-1 on a write without verify fails after one send, saying the outcome is unknown', async () => {
		const fake = fakeContext({ respond: script(fail(-1, '系统内部异常')) });
		const error = await rejection(
			drive(apiRequest.call(fake.context, 'unit.create', { unitName: 'a' }, { itemIndex: 1 })),
		);
		expect(fake.requests).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'The platform did not confirm "unit.create" and whether it took effect could not be checked (code -1) [item 1]',
		);
	});

	test('-1 on a write: verify finds it applied, so its result is returned without a resend', async () => {
		const verify = jest.fn(async () => created);
		const fake = fakeContext({ respond: script(fail(-1)) });
		const answer = await drive(
			tryApiRequest.call(fake.context, 'unit.create', { unitName: 'a' }, { verify }),
		);
		expect(answer).toEqual({ data: created });
		expect(verify).toHaveBeenCalledTimes(1);
		expect(fake.requests).toHaveLength(1);
	});

	test('-500 on a write: verify finds nothing, so the write is sent again', async () => {
		const verify = jest.fn(async () => undefined);
		const fake = fakeContext({ respond: script(fail(-500)) });
		const answer = await drive(
			tryApiRequest.call(fake.context, 'unit.create', { unitName: 'a' }, { verify }),
		);
		expect(answer).toEqual({ data: { attempt: 1 } });
		expect(verify).toHaveBeenCalledTimes(1);
		expect(fake.requests).toHaveLength(2);
		expect(fake.requests[1].body).toEqual({ unitName: 'a' });
	});

	test.each<[string, () => Error, string]>([
		['EPIPE', () => networkError('EPIPE'), 'EPIPE'],
		[
			'httpCode 502',
			() => Object.assign(new Error('Bad gateway'), { httpCode: '502' }),
			'HTTP 502',
		],
	])(
		'%s on a write without verify fails after one send, saying the outcome is unknown',
		async (_l, error, reason) => {
			const fake = fakeContext({ respond: () => error() });
			const thrown = await rejection(
				drive(apiRequest.call(fake.context, 'unit.create', { unitName: 'a' }, { itemIndex: 4 })),
			);
			expect(fake.requests).toHaveLength(1);
			expect(thrown).toBeInstanceOf(NodeApiError);
			expect(thrown.message).toBe(
				`The platform did not confirm "unit.create" and whether it took effect could not be checked (${reason}) [item 4]`,
			);
			expect((thrown as NodeApiError).description).toContain('may or may not have been applied');
		},
	);

	test.each(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT'])(
		'%s on a write without verify fails after one send with the unknown-outcome description',
		async (code) => {
			const fake = fakeContext({ respond: () => networkError(code) });
			const thrown = await rejection(
				drive(apiRequest.call(fake.context, 'unit.create', { unitName: 'a' }, { itemIndex: 4 })),
			);
			expect(fake.requests).toHaveLength(1);
			expect(thrown).toBeInstanceOf(NodeApiError);
			expect((thrown as NodeApiError).description).toContain('may or may not have been applied');
			expect((thrown as NodeApiError).context.itemIndex).toBe(4);
		},
	);

	// BUG: same root cause as above, worse effect: for a write whose outcome is unknown, n8n's
	// generic ECONNRESET text ("...You can retry the request immediately...") replaces
	// 'The platform did not confirm "unit.create" and whether it took effect could not be checked'.
	test('ECONNRESET on a write keeps the unknown-outcome message', async () => {
		const fake = fakeContext({ respond: () => networkError('ECONNRESET') });
		const thrown = await rejection(
			drive(apiRequest.call(fake.context, 'unit.create', { unitName: 'a' }, { itemIndex: 4 })),
		);
		expect(thrown.message).toBe(
			'The platform did not confirm "unit.create" and whether it took effect could not be checked (ECONNRESET) [item 4]',
		);
	});

	test('ECONNRESET on a write: verify finds it applied, so no resend', async () => {
		const verify = jest.fn(async () => created);
		const fake = fakeContext({ respond: script(networkError('ECONNRESET')) });
		await expect(
			drive(apiRequest.call(fake.context, 'account.suspend', { accountName: 'x' }, { verify })),
		).resolves.toEqual(created);
		expect(fake.requests).toHaveLength(1);
		expect(verify).toHaveBeenCalledTimes(1);
	});

	test('ECONNRESET on a write: verify finds nothing, so it is resent once and succeeds', async () => {
		const verify = jest.fn(async () => undefined);
		const fake = fakeContext({ respond: script(networkError('ECONNRESET')) });
		await expect(
			drive(apiRequest.call(fake.context, 'account.suspend', { accountName: 'x' }, { verify })),
		).resolves.toEqual({ attempt: 1 });
		expect(fake.requests).toHaveLength(2);
		expect(verify).toHaveBeenCalledTimes(1);
		// verify ran between the two sends
		expect(verify.mock.invocationCallOrder[0]).toBeLessThan(fake.http.mock.invocationCallOrder[1]);
	});

	test.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])(
		'%s (nothing was sent) on a write is resent without verify',
		async (code) => {
			const verify = jest.fn(async () => created);
			const fake = fakeContext({ respond: script(networkError(code)) });
			await expect(
				drive(apiRequest.call(fake.context, 'account.create', { accountName: 'a' }, { verify })),
			).resolves.toEqual({ attempt: 1 });
			expect(fake.requests).toHaveLength(2);
			expect(verify).not.toHaveBeenCalled();
		},
	);

	test.each<[string, Answer]>([
		['-1', fail(-1)],
		['ECONNRESET', networkError('ECONNRESET')],
	])('an idempotent write is resent after %s without verify', async (_label, first) => {
		const verify = jest.fn(async () => created);
		const fake = fakeContext({ respond: script(first) });
		await expect(
			drive(apiRequest.call(fake.context, 'unit.updateRank', { rank: 1 }, { verify })),
		).resolves.toEqual({ attempt: 1 });
		expect(fake.requests).toHaveLength(2);
		expect(verify).not.toHaveBeenCalled();
	});

	test('a write that keeps failing with ECONNREFUSED gives up after 3 retries, never verifying', async () => {
		const verify = jest.fn(async () => created);
		const fake = fakeContext({ respond: () => networkError('ECONNREFUSED') });
		const thrown = await rejection(
			drive(apiRequest.call(fake.context, 'account.create', {}, { verify })),
		);
		expect(fake.requests).toHaveLength(4);
		expect(verify).not.toHaveBeenCalled();
		expect(thrown).toBeInstanceOf(NodeApiError);
		expect((thrown as NodeApiError).description).toBe(
			'Check the Base URL in the credential and that this n8n server can reach it.',
		);
	});

	// BUG: after the 3rd resend, the 4th attempt's network error is thrown as plain "Could not
	// reach" (tryApiRequest: `if (!retriable || transient >= MAX_TRANSIENT_RETRIES) throw ...`)
	// although that attempt may have been applied: verify is not consulted and the
	// unknown-outcome wording is not used.
	test('a write whose last attempt also ends with a network error (EPIPE) is verified or reported as unknown', async () => {
		const verify = jest.fn(async () => undefined);
		const fake = fakeContext({ respond: () => networkError('EPIPE') });
		const thrown = await rejection(
			drive(apiRequest.call(fake.context, 'account.create', { accountName: 'a' }, { verify })),
		);
		expect(fake.requests).toHaveLength(4);
		const verifiedLast = verify.mock.calls.length === 4;
		const saysUnknown = /did not confirm/.test(thrown.message);
		expect(verifiedLast || saysUnknown).toBe(true);
	});

	// BUG: same for an internal platform error: the 4th -1 on a write is returned as an ordinary
	// refusal ("Try again in a moment.") without verify (tryApiRequest:
	// `if (!TRANSIENT_CODES.has(envelope.code) || transient >= MAX_TRANSIENT_RETRIES) return
	// refusal()`), although the code itself notes that -1/-2/-500 may come after the write was
	// applied.
	test('a write whose last attempt also ends with -1 is verified or reported as unknown', async () => {
		const verify = jest.fn(async () => undefined);
		const fake = fakeContext({ respond: () => fail(-1) });
		const answer = await drive(
			tryApiRequest.call(fake.context, 'unit.create', { unitName: 'a' }, { verify }),
		);
		expect(fake.requests).toHaveLength(4);
		const verifiedLast = verify.mock.calls.length === 4;
		const saysUnknown =
			'refusal' in answer &&
			/did not confirm|may or may not/.test(
				`${answer.refusal.error.message} ${answer.refusal.error.description}`,
			);
		expect(verifiedLast || saysUnknown).toBe(true);
	});

	test('reads are resent after ECONNRESET without verify', async () => {
		const verify = jest.fn(async () => created);
		const fake = fakeContext({ respond: script(networkError('ECONNRESET')) });
		await expect(
			drive(apiRequest.call(fake.context, 'account.get', {}, { verify })),
		).resolves.toEqual({ attempt: 1 });
		expect(verify).not.toHaveBeenCalled();
		expect(fake.requests).toHaveLength(2);
	});

	test('the node in thrown errors is the context node', async () => {
		const fake = fakeContext({ respond: () => networkError('ECONNRESET') });
		const thrown = await rejection(drive(apiRequest.call(fake.context, 'unit.delete', {})));
		expect((thrown as NodeApiError).node).toBe(node);
	});
});
