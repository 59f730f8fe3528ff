/**
 * n8n in queue mode: one main process (`n8n start`: editor, REST API, webhooks, triggers) and
 * workers (`n8n worker --concurrency=N`: the executions), each with its own user folder, sharing
 * only what n8n's queue mode shares — the PostgreSQL database, the Redis queue, the encryption key
 * and the custom extension folder.
 */
import { rmSync } from 'node:fs';

import type { RunningPostgres } from '../active/postgres';
import type { N8nSession, ProvidedN8n } from '../n8n';
import { createN8nSession, freePort, TEST_ENCRYPTION_KEY } from '../n8n';
import type { N8nRest, RunningN8n } from '../n8n-server';
import { serverEnv, signInAsOwner, startN8n } from '../n8n-server';
import type { RunningRedis } from './redis';
import type { RunningWorker } from './worker';
import { startWorker, workerEnv } from './worker';

/** Settings every process of the cluster gets. */
export function queueEnv(postgres: RunningPostgres, redis: RunningRedis): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// one JSON object per log line: the worker ids and execution ids are read from the logs
		N8N_LOG_FORMAT: 'json',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
}

export interface ClusterOptions {
	provided: ProvidedN8n;
	/** N8N_CUSTOM_EXTENSIONS, the same on every process. */
	extensionDir: string;
	postgres: RunningPostgres;
	redis: RunningRedis;
	workers: number;
	concurrency: number;
}

export class QueueCluster {
	/** The main process's session: the CLI (imports) and `n8n start` run with it. */
	main!: N8nSession;
	readonly workerSessions: N8nSession[] = [];
	readonly workers: RunningWorker[] = [];
	/** The main process running now. */
	server?: RunningN8n;
	/** Every main process started, in order (their logs, and the final check that none answers). */
	readonly servers: RunningN8n[] = [];
	port = 0;

	private constructor(private readonly opts: ClusterOptions) {}

	/** The sessions (user folders, environments); nothing is started yet. */
	static async create(opts: ClusterOptions): Promise<QueueCluster> {
		const cluster = new QueueCluster(opts);
		const shared = queueEnv(opts.postgres, opts.redis);
		const session = (env: Record<string, string>) =>
			createN8nSession({
				customExtensions: opts.extensionDir,
				provided: opts.provided,
				encryptionKey: TEST_ENCRYPTION_KEY,
				env: { ...shared, ...env },
			});
		const server = await serverEnv();
		cluster.port = server.port;
		cluster.main = await session(server.env);
		for (let i = 0; i < opts.workers; i++)
			cluster.workerSessions.push(await session(workerEnv(await freePort())));
		process.once('exit', cluster.removeFolders);
		return cluster;
	}

	/** `n8n start` (again on the same port after a stop), signed in to its REST API as the owner. */
	async startMain(): Promise<N8nRest> {
		const server = await startN8n(this.main, this.port, 120_000);
		this.server = server;
		this.servers.push(server);
		process.once('exit', server.killNow);
		return signInAsOwner(server);
	}

	async stopMain(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		await server.stop();
		process.off('exit', server.killNow);
	}

	async startWorkers(): Promise<void> {
		const started = await Promise.allSettled(
			this.workerSessions.map((session, i) =>
				startWorker(session, `worker-${i + 1}`, this.opts.concurrency, 120_000),
			),
		);
		for (const result of started) {
			if (result.status !== 'fulfilled') continue;
			this.workers.push(result.value);
			process.once('exit', result.value.killNow);
		}
		const failed = started.find((result) => result.status === 'rejected');
		if (failed) throw failed.reason;
	}

	/** Everything the main processes logged, in order. */
	mainLog(): string {
		return this.servers.map((server) => server.log()).join('\n');
	}

	/** Process ids of every n8n process started (main processes and workers). */
	pids(): number[] {
		return [...this.servers.map((server) => server.pid), ...this.workers.map((w) => w.pid)];
	}

	/** Synchronously, for a process 'exit' handler (the processes are killed by their own). */
	private readonly removeFolders = () => {
		for (const session of [this.main, ...this.workerSessions])
			if (session) rmSync(session.userFolder, { recursive: true, force: true });
	};

	/** Stops the workers and the main process; removes the user folders. Safe to call again. */
	async stop(): Promise<void> {
		await Promise.all([
			this.stopMain().catch(() => undefined),
			...this.workers.map(async (worker) => {
				await worker.stop().catch(() => undefined);
				process.off('exit', worker.killNow);
			}),
		]);
		process.off('exit', this.removeFolders);
		for (const session of [this.main, ...this.workerSessions])
			await session?.cleanup().catch(() => undefined);
	}
}
