/**
 * Last step: no AppKey, access, refresh or SSO token in anything n8n wrote.
 *
 * 1. The output of every `n8n execute` of the earlier steps (n8n's info log level).
 * 2. n8n at its debug log level, logging to the console and to files (N8N_LOG_LEVEL=debug,
 *    N8N_LOG_OUTPUT=console,file, N8N_LOG_FILE_LOCATION=<user folder>/logs/n8n.log): one
 *    `n8n start` on a user folder of its own, with the sandbox credential and one with a wrong
 *    AppKey, and for every node a workflow that succeeds and one that fails
 *    (../secrets/workflows.ts). The action nodes' workflows are called through their webhooks;
 *    the failing triggers are refused on activation, the others each run an execution on an event
 *    caused in the sandbox. Then n8n's console output, its log files, the REST and webhook
 *    answers, the executions' stored data and its SQLite database files are searched for every
 *    secret of the run.
 * A secret found fails the check, which names the secret's kind, where it is and the line (masked).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { CREDENTIAL_TYPE } from '../../lib/examples';
import type { Execution } from '../active/executions';
import { ExecutionReader, failureOf } from '../active/executions';
import { PlatformDriver } from '../active/platform';
import { CREDENTIAL } from '../fixtures';
import type { CommandResult, N8nSession } from '../n8n';
import { createN8nSession } from '../n8n';
import type { N8nRest, RunningN8n } from '../n8n-server';
import { publish, serverEnv, signInAsOwner, startN8n } from '../n8n-server';
import { assert, describeError, oneLine } from '../report';
import type { Leak, Secret, Written } from '../secrets/leaks';
import {
	countKinds,
	describeLeaks,
	distinct,
	findLeaks,
	sentSecrets,
	summarizeLeaks,
} from '../secrets/leaks';
import type { NodeCase } from '../secrets/workflows';
import { actionCases, triggerCases, WRONG_KEY_CREDENTIAL } from '../secrets/workflows';
import type { Suite } from '../suite';

/** The account the succeeding workflows read (one the demo seed has, active). */
const ACCOUNT = 'zhang.wei';
const EXECUTION_TIMEOUT_MS = 60_000;

export async function secrets(suite: Suite): Promise<void> {
	await suite.check(
		'no AppKey, access, refresh or SSO token in any n8n execution output (info log level)',
		() => {
			const all = runSecrets(suite);
			const leaks = findLeaks(
				all,
				suite.outputs.map((text, i) => ({
					where: `${i % 2 ? 'stderr' : 'stdout'} of n8n execution ${Math.floor(i / 2) + 1}`,
					text,
				})),
			);
			expectNoLeak(leaks);
			return `${all.length} secrets checked against ${suite.outputs.length / 2} executions`;
		},
	);
	await atDebugLevel(suite);
}

/** Fails the check on any leak, each one printed on stderr (the check line is cut short). */
function expectNoLeak(leaks: Leak[]): void {
	if (leaks.length > 0)
		console.error(`[e2e] secrets found:\n${leaks.map((leak) => describeLeaks([leak])).join('\n')}`);
	assert(leaks.length === 0, summarizeLeaks(leaks));
}

/** The sandbox's AppKey, `more`, and every token the sandbox saw so far. */
function runSecrets(suite: Suite, more: Secret[] = []): Secret[] {
	return distinct([
		{ kind: 'AppKey', value: suite.sandbox.identity.authCode },
		...more,
		...sentSecrets(suite.sandbox.control.requests()),
	]);
}

interface DebugRun {
	suite: Suite;
	session: N8nSession;
	logDir: string;
	wrongKey: string;
	/** What n8n answered or printed besides its log files. */
	written: Written[];
	/** The `n8n start` once started, stopped at the end whatever happened. */
	running?: RunningN8n;
}

interface Server {
	running: RunningN8n;
	rest: N8nRest;
	executions: ExecutionReader;
}

async function atDebugLevel(suite: Suite): Promise<void> {
	const userFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-debug-'));
	const logDir = path.join(userFolder, 'logs');
	const session = await createN8nSession({
		customExtensions: suite.extensionDir,
		provided: suite.n8n.provided,
		userFolder,
		env: {
			N8N_RESTRICT_FILE_ACCESS_TO: suite.n8n.env.N8N_RESTRICT_FILE_ACCESS_TO ?? '',
			N8N_LOG_LEVEL: 'debug',
			N8N_LOG_OUTPUT: 'console,file',
			N8N_LOG_FILE_LOCATION: path.join(logDir, 'n8n.log'),
		},
	});
	const wrongKey = `wrong-${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
	const run: DebugRun = { suite, session, logDir, wrongKey, written: [] };
	try {
		await runEveryNode(run);
		// Searched even after a failed step: whatever n8n wrote until then.
		if (run.running) await searchWritten(run);
	} finally {
		if (process.env.E2E_KEEP === '1')
			console.error(`[e2e] kept the debug user folder ${userFolder}`);
		else await fs.rm(userFolder, { recursive: true, force: true });
	}
}

/** The succeeding and failing workflow of every node in one `n8n start`, stopped at the end. */
async function runEveryNode(run: DebugRun): Promise<void> {
	const actions = actionCases(ACCOUNT);
	const triggers = triggerCases(ACCOUNT);
	try {
		if (!(await prepare(run, [...actions, ...triggers]))) return;
		const server = await start(run);
		if (!server) return;
		// The action nodes run while n8n retries the failing triggers' activation. The failing
		// triggers come before the succeeding ones: the failing push trigger (Take Over on) could
		// otherwise take the organisation's push URL from the succeeding one before it is refused.
		await Promise.all([
			...triggers.map((one) => refusedOnActivation(run, server, one)),
			runActions(run, server, actions),
		]);
		// The triggers' first calls then renew the stored token with its refresh token.
		run.suite.sandbox.control.expireAccessTokens();
		await triggerRuns(run, server, triggers);
	} finally {
		const { running } = run;
		if (running) {
			await running.stop();
			process.off('exit', running.killNow);
			run.written.push({ where: 'the console output of n8n start', text: running.log() });
		}
	}
}

async function prepare(run: DebugRun, cases: NodeCase[]): Promise<boolean> {
	const { suite, session } = run;
	return suite.check(
		`debug log level: a user folder of its own with the credential, one with a wrong AppKey, and a succeeding and a failing workflow for each of the ${cases.length} nodes`,
		async () => {
			const account = suite.state().accounts.find((a) => a.accountName === ACCOUNT);
			assert(account?.status === 0, `the sandbox has no active account ${ACCOUNT}`);
			const { orgOpenId, appId, authCode, domain, baseUrl } = suite.sandbox.credential;
			const data = { orgOpenId, appId, appSecret: authCode, domain, baseUrl };
			const output = (name: string, res: CommandResult) =>
				run.written.push({ where: `the output of ${name}`, text: res.stdout + res.stderr });
			const credentials = await suite.command('import:credentials (debug level)', () =>
				session.importCredentials([
					{ ...CREDENTIAL, type: CREDENTIAL_TYPE, data },
					{
						...WRONG_KEY_CREDENTIAL,
						type: CREDENTIAL_TYPE,
						data: { ...data, appSecret: run.wrongKey },
					},
				]),
			);
			output('import:credentials', credentials);
			const workflows = await suite.command('import:workflow (debug level)', () =>
				session.importWorkflow(cases.flatMap((one) => [one.succeeds, one.fails])),
			);
			output('import:workflow', workflows);
			return session.userFolder;
		},
	);
}

async function start(run: DebugRun): Promise<Server | undefined> {
	let server: Server | undefined;
	await run.suite.check(
		'debug log level: n8n start (N8N_LOG_LEVEL=debug, N8N_LOG_OUTPUT=console,file), signed in as the owner',
		async () => {
			const { port, env } = await serverEnv();
			const serving = await createN8nSession({
				customExtensions: run.suite.extensionDir,
				provided: run.session.provided,
				userFolder: run.session.userFolder,
				env: { ...(run.session.env as Record<string, string>), ...env },
			});
			const running = await startN8n(serving, port);
			run.running = running;
			process.once('exit', running.killNow);
			const rest = await signInAsOwner(running);
			server = { running, rest, executions: new ExecutionReader(rest, run.session.provided) };
			return running.baseUrl;
		},
	);
	return server;
}

async function refusedOnActivation(run: DebugRun, server: Server, one: NodeCase): Promise<void> {
	// n8n retries a polling trigger's failing first poll for about 15 s before it gives up.
	const refusal = await publish(server.rest, one.fails.id).then(
		() => undefined,
		(error: unknown) => describeError(error),
	);
	run.written.push({ where: `the REST answer publishing ${one.fails.id}`, text: refusal ?? '' });
	await run.suite.check(
		`debug log level: ${one.type} with ${one.failsBy} is refused on activation`,
		() => {
			assert(refusal, `${one.fails.id} was published`);
			return oneLine(refusal, 160);
		},
	);
}

async function runActions(run: DebugRun, server: Server, cases: NodeCase[]): Promise<void> {
	for (const one of cases)
		if (await publishAction(run, server, one)) await actionRuns(run, server, one);
}

async function publishAction(run: DebugRun, server: Server, one: NodeCase): Promise<boolean> {
	return run.suite.check(`debug log level: ${one.type}'s two webhook workflows published`, () =>
		Promise.all([one.succeeds, one.fails].map((w) => publish(server.rest, w.id))).then(() => {}),
	);
}

/** The node's two workflows called through their webhooks: the first succeeds, the second fails. */
async function actionRuns(run: DebugRun, server: Server, one: NodeCase): Promise<void> {
	await run.suite.check(
		`debug log level: ${one.type} succeeds on ${ACCOUNT}, fails on ${one.failsBy}`,
		async () => {
			const ok = await callWebhook(run, server, one.succeeds.id);
			const bad = await callWebhook(run, server, one.fails.id);
			assert(ok.execution.status === 'success', `${one.succeeds.id}: ${failureOf(ok.execution)}`);
			assert(ok.status === 200, `${one.succeeds.id}: the webhook answered ${ok.status}`);
			assert(bad.execution.status === 'error', `${one.fails.id}: ${bad.execution.status}`);
			return failureOf(bad.execution);
		},
	);
}

async function callWebhook(
	run: DebugRun,
	server: Server,
	workflowId: string,
): Promise<{ status: number; execution: Execution }> {
	const before = await server.executions.list(workflowId);
	const res = await fetch(`${server.running.baseUrl}/webhook/${workflowId}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
		signal: AbortSignal.timeout(EXECUTION_TIMEOUT_MS),
	});
	run.written.push({ where: `the webhook answer of ${workflowId}`, text: await res.text() });
	const [execution] = await server.executions.waitFor(
		workflowId,
		'its execution',
		(runs) => runs.length > 0,
		{
			afterId: before.length ? before[before.length - 1].id : undefined,
			timeoutMs: EXECUTION_TIMEOUT_MS,
		},
	);
	run.written.push(executionWritten(execution, workflowId));
	return { status: res.status, execution };
}

function executionWritten(execution: Execution, workflowId: string): Written {
	return {
		where: `execution #${execution.id} of ${workflowId} (REST)`,
		text: JSON.stringify(execution.run),
	};
}

/** The succeeding triggers published, events caused, one successful execution of each awaited. */
async function triggerRuns(run: DebugRun, server: Server, cases: NodeCase[]): Promise<void> {
	const { suite } = run;
	const published = await suite.check(
		`debug log level: ${cases.map((one) => one.type).join(', ')} on ${ACCOUNT} published`,
		async () => {
			await Promise.all(cases.map((one) => publish(server.rest, one.succeeds.id)));
		},
	);
	if (!published) return;
	await suite.check(
		'debug log level: events caused (a department, mail to the mailbox, an admin log entry, a forwarding change)',
		() => causeEvents(suite),
	);
	await Promise.all(
		cases.map((one) =>
			suite.check(
				`debug log level: ${one.type} ran a successful execution on its event`,
				async () => {
					const done = await server.executions.waitFor(
						one.succeeds.id,
						'a successful execution',
						(runs) => runs.some((execution) => execution.status === 'success'),
						{ timeoutMs: EXECUTION_TIMEOUT_MS },
					);
					run.written.push(
						...done.map((execution) => executionWritten(execution, one.succeeds.id)),
					);
					const failed = done.map(failureOf).filter(Boolean);
					assert(failed.length === 0, failed.join('; '));
					return `${done.length} execution(s)`;
				},
			),
		),
	);
}

async function causeEvents(suite: Suite): Promise<string> {
	const driver = new PlatformDriver(suite.sandbox);
	const stamp = Date.now().toString(36);
	await driver.call('/api/open/unit/createUnit', { unitName: `Secrets check ${stamp}` });
	suite.sandbox.control.deliverMail({
		to: ACCOUNT,
		from: 'someone@example.org',
		subject: `Secrets check ${stamp}`,
		text: 'For the secrets check at debug log level.',
	});
	suite.sandbox.control.addLogEntries({
		kind: 'adminOperation',
		entries: [{ module: 'account', action: 'secrets-check' }],
	});
	await driver.call('/api/open/mailaccount/updateForward', {
		accountName: ACCOUNT,
		enabled: 1,
		addresses: `forward-${stamp}@example.org`,
		keepCopy: 1,
	});
	return `stamp ${stamp}`;
}

/** Every secret of the run in the debug run's log files, outputs, answers and database. */
async function searchWritten(run: DebugRun): Promise<void> {
	const { suite, session } = run;
	await suite.check(
		"no AppKey, access, refresh or SSO token in n8n's debug log files, console output, answers, stored executions or database",
		async () => {
			const stored = await session.exportCredentialsDecrypted();
			const secrets = runSecrets(suite, [
				{ kind: 'AppKey (the wrong one)', value: run.wrongKey },
				...stored.flatMap(({ data }) => [
					{ kind: 'access token', value: String(data.accessToken ?? '') },
					{ kind: 'refresh token', value: String(data.refreshToken ?? '') },
				]),
			]);
			const kinds = countKinds(secrets);
			const handled = new Set(secrets.map((secret) => secret.kind));
			for (const kind of ['AppKey', 'access token', 'refresh token', 'SSO token'])
				assert(handled.has(kind), `the run handled no ${kind}, so none was looked for (${kinds})`);
			const logs = await Promise.all((await filesUnder(run.logDir)).map(readWritten));
			assert(logs.length > 0, `n8n wrote no log file in ${run.logDir}`);
			// n8n's own folder: the SQLite database (execution and static data; credentials are
			// encrypted), the event log (n8nEventLog*.log), binary data.
			const own = await Promise.all(
				(await filesUnder(path.join(session.userFolder, '.n8n'))).map(readWritten),
			);
			const leaks = findLeaks(secrets, [...run.written, ...logs, ...own]);
			expectNoLeak(leaks);
			const debugLines = logs.reduce((sum, log) => sum + log.text.split('\n').length - 1, 0);
			assert(debugLines > 0, `n8n's log files in ${run.logDir} are empty`);
			return [
				`${kinds} checked against`,
				`${logs.length} log file(s) (${amount(logs)}, ${debugLines} lines at debug level),`,
				`${own.length} files of n8n's folder, its database among them (${amount(own)}),`,
				`${run.written.length} console outputs, REST and webhook answers and executions (${amount(run.written)})`,
			].join(' ');
		},
	);
}

/** "1.2 MiB" or "34 KiB": the size of the texts searched, as stored or sent (UTF-8). */
function amount(texts: Array<Written & { bytes?: number }>): string {
	const bytes = texts.reduce((sum, text) => sum + (text.bytes ?? Buffer.byteLength(text.text)), 0);
	return bytes >= 1024 * 1024
		? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
		: `${Math.round(bytes / 1024)} KiB`;
}

/** Every file below `dir` (none if it does not exist). */
async function filesUnder(dir: string): Promise<string[]> {
	const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
	const nested = await Promise.all(
		entries.map((entry) => {
			const full = path.join(dir, entry.name);
			return entry.isDirectory() ? filesUnder(full) : Promise.resolve(entry.isFile() ? [full] : []);
		}),
	);
	return nested.flat();
}

/** Log files as UTF-8 (readable excerpts); anything else byte by byte (secrets are ASCII). */
async function readWritten(file: string): Promise<Written & { bytes: number }> {
	const bytes = await fs.readFile(file);
	const text = bytes.toString(file.endsWith('.log') ? 'utf8' : 'latin1');
	return { where: file, text, bytes: bytes.length };
}
