/** What the queue-mode checks share: the running pieces, n8n's records, the check lines. */
import type { RequestRecord, Sandbox } from '../../../sandbox';
import type { N8nRest } from '../n8n-server';
import type { Report } from '../report';
import { assert } from '../report';
import type { QueueCluster } from './cluster';
import { runnersOf } from './logs';
import type { ExecutionRecord, Records } from './records';
import type { QueueWorkflows } from './workflows';

export interface QueueContext {
	report: Report;
	sandbox: Sandbox;
	cluster: QueueCluster;
	records: Records;
	/** Signed in to the main process running now (renewed after a restart). */
	rest: N8nRest;
	workflows: QueueWorkflows;
	/** Worker concurrency (`n8n worker --concurrency=N`). */
	concurrency: number;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function lastSeq(sandbox: Sandbox): number {
	const requests = sandbox.control.requests();
	return requests.length ? requests[requests.length - 1].seq : 0;
}

export function callsSince(sandbox: Sandbox, seq: number): RequestRecord[] {
	return sandbox.control.requests().filter((call) => call.seq > seq);
}

/** Waits until `found()` returns something (not undefined), or throws `what` at the deadline. */
export async function until<T>(
	what: string,
	found: () => T | undefined | Promise<T | undefined>,
	timeoutMs: number,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await found();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not so after ${timeoutMs / 1000} s`);
		await sleep(500);
	}
}

/**
 * Which worker ran each execution, from the workers' logs; asserts that exactly one worker
 * started each and that the main process ran none. Returns the worker names, by execution.
 */
export function assertRunByWorkers(
	ctx: QueueContext,
	executions: ExecutionRecord[],
): Map<string, string> {
	const runners = runnersOf(
		executions.map((e) => e.id),
		ctx.cluster.workers,
	);
	const byExecution = new Map<string, string>();
	for (const [id, names] of runners) {
		assert(names.length === 1, `execution ${id} was started by ${names.length} workers`);
		byExecution.set(id, names[0]);
	}
	assert(
		!/"message":"Worker started execution/.test(ctx.cluster.mainLog()),
		'the main process logged starting an execution itself',
	);
	return byExecution;
}

/** "worker-1: 2, worker-2: 1" */
export function perWorker(byExecution: Map<string, string>): string {
	const counts = new Map<string, number>();
	for (const name of byExecution.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
	return [...counts]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, count]) => `${name}: ${count}`)
		.join(', ');
}
