/**
 * npm run bench [-- --accounts 2000 --read-accounts 20000 --runs a,b,c,c′,read --dist DIR --cpu-prof DIR --calls DIR]
 *
 * `--runs` picks some of the runs (for iteration on a busy machine), `--dist` loads another build
 * than dist/ (e.g. `tsc --outDir`), `--cpu-prof` makes each n8n process write a V8 CPU profile
 * into that folder (open it in Chrome DevTools, or sum it up with scripts/bench/profile.ts),
 * `--calls DIR` writes each create run's platform calls (time, path, answer code) there.
 *
 * Side by side in a real n8n (2.40.5 on Node 24, provided as for the e2e suite, with a private
 * copy of dist/), against the platform sandbox served from this process at 50 ms latency per call
 * and a limit of 100 calls/s, seed `empty`, reset between runs. Creates the same 2,000 accounts:
 *   (a) with n8n's HTTP Request node, default options (the token fetched by another HTTP Request
 *       node and sent as the qiye-* headers);
 *   (b) the same with Options → Batching tuned by hand: 1 item per batch, 10 ms apart;
 *   (c) with NetEase Email Address Book → Account → Create, nothing tuned;
 *   (c) again with every access token living 5 seconds.
 * Then reads 20,000 accounts with Account → Get Many, Return All, and makes as many items of the
 * same shape with a Code node, sampling the n8n process's memory (read.ts).
 *
 * Prints the machine, one JSON line per run, then the tables (Markdown). Nothing is asserted
 * about timing: the exit code is 1 only when something is broken (the package's node lost,
 * duplicated or misreported an account, or an execution failed), 2 when n8n cannot be provided.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import type { ExtensionSnapshot } from '../e2e/extension';
import { ENTRY_FILES, snapshotDist } from '../e2e/extension';
import { CREDENTIAL } from '../e2e/fixtures';
import type { CommandResult, N8nSession } from '../e2e/n8n';
import { createN8nSession, provideN8n } from '../e2e/n8n';
import { describeError, diagnostics } from '../e2e/report';
import { CREDENTIAL_TYPE } from '../lib/examples';
import { describeMachine, loadAverage, machineLine } from './machine';
import type { CreateMeasure } from './measure';
import { createProblems, measureCreate, stepRun } from './measure';
import { mb, MemorySampler } from './memory';
import type { BenchSandbox } from './sandbox';
import { startBenchSandbox } from './sandbox';
import { addStandInNode, benchmarkRead, readWorkflows } from './read';
import { createTable } from './table';
import type { NewAccount } from './workflows';
import { CREATE_NODE, httpRequestCreate, newAccounts, nodeCreate } from './workflows';

function text(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

function option(name: string, fallback: number): number {
	const value = text(name);
	return value === undefined ? fallback : Number(value);
}

const DIST = path.resolve(text('dist') ?? path.join(__dirname, '../../dist'));
const ACCOUNTS = option('accounts', 2000);
const READ_ACCOUNTS = option('read-accounts', 20000);
const RUNS = new Set((text('runs') ?? 'a,b,c,c′,read').split(','));
const CPU_PROFILE_DIR = text('cpu-prof');
const CALLS_DIR = text('calls');
const LATENCY_MS = 50;
const RATE = 100;
const TOKEN_TTL_SECONDS = 5;
const EXECUTE_TIMEOUT_MS = 15 * 60_000;

const log = (message: string) => console.error(`[bench] ${message}`);

/** One n8n execution with its process's memory sampled; the sandbox's calls meanwhile. */
async function execute(n8n: N8nSession, sandbox: BenchSandbox, workflowId: string) {
	const loadBefore = loadAverage();
	const memory = new MemorySampler();
	sandbox.control.clearRequests();
	const result = await n8n.execute(workflowId, {
		onSpawn: (pid) => memory.start(pid),
		timeoutMs: EXECUTE_TIMEOUT_MS,
	});
	memory.stop();
	const calls = sandbox.control.requests();
	return { result, calls, memory, loadBefore };
}

async function mustSucceed(name: string, start: () => Promise<CommandResult>) {
	const res = await start();
	if (res.exitCode !== 0) {
		console.error(diagnostics(name, res.stdout, res.stderr));
		throw new Error(`${name} exited ${res.exitCode ?? res.signal}`);
	}
}

interface CreateRun {
	run: string;
	label: string;
	workflowId: string;
	/** The package's node: anything lost or misreported is a failure of the benchmark. */
	ours: boolean;
	tokenTtlSeconds?: number;
}

async function benchmark(n8n: N8nSession, sandbox: BenchSandbox, problems: string[]) {
	const accounts: NewAccount[] = newAccounts(ACCOUNTS);
	const platform = { url: sandbox.url, identity: sandbox.identity };
	const { orgOpenId, appId, authCode, domain, baseUrl } = sandbox.credential;
	const workflows = [
		httpRequestCreate('bench-http-default', accounts, platform),
		httpRequestCreate('bench-http-batched', accounts, platform, {
			batchSize: 1,
			batchIntervalMs: 10,
		}),
		nodeCreate('bench-node-create', accounts),
		...(RUNS.has('read') ? readWorkflows(sandbox, READ_ACCOUNTS) : []),
	];
	await mustSucceed('import:credentials', () =>
		n8n.importCredentials([
			{
				...CREDENTIAL,
				type: CREDENTIAL_TYPE,
				data: { orgOpenId, appId, appSecret: authCode, domain, baseUrl },
			},
		]),
	);
	await mustSucceed('import:workflow', () => n8n.importWorkflow(workflows));

	const runs: CreateRun[] = [
		{
			run: 'a',
			label: 'HTTP Request, default options',
			workflowId: 'bench-http-default',
			ours: false,
		},
		{
			run: 'b',
			label: 'HTTP Request, batching 1 item / 10 ms',
			workflowId: 'bench-http-batched',
			ours: false,
		},
		{
			run: 'c',
			label: 'NetEase Address Book → Account → Create',
			workflowId: 'bench-node-create',
			ours: true,
		},
		{
			run: 'c′',
			label: `the same, access token expiring every ${TOKEN_TTL_SECONDS} s`,
			workflowId: 'bench-node-create',
			ours: true,
			tokenTtlSeconds: TOKEN_TTL_SECONDS,
		},
	];
	const measures: CreateMeasure[] = [];
	for (const run of runs.filter(({ run }) => RUNS.has(run))) {
		sandbox.control.reset('empty');
		if (run.tokenTtlSeconds !== undefined) {
			sandbox.control.configure({ accessTokenTtlSeconds: run.tokenTtlSeconds });
			// The token n8n stored in the previous run lives 2 hours: only new ones live 5 s.
			sandbox.control.expireAccessTokens();
		}
		log(`(${run.run}) ${run.label}: ${ACCOUNTS} accounts…`);
		const { result, calls, memory, loadBefore } = await execute(n8n, sandbox, run.workflowId);
		if (CALLS_DIR) {
			const file = path.resolve(CALLS_DIR, `calls-${run.run}.json`);
			mkdirSync(CALLS_DIR, { recursive: true });
			writeFileSync(
				file,
				JSON.stringify(calls.map(({ time, path, code }) => ({ time, path, code }))),
			);
		}
		const { step, failure } = stepRun(result, CREATE_NODE);
		if (failure) {
			console.error(diagnostics(`(${run.run}) n8n execute`, result.stdout, result.stderr));
			problems.push(`(${run.run}) ${failure}`);
		}
		if (!step) {
			console.log(JSON.stringify({ run: run.run, label: run.label, failure }));
			continue;
		}
		const measure = measureCreate({
			...run,
			accounts,
			ratePerSecond: RATE,
			step,
			result,
			calls,
			state: sandbox.control.state(),
		});
		measures.push(measure);
		if (run.ours) problems.push(...createProblems(measure).map((p) => `(${run.run}) ${p}`));
		console.log(
			JSON.stringify({
				...measure,
				...(run.tokenTtlSeconds ? { tokenTtlSeconds: run.tokenTtlSeconds } : {}),
				n8nPeakMb: mb(memory.peakKb()),
				taskRunnerPeakMb: mb(memory.childrenPeakKb()),
				loadAverageBefore: loadBefore,
				...(failure ? { failure } : {}),
			}),
		);
	}

	const read = RUNS.has('read')
		? await benchmarkRead({
				n8n,
				sandbox,
				accounts: READ_ACCOUNTS,
				ratePerSecond: RATE,
				execute: (workflowId) => execute(n8n, sandbox, workflowId),
				log,
				problems,
			})
		: undefined;
	return { measures, read };
}

async function main(): Promise<number> {
	if (!ENTRY_FILES.every((file) => existsSync(path.join(DIST, file)))) {
		log(`${DIST} does not hold the built package; run "npm run build" (npm run bench does).`);
		return 1;
	}
	let provided;
	try {
		provided = await provideN8n();
	} catch (error) {
		log(`a real n8n could not be provided: ${describeError(error)}`);
		log('run "npm run e2e:provide" to retry and see its log.');
		return 2;
	}
	const machine = describeMachine(provided);
	console.log(JSON.stringify({ machine }));

	let extension: ExtensionSnapshot | undefined;
	let sandbox: BenchSandbox | undefined;
	let n8n: N8nSession | undefined;
	const cleanup = async () => {
		await extension?.remove().catch(() => undefined);
		await sandbox?.close().catch(() => undefined);
		await n8n?.cleanup().catch(() => undefined);
	};
	const onSignal = (signal: NodeJS.Signals) => {
		log(`${signal}: cleaning up`);
		void cleanup().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	const problems: string[] = [];
	try {
		extension = await snapshotDist(DIST, provided);
		sandbox = await startBenchSandbox({
			latencyMs: LATENCY_MS,
			rateLimit: { perSecond: RATE, code: -422 },
		});
		if (RUNS.has('read')) await addStandInNode(extension.dir, sandbox, READ_ACCOUNTS);
		const env = CPU_PROFILE_DIR
			? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(CPU_PROFILE_DIR)}` }
			: undefined;
		n8n = await createN8nSession({ customExtensions: extension.dir, provided, env });
		log(`n8n user folder ${n8n.userFolder}, sandbox ${sandbox.url}`);
		const { measures, read } = await benchmark(n8n, sandbox, problems);

		console.log('');
		console.log(`Machine: ${machineLine(machine)}`);
		console.log(
			`Sandbox: ${LATENCY_MS} ms latency per call, ${RATE} calls/s (sliding window, -422 beyond), seed empty, reset before each run.`,
		);
		if (measures.length) {
			console.log('');
			console.log(createTable(measures));
		}
		if (read) {
			console.log('');
			console.log(read);
		}
	} catch (error) {
		problems.push(`the benchmark did not run to the end: ${describeError(error)}`);
		if (error instanceof Error && error.stack) console.error(error.stack);
	} finally {
		await cleanup();
	}
	for (const problem of problems) log(`BROKEN: ${problem}`);
	return problems.length ? 1 : 0;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error) => {
		console.error(error);
		process.exitCode = 1;
	},
);
