/**
 * Drives a real n8n CLI (provided by provide-n8n.sh: n8n on Node 24, cached outside the repo)
 * against a throwaway user folder: import credentials and workflows, execute a workflow by id,
 * export decrypted credentials. Every call is one n8n process on the same SQLite database.
 *
 * All calls are asynchronous on purpose: an end-to-end check usually serves a mock HTTP API from
 * the same Node process, which a blocking spawnSync would starve.
 *
 *   const n8n = await createN8nSession({ customExtensions: '/abs/path/to/dist' });
 *   await n8n.importCredentials([{ id: 'c1', name: 'Test', type: 'myApi', data: { ... } }]);
 *   await n8n.importWorkflow('/abs/path/wf.json');   // workflow JSON with an "id"
 *   const { exitCode, json } = await n8n.execute('wf1');
 *   await n8n.cleanup();
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** Fixed key so that imported plain credentials are encrypted the same way in every command. */
export const TEST_ENCRYPTION_KEY = 'n8n-nodes-netease-e2e-fixed-test-encryption-key';

export const PROVIDE_SCRIPT = path.join(__dirname, 'provide-n8n.sh');

export interface ProvidedN8n {
	/** Node 24 binary. */
	node: string;
	/** n8n CLI entry point (node_modules/n8n/bin/n8n), run as `<node> <n8n> <command>`. */
	n8n: string;
}

/** provide-n8n.sh exited non-zero (3 = n8n could not be provided; the message says why). */
export class N8nUnavailableError extends Error {
	constructor(
		message: string,
		readonly exitCode: number | null,
	) {
		super(message);
		this.name = 'N8nUnavailableError';
	}
}

export interface CommandResult {
	/** Process exit code; null when the process ended through a signal (see `signal`). */
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	/** Milliseconds the n8n process took. */
	durationMs: number;
}

export interface ExecuteResult extends CommandResult {
	/** Run data printed by `execute --rawOutput`, parsed from the first `{`; undefined if none. */
	json: unknown;
}

export interface N8nSessionOptions {
	/** Folder(s) with compiled `*.node.js` / `*.credentials.js` (N8N_CUSTOM_EXTENSIONS). */
	customExtensions: string | string[];
	/** Empty folder to use as N8N_USER_FOLDER; default: a new temp folder, removed by cleanup(). */
	userFolder?: string;
	encryptionKey?: string;
	/** Extra environment for every n8n command (wins over the defaults). */
	env?: Record<string, string>;
	/** Skip provide-n8n.sh and use these paths. */
	provided?: ProvidedN8n;
	/** Per-command timeout in ms (default 180000). */
	timeoutMs?: number;
}

interface Spawned {
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

function run(
	cmd: string,
	args: string[],
	opts: {
		env?: NodeJS.ProcessEnv;
		cwd?: string;
		timeoutMs: number;
		echoStderr?: boolean;
		onSpawn?: (pid: number) => void;
		/**
		 * The child's stdout goes to this file (read, then removed, when it ends) instead of a pipe:
		 * Node writes to a pipe asynchronously on Linux, so output still queued when the child calls
		 * process.exit() (n8n does, right after printing) is lost whenever this process reads slowly.
		 */
		stdoutFile?: string;
	},
): Promise<Spawned> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const stdoutFd = opts.stdoutFile ? openSync(opts.stdoutFile, 'w') : undefined;
		const child = spawn(cmd, args, {
			env: opts.env,
			cwd: opts.cwd,
			stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'],
		});
		if (stdoutFd !== undefined) closeSync(stdoutFd);
		if (child.pid !== undefined) opts.onSpawn?.(child.pid);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr?.on('data', (d: Buffer) => {
			stderr += d.toString();
			if (opts.echoStderr) process.stderr.write(d);
		});
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			stderr += `\n[n8n.ts] killed after ${opts.timeoutMs} ms`;
		}, opts.timeoutMs);
		child.on('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const durationMs = Date.now() - started;
			const file = opts.stdoutFile;
			const fromFile = file
				? fs.readFile(file, 'utf8').finally(() => fs.rm(file, { force: true }))
				: Promise.resolve(stdout);
			fromFile.then(
				(out) => resolve({ exitCode: code, signal, stdout: out, stderr, durationMs }),
				reject,
			);
		});
	});
}

/** Runs provide-n8n.sh (cached: about a second after the first time; progress goes to stderr). */
export async function provideN8n(opts: { timeoutMs?: number } = {}): Promise<ProvidedN8n> {
	const res = await run('bash', [PROVIDE_SCRIPT], {
		env: process.env,
		timeoutMs: opts.timeoutMs ?? 45 * 60_000,
		echoStderr: true,
	});
	const vars = Object.fromEntries(
		res.stdout
			.split('\n')
			.map((l) => /^(N8N_E2E_\w+)=(.*)$/.exec(l.trim()))
			.filter((m): m is RegExpExecArray => m !== null)
			.map((m) => [m[1], m[2]]),
	);
	if (res.exitCode !== 0 || !vars.N8N_E2E_NODE || !vars.N8N_E2E_N8N) {
		const why = res.stderr.trim().split('\n').slice(-5).join('\n');
		throw new N8nUnavailableError(`provide-n8n.sh exited ${res.exitCode}: ${why}`, res.exitCode);
	}
	return { node: vars.N8N_E2E_NODE, n8n: vars.N8N_E2E_N8N };
}

/** A TCP port that was free a moment ago (for N8N_RUNNERS_BROKER_PORT). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/** Parses the JSON that n8n prints after its log lines: from the first line starting with `{`. */
export function parseJsonOutput(stdout: string): unknown {
	const starts: number[] = [];
	const lineStart = stdout.search(/^\{/m);
	if (lineStart >= 0) starts.push(lineStart);
	const anyBrace = stdout.indexOf('{');
	if (anyBrace >= 0 && anyBrace !== lineStart) starts.push(anyBrace);
	for (const start of starts) {
		const text = stdout.slice(start);
		for (const candidate of [text, text.slice(0, text.lastIndexOf('}') + 1)]) {
			try {
				return JSON.parse(candidate);
			} catch {
				// try the next candidate
			}
		}
	}
	return undefined;
}

export interface ExecuteOptions {
	/** Called with the n8n process id once it started (e.g. to sample its memory). */
	onSpawn?: (pid: number) => void;
	/** This command's timeout in ms, instead of the session's. */
	timeoutMs?: number;
}

export interface N8nSession {
	readonly userFolder: string;
	/** Environment every command runs with (for debugging, or for running extra commands). */
	readonly env: NodeJS.ProcessEnv;
	readonly provided: ProvidedN8n;
	/** Runs `n8n <args...>`; never throws on a non-zero exit. */
	run(args: string[]): Promise<CommandResult>;
	/** `import:credentials` from a file, or from an array of {id, name, type, data} (plain data). */
	importCredentials(fileOrCredentials: string | object[]): Promise<CommandResult>;
	/** `import:workflow` from a file or a workflow object (give it an `id`). */
	importWorkflow(fileOrWorkflow: string | object): Promise<CommandResult>;
	/** `execute --id=<id> --rawOutput`: exit code 1 means the execution failed. */
	execute(workflowId: string, options?: ExecuteOptions): Promise<ExecuteResult>;
	/** `export:credentials --all --decrypted`, as the parsed array. */
	exportCredentialsDecrypted(): Promise<
		Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>
	>;
	/** Removes the user folder if this session created it. */
	cleanup(): Promise<void>;
}

export async function createN8nSession(opts: N8nSessionOptions): Promise<N8nSession> {
	const provided = opts.provided ?? (await provideN8n());
	const ownsFolder = !opts.userFolder;
	const userFolder = opts.userFolder ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-user-')));
	await fs.mkdir(userFolder, { recursive: true });
	const extensions = (
		Array.isArray(opts.customExtensions) ? opts.customExtensions : [opts.customExtensions]
	).map((p) => path.resolve(p));
	const timeoutMs = opts.timeoutMs ?? 180_000;

	const env: NodeJS.ProcessEnv = { ...process.env };
	// Loader hooks of the calling process (tsx, ts-node, jest) must not leak into n8n.
	delete env.NODE_OPTIONS;
	Object.assign(env, {
		PATH: `${path.dirname(provided.node)}${path.delimiter}${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: opts.encryptionKey ?? TEST_ENCRYPTION_KEY,
		N8N_CUSTOM_EXTENSIONS: extensions.join(';'),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'info', // the execute result is printed through the logger at info level
		N8N_LOG_OUTPUT: 'console',
		N8N_SSRF_PROTECTION_ENABLED: 'false', // off by default in 2.40; e2e checks talk to a loopback mock API
		N8N_NO_COLOR: 'true',
		...opts.env,
	});

	const runN8n = async (
		args: string[],
		options: ExecuteOptions & { stdoutFile?: string } = {},
	): Promise<CommandResult> =>
		run(provided.node, [provided.n8n, ...args], {
			env,
			cwd: userFolder,
			timeoutMs: options.timeoutMs ?? timeoutMs,
			onSpawn: options.onSpawn,
			stdoutFile: options.stdoutFile,
		});

	const toFile = async (name: string, content: string | object): Promise<string> => {
		if (typeof content === 'string') return path.resolve(content);
		const file = path.join(
			userFolder,
			`${name}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
		);
		await fs.writeFile(file, JSON.stringify(content, null, 2));
		return file;
	};

	return {
		userFolder,
		env,
		provided,
		run: (args) => runN8n(args),
		importCredentials: async (c) =>
			runN8n(['import:credentials', `--input=${await toFile('credentials', c)}`]),
		importWorkflow: async (w) =>
			runN8n(['import:workflow', `--input=${await toFile('workflow', w)}`]),
		async execute(workflowId, options) {
			// Through a file: the run data can be megabytes, see run()'s stdoutFile.
			const stdoutFile = path.join(
				userFolder,
				`execute-stdout-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`,
			);
			const res = await runN8n(['execute', `--id=${workflowId}`, '--rawOutput'], {
				...options,
				stdoutFile,
			});
			return { ...res, json: parseJsonOutput(res.stdout) };
		},
		async exportCredentialsDecrypted() {
			const out = path.join(userFolder, `export-credentials-${Date.now()}.json`);
			const res = await runN8n(['export:credentials', '--all', '--decrypted', `--output=${out}`]);
			if (res.exitCode !== 0) {
				throw new Error(`export:credentials exited ${res.exitCode}: ${res.stderr || res.stdout}`);
			}
			const parsed: unknown = JSON.parse(await fs.readFile(out, 'utf8'));
			await fs.rm(out, { force: true });
			return parsed as Awaited<ReturnType<N8nSession['exportCredentialsDecrypted']>>;
		},
		async cleanup() {
			if (ownsFolder) await fs.rm(userFolder, { recursive: true, force: true });
		},
	};
}
