import { sleep } from 'n8n-workflow';

import { mapWithConcurrency } from '../../nodes/NeteaseEmail/shared/framework/concurrency';
import { apiRequest } from '../../nodes/NeteaseEmail/shared/transport';
import { SlidingWindowLimiter } from '../../sandbox/rateLimit';
import type { SentRequest } from './fake-context';
import {
	drive,
	fail,
	fakeContext,
	isoIn,
	ok,
	storedCredential,
	useFakeClock,
} from './fake-context';

/**
 * The pacing through the real transport against simulated platforms, on a fake clock: the times
 * below are simulated seconds, exact for a given algorithm, not measurements of this machine.
 */
const LATENCY_MS = 50;
const CONCURRENCY = 10;

type Refuses = (request: SentRequest) => boolean;

interface Platform {
	refuses: Refuses;
	/** How long after the pacing let a call go it reaches the platform (a busy client's delay). */
	sendDelayMs?: (request: SentRequest) => number;
	/** Starts without a token; the token call n8n makes first meets this (it counts, never refused). */
	tokenCall?: () => void;
}

/** Runs `calls` reads, `CONCURRENCY` at a time; returns the simulated seconds and platform calls. */
async function run(calls: number, platform: Platform | Refuses) {
	const { refuses, sendDelayMs, tokenCall } =
		typeof platform === 'function' ? { refuses: platform } : platform;
	let refused = 0;
	const fake = fakeContext({
		...(tokenCall && {
			data: storedCredential({ accessToken: '', accessTokenExpiresAt: '' }),
			preAuthentication: () => {
				tokenCall();
				return { accessToken: 'tok-1', accessTokenExpiresAt: isoIn(3_600_000) };
			},
		}),
		respond: async (request) => {
			const delay = sendDelayMs?.(request) ?? 0;
			if (delay > 0) await sleep(delay);
			const refuse = refuses(request);
			if (refuse) refused++;
			await sleep(LATENCY_MS);
			return refuse ? fail(-422) : ok({ n: request.body.n });
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
		refused,
		answered: [...results.values()].length,
	};
}

function rateLimit(perSecond: number): Refuses {
	const limiter = new SlidingWindowLimiter();
	return () => !limiter.allow(Date.now(), perSecond);
}

/** When the platform took calls, and when it first refused one (the pacing learns from it). */
function takenCalls() {
	const taken: number[] = [];
	let firstRefusal = 0;
	return {
		note(refuse: boolean): boolean {
			if (refuse && !firstRefusal) firstRefusal = Date.now();
			if (!refuse) taken.push(Date.now());
			return refuse;
		},
		/** Up to the first try above the limit learned, 10 s after: 100 a second takes 800 (798 with the margin). */
		inEightSecondsAfterLearning(): number {
			const from = firstRefusal + 1_000;
			return taken.filter((at) => at >= from && at < from + 8_000).length;
		},
	};
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('pacing, simulated platform', () => {
	useFakeClock();

	test('against a limit of 100 calls a second, 2,000 calls from a cold start settle at the limit with few refused', async () => {
		const result = await run(2_000, rateLimit(100));
		expect(result.answered).toBe(2_000);
		expect(2_000 / 100 / result.seconds).toBeGreaterThanOrEqual(0.98);
		// About one refused call per call in flight when the first refusal taught the limit.
		expect(result.refused).toBeLessThanOrEqual(CONCURRENCY + 2);
		expect(result.platformCalls).toBe(2_000 + result.refused);
	});

	test("the limit learned is the platform's own: calls still on their way at the first refusal count once answered", async () => {
		const limit = rateLimit(100);
		const platform = takenCalls();
		await run(1_200, (request) => platform.note(limit(request)));
		expect(platform.inEightSecondsAfterLearning()).toBeGreaterThanOrEqual(796);
	});

	test("the token call counts against the limit too, and the limit learned is still the platform's own", async () => {
		const limit = rateLimit(100);
		const platform = takenCalls();
		const result = await run(1_200, {
			refuses: (request) => platform.note(limit(request)),
			tokenCall: () => platform.note(limit({} as SentRequest)),
		});
		expect(result.answered).toBe(1_200);
		expect(platform.inEightSecondsAfterLearning()).toBeGreaterThanOrEqual(796);
	});

	test('after a stray refusal the limit returns within a second, and no higher one is tried soon after', async () => {
		const limit = rateLimit(100);
		const refused: number[] = [];
		await run(1_600, (request) => {
			const refuse = limit(request) || request.index === 500;
			if (refuse) refused.push(request.index);
			return refuse;
		});
		// Learned from the first refusals (about the calls in flight), then the stray one only.
		expect(refused.filter((index) => index > 500 && index < 1_400)).toEqual([]);
	});

	test('calls slow at the start are counted from when they most likely arrived once faster ones show it', async () => {
		const result = await run(2_000, {
			refuses: rateLimit(100),
			// The first calls reach the platform 20 ms late (new connections, a cold client).
			sendDelayMs: (request) => (request.index < 60 ? 20 : 0),
		});
		expect(result.answered).toBe(2_000);
		expect(result.refused).toBeLessThanOrEqual(CONCURRENCY + 2);
	});

	test('calls reaching the platform up to 25 ms late at random cost few refusals and little time', async () => {
		const random = seeded(7);
		const result = await run(2_000, {
			refuses: rateLimit(100),
			sendDelayMs: () => Math.floor(random() * 25),
		});
		expect(result.answered).toBe(2_000);
		expect(2_000 / 100 / result.seconds).toBeGreaterThanOrEqual(0.97);
		expect(result.refused).toBeLessThanOrEqual(20);
	});

	test('a burst counted short by a busy client is made up for within seconds', async () => {
		const random = seeded(3);
		const times: number[] = [];
		const limit = rateLimit(100);
		const result = await run(2_000, {
			// The first calls leave late, by up to 300 ms: fewer seem sent in the second before the refusal.
			refuses: (request) => {
				const refuse = limit(request);
				if (!refuse) times.push(Date.now());
				return refuse;
			},
			sendDelayMs: (request) => (request.index < 150 ? Math.floor(random() * 300) : 0),
		});
		expect(result.answered).toBe(2_000);
		const lastTenSeconds = times.filter((at) => at > times[times.length - 1] - 10_000).length;
		expect(lastTenSeconds / 10).toBeGreaterThanOrEqual(97);
		expect(result.refused).toBeLessThanOrEqual(20);
	});

	test('a limit that grows is found, a step at a time, and one that does not costs few refusals', async () => {
		let sent = 0;
		const low = rateLimit(50);
		const high = rateLimit(100);
		const times: number[] = [];
		const result = await run(6_000, (request) => {
			// 50 calls a second for the first 1,000 calls, then 100.
			const refuse = sent < 1_000 ? low(request) : high(request);
			if (!refuse) {
				sent++;
				times.push(Date.now());
			}
			return refuse;
		});
		expect(result.answered).toBe(6_000);
		const lastTenSeconds = times.filter((at) => at > times[times.length - 1] - 10_000).length;
		expect(lastTenSeconds / 10).toBeGreaterThanOrEqual(95);
		// Taught once, and one raise above the new limit refused.
		expect(result.refused).toBeLessThanOrEqual(CONCURRENCY + 2);
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
		// The noise (200 calls), the 5 s it is taken as noise, then the limit is learned from the
		// first refusal, at about call 700, with the calls then on their way refused too.
		const afterLearning = result.platformCalls - 800;
		expect(refused.filter((index) => index >= 800).length / afterLearning).toBeLessThanOrEqual(
			0.02,
		);
	});
});
