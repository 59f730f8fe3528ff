/**
 * `n8n start` as a long-running process on a free loopback port, for the checks that need a
 * running n8n (the editor check, published webhooks, active triggers): its environment, starting
 * it until it is ready (/healthz, /rest/settings and the "Editor is now accessible" line), and
 * stopping it; n8n's REST API signed in as the owner, and publishing workflows through it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';

import { OWNER } from './editor-server';
import { createN8nSession, freePort, type N8nSession } from './n8n';

export interface RunningN8n {
	baseUrl: string;
	port: number;
	/** Process id of `n8n start` (the leader of its process group). */
	pid: number;
	/** Everything n8n printed so far (stdout and stderr interleaved). */
	log(): string;
	/** Stops n8n (SIGTERM to its process group, SIGKILL after 10 s) and waits for it to exit. */
	stop(): Promise<void>;
	/** Synchronous SIGKILL of the process group, for a process 'exit' handler. */
	killNow(): void;
}

/** Environment for `n8n start` on a free loopback port (or `port`); pass it as the session's `env`. */
export async function serverEnv(
	port?: number,
): Promise<{ port: number; env: Record<string, string> }> {
	port ??= await freePort();
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
/**
 * An n8n command in its own process group (so stopping it also ends the task runner it spawns),
 * its output kept; stop() sends SIGTERM to the group, SIGKILL after `graceMs`.
 */
export function spawnN8n(session: N8nSession, args: string[], graceMs: number) {
	let output = '';
	const child: ChildProcess = spawn(session.provided.node, [session.provided.n8n, ...args], {
		env: session.env,
		cwd: session.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
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
	return {
		pid: child.pid ?? 0,
		log: () => output,
		exited: () => exited,
		kill,
		async stop(): Promise<void> {
			if (exited !== null || child.pid === undefined) return;
			kill('SIGTERM');
			const timer = setTimeout(() => kill('SIGKILL'), graceMs);
			await closed;
			clearTimeout(timer);
		},
	};
}

export async function startN8n(
	session: N8nSession,
	port: number,
	timeoutMs = 90_000,
): Promise<RunningN8n> {
	const baseUrl = `http://127.0.0.1:${port}`;
	const n8n = spawnN8n(session, ['start'], 10_000);
	const { stop, kill } = n8n;

	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (n8n.exited() !== null) {
			throw new Error(
				`n8n start exited (${n8n.exited()}) before answering /healthz:\n${tail(n8n.log())}`,
			);
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`n8n did not answer ${baseUrl}/healthz within ${timeoutMs} ms:\n${tail(n8n.log())}`,
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
			if (ready && n8n.log().includes('Editor is now accessible')) break;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	return {
		baseUrl,
		port,
		pid: n8n.pid,
		log: n8n.log,
		stop,
		killNow: () => kill('SIGKILL'),
	};
}

/**
 * `n8n start` on a free loopback port (or `port`, e.g. the one of an earlier start), WEBHOOK_URL
 * set to it, on another session's user folder, with its encryption key, custom extensions and
 * file-access root: the same database, workflows and credentials. The caller stops it (and may
 * register `killNow` for the process 'exit').
 */
export async function startBeside(
	session: N8nSession,
	opts: { port?: number; timeoutMs?: number } = {},
): Promise<RunningN8n> {
	const { port, env } = await serverEnv(opts.port);
	const server = await createN8nSession({
		customExtensions: String(session.env.N8N_CUSTOM_EXTENSIONS ?? '').split(';'),
		provided: session.provided,
		userFolder: session.userFolder,
		encryptionKey: session.env.N8N_ENCRYPTION_KEY,
		env: { N8N_RESTRICT_FILE_ACCESS_TO: session.env.N8N_RESTRICT_FILE_ACCESS_TO ?? '', ...env },
	});
	return startN8n(server, port, opts.timeoutMs);
}

export function tail(text: string, lines = 40): string {
	return text.trim().split('\n').slice(-lines).join('\n');
}

/** n8n's own REST API (`/rest/...`, what its editor uses), signed in as the instance owner. */
export interface N8nRest {
	/** The `data` of a JSON answer; throws with the status and body on anything but 2xx. */
	get<T>(path: string): Promise<T>;
	post<T>(path: string, body?: unknown): Promise<T>;
}

/**
 * Signs in to a running n8n as the owner: creates the owner (POST /rest/owner/setup) on a fresh
 * user folder, or logs in (POST /rest/login) when it exists. n8n binds its auth cookie to a
 * browser id, sent with every request as the `browser-id` header.
 */
export async function signInAsOwner(server: RunningN8n): Promise<N8nRest> {
	const browserId = randomUUID();
	let cookie = '';
	const send = (method: string, route: string, body?: unknown) =>
		fetch(`${server.baseUrl}/rest${route}`, {
			method,
			headers: {
				'browser-id': browserId,
				...(cookie ? { cookie } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
	const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
		const res = await send(method, route, body).catch((error: Error) => {
			// A kept-alive connection n8n closed just as it was reused fails before n8n read
			// the request ("other side closed"): send it once more on a new connection.
			if (!isClosedSocket(error)) throw withCause(error, method, route);
			return send(method, route, body).catch((again: Error) => {
				throw withCause(again, method, route);
			});
		});
		const text = await res.text();
		const auth = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (auth) cookie = auth.split(';')[0];
		if (!res.ok)
			throw new Error(`${method} /rest${route} answered ${res.status}: ${text.slice(0, 300)}`);
		return (text ? (JSON.parse(text) as { data: T }).data : undefined) as T;
	};
	try {
		await call('POST', '/owner/setup', OWNER);
	} catch (setupError) {
		// The owner exists already (an earlier `n8n start` on this user folder): log in instead.
		await call('POST', '/login', {
			emailOrLdapLoginId: OWNER.email,
			password: OWNER.password,
		}).catch((loginError: Error) => {
			throw new Error(`${(setupError as Error).message}; then ${loginError.message}`);
		});
	}
	if (!cookie) throw new Error('n8n set no n8n-auth cookie when signing in as the owner');
	return {
		get: (route) => call('GET', route),
		post: (route, body) => call('POST', route, body ?? {}),
	};
}

interface PublicationStatus {
	status: 'published' | 'partial' | 'failed' | 'in_progress' | 'not_published';
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

/**
 * Waits until n8n reports the workflow published with every trigger activated
 * (GET /rest/workflows/:id/publication-status, n8n's publication service); throws with the
 * triggers' errors when their activation failed, or at the deadline.
 */
export async function untilPublished(
	rest: N8nRest,
	workflowId: string,
	timeoutMs = 60_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const state = await rest.get<PublicationStatus>(`/workflows/${workflowId}/publication-status`);
		if (state.status === 'published') return;
		if (state.status === 'failed' || state.status === 'partial') {
			const errors = state.triggers
				.filter((trigger) => trigger.errorMessage)
				.map((trigger) => `${trigger.nodeId}: ${trigger.errorMessage}`);
			throw new Error(`${workflowId} is ${state.status}: ${errors.join('; ') || 'no error given'}`);
		}
		if (Date.now() > deadline)
			throw new Error(`${workflowId} is still ${state.status} after ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

/** Publishes the workflow's current version through the REST API and waits until it is live. */
export async function publish(
	rest: N8nRest,
	workflowId: string,
	timeoutMs?: number,
): Promise<void> {
	const { versionId } = await rest.get<{ versionId: string }>(`/workflows/${workflowId}`);
	await rest.post(`/workflows/${workflowId}/activate`, { versionId });
	await untilPublished(rest, workflowId, timeoutMs);
}

function isClosedSocket(error: Error): boolean {
	const cause = (error as { cause?: { code?: string } }).cause;
	return cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET';
}

/** fetch says only "fetch failed"; the reason is in its cause. */
function withCause(error: Error, method: string, route: string): Error {
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	return new Error(
		`${method} /rest${route}: ${error.message}${cause ? ` (${cause.code ?? cause.message})` : ''}`,
	);
}
