/**
 * What the active-triggers step shares with each example's case: the running pieces, the patched
 * workflows, and where each workflow's executions stood before the events were caused.
 */
import type { ExampleWorkflow } from '../../lib/examples';
import type { Suite } from '../suite';
import { assert } from '../report';
import type { Catcher } from './catcher';
import type { Execution, ExecutionReader } from './executions';
import { failureOf } from './executions';
import type { PlatformDriver } from './platform';
import type { RunningPostgres } from './postgres';
import type { ActiveExample } from './workflows';

export interface ActiveContext {
	suite: Suite;
	driver: PlatformDriver;
	catcher: Catcher;
	postgres: RunningPostgres;
	executions: ExecutionReader;
	workflows: Record<ActiveExample, ExampleWorkflow>;
	/** The sandbox organisation's mail domain. */
	domain: string;
	/** Each workflow's newest execution id before the events were caused (undefined: none yet). */
	baseline: Partial<Record<ActiveExample, string>>;
}

/** One example: the events it reacts to, then the checks of what its workflow did. */
export interface ActiveCase {
	example: ActiveExample;
	/** Causes the events (quickly; the triggers pick them up afterwards). */
	cause(ctx: ActiveContext): Promise<void>;
	/** Waits for the workflow's reaction and checks it (one suite check per finding). */
	verify(ctx: ActiveContext): Promise<void>;
}

/** How long a case waits for a reaction: a few poll periods plus the executions. */
export const REACTION_TIMEOUT_MS = 60_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `found()` returns something (not undefined), or throws `what` at the deadline. */
export async function until<T>(
	what: string,
	found: () => T | undefined | Promise<T | undefined>,
	timeoutMs = REACTION_TIMEOUT_MS,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await found();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not so after ${timeoutMs / 1000} s`);
		await sleep(500);
	}
}

/** The workflow's executions since the events, after waiting until `done` holds for them. */
export function reactions(
	ctx: ActiveContext,
	example: ActiveExample,
	what: string,
	done: (executions: Execution[]) => boolean,
	settleMs = 3_000,
): Promise<Execution[]> {
	return ctx.executions.waitFor(ctx.workflows[example].id, what, done, {
		afterId: ctx.baseline[example],
		timeoutMs: REACTION_TIMEOUT_MS,
		settleMs,
	});
}

export function assertAllSucceeded(executions: Execution[]): void {
	const failed = executions.map(failureOf).filter((failure) => failure !== undefined);
	assert(failed.length === 0, `failed executions: ${failed.join('; ')}`);
}

/**
 * Opens a one-click login link: the sandbox's landing page, which answers 200 naming the account
 * it signed in. Returns that address.
 */
export async function openLoginLink(url: string): Promise<string> {
	const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
	const html = await res.text();
	assert(res.status === 200, `the login link answered ${res.status}`);
	const account = /<b id="account">([^<]*)<\/b>/.exec(html)?.[1];
	assert(account, 'the landing page names no account');
	return account;
}

/** The first http(s) URL in a text. */
export function firstUrl(text: string): string | undefined {
	return /https?:\/\/[^\s)<>"]+/.exec(text)?.[0];
}
