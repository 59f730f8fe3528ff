/**
 * Helpers for the editor check (scripts/e2e/editor.ts) that scripts/e2e/n8n.ts does not have:
 * installing Debian's Chromium, running `n8n start` as a long-running process on loopback (ready
 * once /healthz, /rest/settings and the "Editor is now accessible" line are there), the owner
 * account's data, and a private copy of dist/ for N8N_CUSTOM_EXTENSIONS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort, type N8nSession } from './n8n';

export const CHROMIUM = '/usr/bin/chromium';

/** Flags these machines need for headless Chromium (see the environment notes). */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function runInherit(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
	return new Promise((resolve, reject) => {
		console.log(`[editor] $ ${cmd} ${args.join(' ')}`);
		const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
		child.on('error', reject);
		child.on('close', (code) => resolve(code));
	});
}

/** A font with Chinese glyphs, so department and account names render in the screenshots. */
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/**
 * Installs Debian's `chromium` package when /usr/bin/chromium is missing, and the Noto CJK fonts
 * when they are (needs root).
 */
export async function ensureChromium(): Promise<void> {
	const packages = [
		...(existsSync(CHROMIUM) ? [] : ['chromium']),
		...(existsSync(CJK_FONT) ? [] : ['fonts-noto-cjk']),
	];
	if (packages.length === 0) return;
	console.log(`[editor] installing Debian's ${packages.join(' and ')}`);
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`not root: install them with apt-get update && apt-get install -y ${packages.join(' ')}`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = await runInherit('apt-get', ['update'], env);
	if (update !== 0) throw new Error(`apt-get update exited ${update}`);
	const install = await runInherit(
		'apt-get',
		['install', '-y', '--no-install-recommends', ...packages],
		env,
	);
	if (install !== 0 || !existsSync(CHROMIUM)) {
		throw new Error(
			`apt-get install -y ${packages.join(' ')} exited ${install}; ${CHROMIUM} ${existsSync(CHROMIUM) ? 'exists' : 'is still missing'}`,
		);
	}
}

export interface RunningN8n {
	baseUrl: string;
	port: number;
	/** Everything n8n printed so far (stdout and stderr interleaved). */
	log(): string;
	/** Stops n8n (SIGTERM to its process group, SIGKILL after 10 s) and waits for it to exit. */
	stop(): Promise<void>;
	/** Synchronous SIGKILL of the process group, for a process 'exit' handler. */
	killNow(): void;
}

/** Environment for `n8n start` on a free loopback port; pass it as the session's `env`. */
export async function serverEnv(): Promise<{ port: number; env: Record<string, string> }> {
	const port = await freePort();
	return {
		port,
		env: {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_PUBLIC_API_DISABLED: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			// its refresh task calls api.n8n.io on start; everything here stays on loopback
			N8N_DISABLED_MODULES: 'mcp-registry',
		},
	};
}

/**
 * Starts `n8n start` with the session's environment (its N8N_PORT must be `port`) and waits until
 * GET /healthz and GET /rest/settings answer 200. Throws (after stopping it) if n8n exits or does not answer in time.
 */
export async function startN8n(
	session: N8nSession,
	port: number,
	timeoutMs = 90_000,
): Promise<RunningN8n> {
	const baseUrl = `http://127.0.0.1:${port}`;
	let output = '';
	const child: ChildProcess = spawn(session.provided.node, [session.provided.n8n, 'start'], {
		env: session.env,
		cwd: session.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group, so stop() also ends the task runner it spawns
	});
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	let exited: number | string | null = null;
	const closed = new Promise<void>((resolve) =>
		child.on('close', (code, signal) => {
			exited = code ?? signal ?? 'unknown';
			resolve();
		}),
	);

	const kill = (sig: NodeJS.Signals) => {
		if (exited !== null || child.pid === undefined) return;
		try {
			process.kill(-child.pid, sig);
		} catch {
			// already gone
		}
	};
	const stop = async (): Promise<void> => {
		if (exited !== null || child.pid === undefined) return;
		kill('SIGTERM');
		const timer = setTimeout(() => kill('SIGKILL'), 10_000);
		await closed;
		clearTimeout(timer);
	};

	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited !== null) {
			throw new Error(`n8n start exited (${exited}) before answering /healthz:\n${tail(output)}`);
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`n8n did not answer ${baseUrl}/healthz within ${timeoutMs} ms:\n${tail(output)}`,
			);
		}
		try {
			// /healthz answers before the REST routes are mounted; /rest/settings comes last.
			const health = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
			const settings = health.ok
				? await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(2_000) })
				: undefined;
			// while starting up n8n answers every path with 200 and a plain-text "starting up" page
			const ready = settings?.ok && (settings.headers.get('content-type') ?? '').includes('json');
			if (ready && output.includes('Editor is now accessible')) break;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	return { baseUrl, port, log: () => output, stop, killNow: () => kill('SIGKILL') };
}

export function tail(text: string, lines = 40): string {
	return text.trim().split('\n').slice(-lines).join('\n');
}

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Editor',
	lastName: 'Check',
	password: 'EditorCheck-Passw0rd',
};

/**
 * Copies the built package (dist/) to a new temp folder for N8N_CUSTOM_EXTENSIONS, so that another
 * `npm run build` (rimraf dist) running meanwhile cannot pull files from under the running n8n.
 * Retries while a concurrent build has left dist/ incomplete.
 */
export async function snapshotDist(dist: string, required: string[]): Promise<string> {
	for (let attempt = 1; ; attempt++) {
		const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-editor-dist-'));
		try {
			await fs.cp(dist, copy, { recursive: true });
			const missing = required.filter((f) => !existsSync(path.join(copy, f)));
			if (missing.length === 0) return copy;
			throw new Error(`missing in ${dist}: ${missing.join(', ')}`);
		} catch (error) {
			await fs.rm(copy, { recursive: true, force: true });
			if (attempt >= 5)
				throw new Error(`could not copy a complete ${dist}: ${(error as Error).message}`);
			await new Promise((r) => setTimeout(r, 2_000));
		}
	}
}
