/**
 * `n8n start` as a long-running process on a free loopback port, for the checks that need a
 * running n8n (the editor check, published webhooks): its environment, starting it until it is
 * ready (/healthz, /rest/settings and the "Editor is now accessible" line), and stopping it.
 */
import { spawn, type ChildProcess } from 'node:child_process';

import { freePort, type N8nSession } from './n8n';

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
