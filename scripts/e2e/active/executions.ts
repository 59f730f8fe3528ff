/**
 * The executions of a running n8n, read back through its REST API (signed in as the owner, see
 * ../n8n-server.ts): the list for a workflow, and each execution's run data, which n8n stores and
 * answers in the `flatted` format — parsed with n8n's own copy of that module.
 */
import { createRequire } from 'node:module';

import type { ProvidedN8n } from '../n8n';
import type { N8nRest } from '../n8n-server';
import type { ExecutionJson, RunItem } from '../report';
import { assert, oneLine } from '../report';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	startedAt: string | null;
	stoppedAt: string | null;
}

export interface Execution extends ExecutionSummary {
	run: ExecutionJson;
}

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

type Flatted = { parse(text: string): unknown };

export class ExecutionReader {
	private readonly flatted: Flatted;
	private readonly cache = new Map<string, Execution>();

	constructor(
		private readonly rest: N8nRest,
		provided: ProvidedN8n,
	) {
		this.flatted = createRequire(provided.n8n)('flatted') as Flatted;
	}

	/** Every execution of the workflow, oldest first (ids are increasing numbers). */
	async list(workflowId: string): Promise<ExecutionSummary[]> {
		const all: ExecutionSummary[] = [];
		let lastId: string | undefined;
		for (;;) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const page = await this.rest.get<{ results: ExecutionSummary[] }>(
				`/executions?filter=${filter}&limit=100${lastId ? `&lastId=${lastId}` : ''}`,
			);
			all.push(...page.results);
			if (page.results.length < 100) break;
			lastId = page.results[page.results.length - 1].id;
		}
		return all.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** One finished execution with its run data (kept: finished executions do not change). */
	async get(id: string): Promise<Execution> {
		const cached = this.cache.get(id);
		if (cached) return cached;
		const raw = await this.rest.get<ExecutionSummary & { data: string }>(`/executions/${id}`);
		const run = { status: raw.status, data: this.flatted.parse(raw.data) } as ExecutionJson;
		const execution: Execution = { ...raw, run };
		if (FINISHED.includes(raw.status)) this.cache.set(id, execution);
		return execution;
	}

	/**
	 * Waits until `until(finished executions after `afterId`)` holds, then for `settleMs` more in
	 * which no other execution starts; returns the finished executions after `afterId`, oldest
	 * first, with their run data. Throws at the deadline with what there was.
	 */
	async waitFor(
		workflowId: string,
		what: string,
		until: (executions: Execution[]) => boolean,
		opts: { afterId?: string; timeoutMs: number; settleMs?: number },
	): Promise<Execution[]> {
		const deadline = Date.now() + opts.timeoutMs;
		let satisfiedAt: number | undefined;
		let seen = '';
		for (;;) {
			const summaries = (await this.list(workflowId)).filter(
				(e) => opts.afterId === undefined || Number(e.id) > Number(opts.afterId),
			);
			const running = summaries.filter((e) => !FINISHED.includes(e.status));
			const finished = await Promise.all(
				summaries.filter((e) => FINISHED.includes(e.status)).map((e) => this.get(e.id)),
			);
			const signature = summaries.map((e) => `${e.id}:${e.status}`).join(',');
			if (running.length === 0 && until(finished)) {
				if (signature !== seen) satisfiedAt = Date.now();
				if (Date.now() - (satisfiedAt ?? 0) >= (opts.settleMs ?? 0)) return finished;
			} else satisfiedAt = undefined;
			seen = signature;
			if (Date.now() > deadline) {
				const listed = summaries.map((e) => `#${e.id} ${e.mode} ${e.status}`).join(', ');
				throw new Error(
					`${what}: not there after ${opts.timeoutMs / 1000} s; executions of ${workflowId}: ${listed || 'none'}`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

/** Why an execution did not succeed, in one line; undefined when it did. */
export function failureOf(execution: Execution): string | undefined {
	if (execution.status === 'success') return undefined;
	const error = execution.run.data?.resultData?.error;
	const where = error?.node?.name ? ` in "${error.node.name}"` : '';
	return `#${execution.id} ${execution.status}${where}: ${oneLine(error?.message ?? 'no error recorded', 200)}`;
}

/** Output items of a node in an execution (first output, every run); [] when it did not run. */
export function itemsOf(execution: Execution, node: string): RunItem[] {
	const runs = execution.run.data?.resultData?.runData?.[node];
	if (!runs?.length) return [];
	assert(!runs[0].error, `#${execution.id}: "${node}" failed: ${runs[0].error?.message}`);
	return runs.flatMap((run) => run.data?.main?.[0] ?? []);
}

/** Items a node output over several executions. */
export function allItems(executions: Execution[], node: string): RunItem[] {
	return executions.flatMap((execution) => itemsOf(execution, node));
}
