import {
	createServer,
	STATUS_CODES,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import { CONTROL_PREFIX, handleControlRequest, type SandboxControl } from './control';
import { errorEnvelope, PlatformError, successEnvelope, type Envelope } from './envelope';
import type { PendingFault } from './faults';
import { lowerCaseHeaders, normaliseAddress, parseJsonObject, readBody, sendJson } from './http';
import type { RequestRecord, TokenKind } from './recorder';
import { platformRoutes } from './routes';
import { authKindFor, type RouteContext, type RouteHandler } from './routes/route';
import type { Runtime } from './runtime';

export function createSandboxServer(rt: Runtime, control: SandboxControl): Server {
	return createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const isControl =
			url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
		const handled = isControl
			? handleControlRequest(rt, control, req, res, url)
			: handlePlatformCall(rt, req, res, url);
		handled.catch(() => {
			if (!res.headersSent) res.writeHead(500).end();
			else res.destroy();
		});
	});
}

/**
 * One platform call: rate limit → latency → route/JSON check → fault → auth, permission → handler → envelope.
 * Always HTTP 200 with the envelope, except for `drop` / `lostResponse` / `httpStatus` faults
 * (`slowResponse` answers the envelope, late).
 */
async function handlePlatformCall(
	rt: Runtime,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	const path = url.pathname;
	const headers = lowerCaseHeaders(req);
	const entry: Omit<RequestRecord, 'seq'> = {
		time: new Date().toISOString(),
		path,
		query: Object.fromEntries(url.searchParams),
		headers,
		body: undefined,
		code: null,
		tokenKind: tokenKindOf(path, headers),
	};
	const raw = await readBody(req);
	const body = parseJsonObject(raw);
	entry.body = body ?? raw;

	const allowed = rt.limiter.allow(rt.now(), rt.config.rateLimit.perSecond);
	if (rt.config.latencyMs > 0) await sleep(rt.config.latencyMs);

	const answer = (envelope: Envelope) => {
		entry.code = envelope.code;
		rt.recorder.record(entry);
		sendJson(res, 200, envelope);
	};

	if (!allowed) {
		rt.recorder.stats.rateLimited++;
		return answer(errorEnvelope(new PlatformError(rt.config.rateLimit.code)));
	}
	const route = req.method === 'POST' ? platformRoutes[path] : undefined;
	if (!route) return answer(errorEnvelope(new PlatformError(-400, path)));
	if (!body) return answer(errorEnvelope(new PlatformError(-400, 'invalid JSON body')));

	const fault = rt.faults.take(path);
	if (fault) {
		rt.recorder.stats.faultsFired++;
		entry.fault = fault.kind;
		if (fault.kind !== 'lostResponse' && fault.kind !== 'slowResponse')
			return answerWithFault(rt, fault, entry, res, answer);
	}

	const remoteAddress = normaliseAddress(req.socket.remoteAddress);
	const ctx: RouteContext = {
		rt,
		path,
		body,
		query: entry.query,
		headers,
		remoteAddress,
		publicBaseUrl: req.headers.host ? `http://${req.headers.host}` : rt.baseUrl,
	};
	const envelope = await perform(route, ctx, entry);
	if (fault?.kind === 'slowResponse') return answerLate(rt, fault.delayMs!, entry, res, envelope);
	if (fault?.kind !== 'lostResponse') return answer(envelope);
	// The write happened; the caller never learns its outcome.
	entry.code = envelope.code;
	rt.recorder.record(entry);
	req.socket.destroy();
}

/**
 * The call was performed (and is logged now); its answer leaves only after `delayMs`, on a
 * connection held open meanwhile. A connection that closes first (the caller gave up, or the
 * sandbox is closing) takes the pending answer and its timer with it.
 */
function answerLate(
	rt: Runtime,
	delayMs: number,
	entry: Omit<RequestRecord, 'seq'>,
	res: ServerResponse,
	envelope: Envelope,
): void {
	entry.code = envelope.code;
	rt.recorder.record(entry);
	const timer = setTimeout(() => {
		if (!res.destroyed) sendJson(res, 200, envelope);
	}, delayMs);
	res.once('close', () => clearTimeout(timer));
}

function answerWithFault(
	rt: Runtime,
	fault: PendingFault,
	entry: Omit<RequestRecord, 'seq'>,
	res: ServerResponse,
	answer: (envelope: Envelope) => void,
): void {
	if (fault.kind === 'code')
		return answer(errorEnvelope(new PlatformError(fault.code!, fault.marker)));
	if (fault.kind === 'httpStatus') {
		entry.httpStatus = fault.status;
		rt.recorder.record(entry);
		const text = `${fault.status} ${STATUS_CODES[fault.status!] ?? 'Error'}`;
		res.writeHead(fault.status!, {
			'content-type': 'text/plain; charset=utf-8',
			'content-length': Buffer.byteLength(text),
		});
		res.end(text);
		return;
	}
	rt.recorder.record(entry);
	res.socket?.destroy();
}

/** Authentication, IP whitelist and API permission, then the handler. */
async function perform(
	route: RouteHandler,
	ctx: RouteContext,
	entry: Omit<RequestRecord, 'seq'>,
): Promise<Envelope> {
	const { rt, path, headers } = ctx;
	try {
		const authKind = authKindFor(path);
		if (authKind === 'access') {
			const whitelist = rt.config.ipWhitelist;
			if (whitelist && !whitelist.includes(ctx.remoteAddress)) throw new PlatformError(-201);
			rt.tokens.authorizeAccess(headers, rt.config, rt.now());
		} else if (authKind === 'sso') {
			rt.tokens.authorizeSso(headers, rt.now());
		}
		if (rt.config.deniedPaths.includes(path)) throw new PlatformError(-202);
		return successEnvelope(await route(ctx));
	} catch (error) {
		if (error instanceof PlatformError) return errorEnvelope(error);
		entry.error = error instanceof Error ? error.message : String(error);
		return errorEnvelope(new PlatformError(-1));
	}
}

function tokenKindOf(path: string, headers: Record<string, string>): TokenKind | undefined {
	if (path === '/api/pub/token/refresh') return 'refresh';
	if (headers['qiye-access-token']) return 'access';
	if (headers['qiye-sso-auth-token']) return 'sso';
	return undefined;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
