/**
 * `n8n worker --concurrency=N` as a long-running process: started until it is ready (its
 * /healthz/readiness on a loopback port answers 200 and it printed "n8n worker is now ready"),
 * and stopped by its process group (the worker and the task runner it spawns).
 */

import type { N8nSession } from '../n8n';
import { spawnN8n, tail } from '../n8n-server';

export interface RunningWorker {
	name: string;
	pid: number;
	/** The worker's health server (QUEUE_HEALTH_CHECK_PORT on 127.0.0.1). */
	healthUrl: string;
	/** Everything the worker printed so far (stdout and stderr interleaved). */
	log(): string;
	/** SIGTERM to its process group (SIGKILL after 15 s) and waits for it to exit. */
	stop(): Promise<void>;
	/** Synchronous SIGKILL of the process group, for a process 'exit' handler. */
	killNow(): void;
}

/** The environment a worker needs on top of the queue settings: its health server. */
export function workerEnv(healthPort: number): Record<string, string> {
	return {
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
}

export async function startWorker(
	session: N8nSession,
	name: string,
	concurrency: number,
	timeoutMs = 90_000,
): Promise<RunningWorker> {
	const healthUrl = `http://127.0.0.1:${session.env.QUEUE_HEALTH_CHECK_PORT}/healthz/readiness`;
	const n8n = spawnN8n(session, ['worker', `--concurrency=${concurrency}`], 15_000);
	const { stop, kill } = n8n;

	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (n8n.exited() !== null)
			throw new Error(
				`n8n worker ${name} exited (${n8n.exited()}) before it was ready:\n${tail(n8n.log())}`,
			);
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n worker ${name} not ready within ${timeoutMs} ms:\n${tail(n8n.log())}`);
		}
		const ready = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) })
			.then((res) => res.ok)
			.catch(() => false);
		if (ready && n8n.log().includes('n8n worker is now ready')) break;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	return {
		name,
		pid: n8n.pid,
		healthUrl,
		log: n8n.log,
		stop,
		killNow: () => kill('SIGKILL'),
	};
}
