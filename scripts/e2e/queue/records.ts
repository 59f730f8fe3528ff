/**
 * n8n's own records in the shared PostgreSQL, read with psql while the cluster runs:
 * `execution_entity` (one row per execution: mode, status, when it was created, started and
 * stopped), `execution_data` (its run data, in n8n's `flatted` format, parsed with n8n's own copy
 * of that module) and `workflow_entity."staticData"` (where a trigger keeps its cursor).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

import type { RunningPostgres } from '../active/postgres';
import { ensurePostgres } from '../active/postgres';
import type { ProvidedN8n } from '../n8n';
import type { ExecutionJson, RunItem } from '../report';
import { assert } from '../report';

export interface ExecutionRecord {
	id: string;
	mode: string;
	status: string;
	/** Epoch ms; startedAt/stoppedAt undefined while not set. */
	createdAt: number;
	startedAt?: number;
	stoppedAt?: number;
}

export const FINISHED = ['success', 'error', 'crashed', 'canceled'];

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const epochMs = (column: string) => `round(extract(epoch from "${column}") * 1000)`;
const optional = (cell: string) => (cell === '' ? undefined : Number(cell));

type Flatted = { parse(text: string): unknown };

/**
 * Runs SQL with psql (`-A -t`: rows of tab-separated columns). Its stdin is closed from the start:
 * the psql client exits right after the query, and a pipe still open to it can fail with EPIPE.
 */
async function query(postgres: RunningPostgres, sql: string): Promise<string[][]> {
	const { binaries } = await ensurePostgres();
	const { host, port, user, password, database } = postgres;
	const args = ['-h', host, '-p', String(port), '-U', user, '-d', database];
	const options = ['-v', 'ON_ERROR_STOP=1', '-X', '-q', '-A', '-t', '-F', '\t', '-c', sql];
	const output = await new Promise<string>((resolve, reject) => {
		const child = spawn(binaries.psql, [...args, ...options], {
			env: { PATH: process.env.PATH, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0) resolve(stdout);
			else
				reject(
					new Error(`psql exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`),
				);
		});
	});
	return output
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => line.split('\t'));
}

export class Records {
	private readonly flatted: Flatted;
	private readonly runs = new Map<string, ExecutionJson>();

	constructor(
		private readonly postgres: RunningPostgres,
		provided: ProvidedN8n,
	) {
		this.flatted = createRequire(provided.n8n)('flatted') as Flatted;
	}

	/** The workflow's executions after `afterId` (all when undefined), oldest first. */
	async executions(workflowId: string, afterId = '0'): Promise<ExecutionRecord[]> {
		const rows = await query(
			this.postgres,
			`SELECT id, mode, status, ${epochMs('createdAt')}, ${epochMs('startedAt')}, ${epochMs('stoppedAt')}
			 FROM execution_entity WHERE "workflowId" = ${literal(workflowId)} AND id > ${Number(afterId)}
			 ORDER BY id`,
		);
		return rows.map(([id, mode, status, createdAt, startedAt, stoppedAt]) => ({
			id,
			mode,
			status,
			createdAt: Number(createdAt),
			startedAt: optional(startedAt),
			stoppedAt: optional(stoppedAt),
		}));
	}

	/** The newest execution id of the workflow, '0' when it has none. */
	async newestId(workflowId: string): Promise<string> {
		const all = await this.executions(workflowId);
		return all.length ? all[all.length - 1].id : '0';
	}

	/** An execution's run data from `execution_data` (kept once read: finished runs do not change). */
	async run(id: string): Promise<ExecutionJson> {
		const known = this.runs.get(id);
		if (known) return known;
		// flatted's text is JSON: no raw newline or tab, so one row, one column.
		const rows = await query(
			this.postgres,
			`SELECT data FROM execution_data WHERE "executionId" = ${Number(id)}`,
		);
		assert(rows.length === 1, `execution ${id} has ${rows.length} rows in execution_data`);
		const run: ExecutionJson = { data: this.flatted.parse(rows[0][0]) as ExecutionJson['data'] };
		this.runs.set(id, run);
		return run;
	}

	/** A node's output items in one execution (first output, every run); [] when it did not run. */
	async items(id: string, node: string): Promise<RunItem[]> {
		const runs = (await this.run(id)).data?.resultData?.runData?.[node];
		if (!runs?.length) return [];
		assert(!runs[0].error, `execution ${id}: "${node}" failed: ${runs[0].error?.message}`);
		return runs.flatMap((run) => run.data?.main?.[0] ?? []);
	}

	/** The error an execution recorded, if any, in one line. */
	async error(id: string): Promise<string | undefined> {
		const error = (await this.run(id)).data?.resultData?.error;
		if (!error) return undefined;
		return `${error.node?.name ? `in "${error.node.name}": ` : ''}${error.message ?? 'unknown error'}`;
	}

	/** The workflow's static data (`node:<name>` keys for node-scoped data). */
	async staticData(workflowId: string): Promise<Record<string, unknown>> {
		const rows = await query(
			this.postgres,
			`SELECT coalesce("staticData"::text, '') FROM workflow_entity WHERE id = ${literal(workflowId)}`,
		);
		assert(rows.length === 1, `workflow ${workflowId} is not in n8n's database`);
		return rows[0][0] ? (JSON.parse(rows[0][0]) as Record<string, unknown>) : {};
	}

	/**
	 * Waits until every execution after `afterId` has finished and `until(them)` holds, then for
	 * `settleMs` more in which nothing new starts; returns them. Throws at the deadline.
	 */
	async waitFor(
		workflowId: string,
		what: string,
		until: (executions: ExecutionRecord[]) => boolean | Promise<boolean>,
		opts: { afterId?: string; timeoutMs: number; settleMs?: number },
	): Promise<ExecutionRecord[]> {
		const deadline = Date.now() + opts.timeoutMs;
		let satisfiedSince: number | undefined;
		let seen = '';
		for (;;) {
			const all = await this.executions(workflowId, opts.afterId);
			const signature = all.map((e) => `${e.id}:${e.status}`).join(',');
			const settled = all.every((e) => FINISHED.includes(e.status)) && (await until(all));
			if (!settled || signature !== seen) satisfiedSince = settled ? Date.now() : undefined;
			seen = signature;
			if (satisfiedSince !== undefined && Date.now() - satisfiedSince >= (opts.settleMs ?? 0))
				return all;
			if (Date.now() > deadline) {
				const listed = all.map((e) => `#${e.id} ${e.mode} ${e.status}`).join(', ');
				throw new Error(
					`${what}: not so after ${opts.timeoutMs / 1000} s; executions of ${workflowId}: ${listed || 'none'}`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}
