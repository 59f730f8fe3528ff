/**
 * npm run e2e:queue: the package in n8n's queue mode, for real — the same pinned n8n as npm run
 * e2e (2.40.5 on Node 24, provided by provide-n8n.sh; the built package as a private copy of
 * dist/) as one main process and two workers, on a private PostgreSQL and a private Redis
 * (Debian packages, installed when missing; loopback ports; temp folders), against the platform
 * sandbox served from this process. What happened is read back from n8n's own records: the
 * execution tables in PostgreSQL, the workflows' static data, and the processes' logs.
 *
 *   1. ten batches of 200 new hires POSTed at once to a production webhook (bulkImport.ts): both
 *      workers used, 2,000 accounts each created exactly once, no failed item, the access token
 *      expiring every 50 calls and its renewals bounded (expiries + workers);
 *   2. the push trigger: a callback to the main process, the execution on a worker (push.ts);
 *   3. a polling trigger on the main process keeps its cursor in PostgreSQL across a restart of
 *      the main process: every mail emitted once (polling.ts).
 * Everything started is stopped at the end by process id (the n8n process groups, Redis,
 * PostgreSQL), also on failure and on SIGINT/SIGTERM.
 *
 * Prints one `ok`/`FAIL` line per check and `N passed, M failed`; exits 0 only when all passed.
 */
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { CREDENTIAL_TYPE } from '../../lib/examples';
import type { RunningPostgres } from '../active/postgres';
import { startPostgres } from '../active/postgres';
import type { ExtensionSnapshot } from '../extension';
import { ENTRY_FILES, snapshotDist } from '../extension';
import { CREDENTIAL } from '../fixtures';
import type { ProvidedN8n } from '../n8n';
import { provideN8n } from '../n8n';
import { publish } from '../n8n-server';
import { assert, describeError, oneLine, Report } from '../report';
import { bulkImport } from './bulkImport';
import { QueueCluster } from './cluster';
import type { QueueContext } from './context';
import { seconds } from './context';
import { logEntries } from './logs';
import { pollingAcrossRestart } from './polling';
import { pushTrigger } from './push';
import { Records } from './records';
import type { RunningRedis } from './redis';
import { startRedis } from './redis';
import { queueWorkflows } from './workflows';

const DIST = path.resolve(__dirname, '../../../dist');
const WORKERS = 2;
/** Per worker: 2 × 3 executions at once, so of the 10 bulk imports 4 wait in the queue. */
const CONCURRENCY = 3;

interface Running {
	extension?: ExtensionSnapshot;
	sandbox?: Sandbox;
	postgres?: RunningPostgres;
	redis?: RunningRedis;
	cluster?: QueueCluster;
}

function alive(pid: number, group = false): boolean {
	try {
		process.kill(group ? -pid : pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Warnings and errors the n8n processes logged, for stderr when a check failed. */
function printProblems(cluster: QueueCluster): void {
	const logs = [
		['main', cluster.mainLog()],
		...cluster.workers.map((worker) => [worker.name, worker.log()]),
	];
	for (const [name, log] of logs) {
		const problems = logEntries(log)
			// signing in again after the restart tries the owner setup first (answered 400)
			.filter((entry) => entry.level === 'error' && !/owner already setup/.test(entry.message))
			.slice(-10)
			.map((entry) => `  | ${oneLine(entry.message, 240)}`);
		if (problems.length)
			console.error(`[e2e:queue] errors logged by ${name}:\n${problems.join('\n')}`);
	}
}

async function stopAll(running: Running): Promise<void> {
	const quietly = (what: string) => (error: unknown) =>
		console.error(`[e2e:queue] stopping ${what}: ${describeError(error)}`);
	await running.cluster?.stop().catch(quietly('n8n'));
	await running.redis?.stop().catch(quietly('redis'));
	await running.postgres?.stop().catch(quietly('postgres'));
	await running.sandbox?.close().catch(quietly('the sandbox'));
	await running.extension?.remove().catch(quietly('the extension copy'));
}

async function startServices(report: Report, running: Running, provided: ProvidedN8n) {
	await report.check(
		"built package (a private copy of dist/) loads with n8n's own modules",
		async () => {
			const extension = await snapshotDist(DIST, provided);
			running.extension = extension;
			// removed by stopAll; this is for a run that ends without it (an uncaught error)
			const removeCopy = () =>
				rmSync(path.dirname(extension.dir), { recursive: true, force: true });
			process.once('exit', removeCopy);
			return `exports ${running.extension.loaded}`;
		},
	);
	if (!running.extension) return undefined;
	running.sandbox = await startSandbox({ seed: 'demo', host: '127.0.0.1', port: 0 });
	await report.check(
		'private PostgreSQL and Redis (Debian packages, temp folders, free ports on 127.0.0.1)',
		async () => {
			const since = Date.now();
			const [postgres, redis] = await Promise.allSettled([
				startPostgres({ database: 'n8n' }),
				startRedis(),
			]);
			if (postgres.status === 'fulfilled') running.postgres = postgres.value;
			if (redis.status === 'fulfilled') running.redis = redis.value;
			if (postgres.status === 'rejected') throw postgres.reason;
			if (redis.status === 'rejected') throw redis.reason;
			const installed = [
				postgres.value.installMs && `postgresql installed in ${seconds(postgres.value.installMs)}`,
				redis.value.installMs && `redis-server installed in ${seconds(redis.value.installMs)}`,
			].filter(Boolean);
			return `${installed.length ? `${installed.join(', ')}; ` : ''}postgres pid ${postgres.value.pid} on :${postgres.value.port}, redis-server pid ${redis.value.pid} on :${redis.value.port}, ready in ${seconds(Date.now() - since)}`;
		},
	);
	return running.postgres && running.redis ? running.extension : undefined;
}

async function startCluster(
	report: Report,
	running: Running,
	provided: ProvidedN8n,
	extension: ExtensionSnapshot,
): Promise<QueueContext | undefined> {
	const { sandbox, postgres, redis } = running;
	if (!sandbox || !postgres || !redis) return undefined;
	const cluster = await QueueCluster.create({
		provided,
		extensionDir: extension.dir,
		postgres,
		redis,
		workers: WORKERS,
		concurrency: CONCURRENCY,
	});
	running.cluster = cluster;
	const workflows = queueWorkflows();
	const imported = await report.check(
		"the sandbox credential and the three workflows imported into n8n's PostgreSQL database (n8n import:credentials, import:workflow)",
		async () => {
			const { orgOpenId, appId, authCode, domain, baseUrl } = sandbox.credential;
			const since = Date.now();
			const credential = await cluster.main.importCredentials([
				{
					...CREDENTIAL,
					type: CREDENTIAL_TYPE,
					data: { orgOpenId, appId, appSecret: authCode, domain, baseUrl },
				},
			]);
			assert(credential.exitCode === 0, `import:credentials exited ${credential.exitCode}`);
			const imported = await cluster.main.importWorkflow(Object.values(workflows));
			assert(imported.exitCode === 0, `import:workflow exited ${imported.exitCode}`);
			return `${Object.values(workflows)
				.map((w) => w.id)
				.join(', ')}; ${seconds(Date.now() - since)} (includes the migrations)`;
		},
	);
	if (!imported) return undefined;
	let context: QueueContext | undefined;
	await report.check(
		`queue mode: main process (n8n start, WEBHOOK_URL on it) and ${WORKERS} workers (n8n worker --concurrency=${CONCURRENCY}), one encryption key and the same custom extensions on all; the bulk import published`,
		async () => {
			const since = Date.now();
			// Both settle before anything is thrown, so that cleanup finds every process started.
			const [main, started] = await Promise.allSettled([
				cluster.startMain(),
				cluster.startWorkers(),
			]);
			if (started.status === 'rejected') throw started.reason;
			if (main.status === 'rejected') throw main.reason;
			const rest = main.value;
			await publish(rest, workflows.bulkImport.id);
			context = {
				report,
				sandbox,
				cluster,
				records: new Records(postgres, provided),
				rest,
				workflows,
				concurrency: CONCURRENCY,
			};
			const workers = cluster.workers.map((worker) => `${worker.name} pid ${worker.pid}`);
			return `main ${cluster.server?.baseUrl} pid ${cluster.server?.pid}, ${workers.join(', ')}; ready in ${seconds(Date.now() - since)}`;
		},
	);
	return context;
}

async function checkStopped(report: Report, running: Running): Promise<void> {
	await report.check(
		'everything started is stopped (the n8n process groups, redis-server, postgres)',
		() => {
			const n8n = running.cluster?.pids() ?? [];
			const still = [
				...n8n.filter((pid) => alive(pid, true)).map((pid) => `n8n group ${pid}`),
				...[running.redis?.pid, running.postgres?.pid]
					.filter((pid): pid is number => pid !== undefined && alive(pid))
					.map((pid) => `pid ${pid}`),
			];
			assert(still.length === 0, `still running: ${still.join(', ')}`);
			return `${n8n.length} n8n processes (with their task runners), redis-server, postgres`;
		},
	);
}

async function main(): Promise<number> {
	const report = new Report();
	if (!ENTRY_FILES.every((file) => existsSync(path.join(DIST, file)))) {
		await report.check('package built into dist/', () =>
			assert(false, `missing files under ${DIST}: run "npm run build" (npm run e2e:queue does)`),
		);
		console.log(report.summary());
		return 1;
	}
	let provided: ProvidedN8n;
	try {
		provided = await provideN8n();
	} catch (error) {
		await report.check('real n8n provided', () => assert(false, describeError(error)));
		console.log(report.summary());
		return 2;
	}

	const started = Date.now();
	const running: Running = {};
	let stopping: Promise<void> | undefined;
	const cleanup = () => (stopping ??= stopAll(running));
	const onSignal = (signal: NodeJS.Signals) => {
		console.error(`[e2e:queue] ${signal}: stopping everything it started`);
		void cleanup().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		const extension = await startServices(report, running, provided);
		const ctx = extension && (await startCluster(report, running, provided, extension));
		if (ctx) {
			await bulkImport(ctx);
			await pushTrigger(ctx);
			await pollingAcrossRestart(ctx);
			if (report.failed > 0) printProblems(ctx.cluster);
		}
	} catch (error) {
		await report.check('run to the end', () => assert(false, describeError(error)));
		if (error instanceof Error && error.stack) console.error(error.stack);
	} finally {
		await cleanup();
	}
	await checkStopped(report, running);
	console.error(`[e2e:queue] ${seconds(Date.now() - started)} after provisioning`);
	console.log(report.summary());
	return report.failed === 0 && report.passed > 0 ? 0 : 1;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error) => {
		console.error(error);
		console.log('0 passed, 1 failed');
		process.exitCode = 1;
	},
);
