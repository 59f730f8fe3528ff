import { sleep } from 'n8n-workflow';

import { mapWithConcurrency } from '../../nodes/NeteaseEmail/shared/framework/concurrency';
import { apiRequest } from '../../nodes/NeteaseEmail/shared/transport';
import { SlidingWindowLimiter } from '../../sandbox/rateLimit';
import type { SentRequest } from './fake-context';
import { drive, fail, fakeContext, ok, useFakeClock } from './fake-context';

/**
 * The pacing through the real transport against simulated platforms, on a fake clock: the times
 * below are simulated seconds, exact for a given algorithm, not measurements of this machine.
 */
const LATENCY_MS = 50;
const CONCURRENCY = 10;

type Refuses = (request: SentRequest) => boolean;

/** Runs `calls` reads, `CONCURRENCY` at a time; returns the simulated seconds and platform calls. */
async function run(calls: number, refuses: Refuses) {
	const fake = fakeContext({
		respond: async (request) => {
			const refused = refuses(request);
			await sleep(LATENCY_MS);
			return refused ? fail(-422) : ok({ n: request.body.n });
		},
	});
	const started = Date.now();
	const results = await drive(
		mapWithConcurrency([...Array(calls).keys()], CONCURRENCY, async (n) =>
			apiRequest.call(fake.context, 'account.get', { n }),
		),
		1_000_000,
	);
	return {
		seconds: (Date.now() - started) / 1000,
		platformCalls: fake.requests.length,
		answered: [...results.values()].length,
	};
}

function rateLimit(perSecond: number): Refuses {
	const limiter = new SlidingWindowLimiter();
	return () => !limiter.allow(Date.now(), perSecond);
}

describe('pacing, simulated platform', () => {
	useFakeClock();

	test('against a limit of 100 calls a second, 1,000 calls settle at the limit with few refused', async () => {
		const result = await run(1_000, rateLimit(100));
		expect(result.answered).toBe(1_000);
		const bound = 1_000 / 100;
		expect(bound / result.seconds).toBeGreaterThanOrEqual(0.97);
		expect(result.platformCalls / 1_000).toBeLessThanOrEqual(1.02);
	});

	test('when every third call is refused whatever the rate, the run takes at most twice as long as without', async () => {
		const clean = await run(1_000, rateLimit(100));
		const limit = rateLimit(100);
		const everyThird = await run(1_000, (request) => limit(request) || request.index % 3 === 2);
		expect(everyThird.answered).toBe(1_000);
		expect(everyThird.seconds).toBeLessThanOrEqual(2 * clean.seconds);
	});

	test('a rate limit that comes after noise is learned: the calls after are hardly ever refused', async () => {
		const limit = rateLimit(100);
		// The first 200 calls: every third refused whatever the rate; then a plain limit.
		const refused: number[] = [];
		const result = await run(1_200, (request) => {
			const refuse = request.index < 200 ? request.index % 3 === 2 : limit(request);
			if (refuse) refused.push(request.index);
			return refuse;
		});
		expect(result.answered).toBe(1_200);
		const late = result.platformCalls - 600;
		expect(refused.filter((index) => index >= 600).length / late).toBeLessThanOrEqual(0.02);
	});
});
