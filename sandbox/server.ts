import {
	createServer,
	STATUS_CODES,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import { recordAdminOperation } from './adminLog';
import { CONTROL_PREFIX, handleControlRequest, type SandboxControl } from './control';
import { errorEnvelope, PlatformError, successEnvelope, type Envelope } from './envelope';
import type { FaultKind, PendingFault } from './faults';
import {
	lowerCaseHeaders,
	MAX_BODY_BYTES,
	MAX_UPLOAD_BODY_BYTES,
	normaliseAddress,
	parseJsonObject,
	readBody,
	readBodyBytes,
	sendJson,
} from './http';
import {
	isMultipartFormData,
	MultipartError,
	multipartRecord,
	parseMultipart,
	type UploadedFile,
} from './multipart';
import type { Params } from './params';
import type { RequestRecord, TokenKind } from './recorder';
import { adminLoggedPaths, platformRoutes, uploadPaths } from './routes';
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

/** Faults that let the call be performed, then spoil its answer. */
const PERFORMING_FAULTS = new Set<FaultKind>(['lostResponse', 'slowResponse', 'restart']);

/**
 * One platform call: rate limit → latency → route/body check → fault → auth, permission → handler → envelope.
 * The body is JSON, except on upload paths (`sendMail`), which take multipart/form-data.
 * Always HTTP 200 with the envelope, except for `drop` / `lostResponse` / `httpStatus` / `restart`
 * faults (`slowResponse` answers the envelope, late). A call that a restart overtakes before it is
 * performed is abandoned.
 */
async function handlePlatformCall(
	rt: Runtime,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	const path = url.pathname;
	const generation = rt.generation;
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
	const parsed = await readPlatformBody(req, headers['content-type']);
	entry.body = parsed.record;

	const allowed = rt.limiter.allow(rt.now(), rt.config.rateLimit.perSecond);
	if (rt.config.latencyMs > 0) await sleep(rt.config.latencyMs);
	// A restart since the call arrived dropped its connection: it is abandoned, never performed.
	if (rt.generation !== generation) {
		entry.fault = 'restart';
		rt.recorder.record(entry);
		return;
	}

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
	const bodyProblem = uploadPaths.has(path)
		? parsed.kind === 'multipart'
			? undefined
			: new PlatformError(-400, 'invalid multipart/form-data body', parsed.problem)
		: parsed.kind === 'json'
			? undefined
			: new PlatformError(-400, 'invalid JSON body');
	if (bodyProblem) return answer(errorEnvelope(bodyProblem));
	const body = parsed.params!;

	const fault = rt.faults.take(path);
	if (fault) {
		rt.recorder.stats.faultsFired++;
		entry.fault = fault.kind;
		if (!PERFORMING_FAULTS.has(fault.kind)) return answerWithFault(rt, fault, entry, res, answer);
	}

	const remoteAddress = normaliseAddress(req.socket.remoteAddress);
	const ctx: RouteContext = {
		rt,
		path,
		body,
		files: parsed.files,
		query: entry.query,
		headers,
		remoteAddress,
		publicBaseUrl: req.headers.host ? `http://${req.headers.host}` : rt.baseUrl,
	};
	const envelope = await perform(route, ctx, entry);
	if (fault?.kind === 'slowResponse') return answerLate(rt, fault.delayMs!, entry, res, envelope);
	if (fault?.kind !== 'lostResponse' && fault?.kind !== 'restart') return answer(envelope);
	// The write happened; the caller never learns its outcome.
	entry.code = envelope.code;
	rt.recorder.record(entry);
	if (fault.kind === 'restart') {
		// The restart destroys this connection with the others; a failure to listen again shows in the next calls.
		rt.restart(fault.downMs ?? 0).catch(() => undefined);
	} else {
		req.socket.destroy();
	}
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

/**
 * Authentication, IP whitelist and API permission, then the handler. A write that succeeds
 * (`adminLoggedPaths`) appends its admin-operation log entry here, the one place for every route.
 */
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
		const data = await route(ctx);
		if (adminLoggedPaths.has(path)) recordAdminOperation(ctx, data);
		return successEnvelope(data);
	} catch (error) {
		if (error instanceof PlatformError) return errorEnvelope(error);
		entry.error = error instanceof Error ? error.message : String(error);
		return errorEnvelope(new PlatformError(-1));
	}
}

interface PlatformBody {
	kind: 'json' | 'multipart' | 'invalid';
	/** The JSON object, or the multipart text fields; null when invalid. */
	params: Params | null;
	files: UploadedFile[];
	/** What the request log keeps: the JSON object, the fields with file metadata, or the raw text. */
	record: unknown;
	/** Why an upload body is not usable multipart. */
	problem?: string;
}

/**
 * multipart/form-data when the Content-Type says so (up to 64 MiB), else JSON (up to 1 MiB; an
 * empty body is `{}`). Whether the path takes that kind is checked later, in the pipeline.
 */
async function readPlatformBody(
	req: IncomingMessage,
	contentType: string | undefined,
): Promise<PlatformBody> {
	if (!isMultipartFormData(contentType)) {
		const raw = await readBody(req);
		const params = parseJsonObject(raw);
		return {
			kind: params ? 'json' : 'invalid',
			params,
			files: [],
			record: params ?? raw,
			problem: 'Content-Type is not multipart/form-data',
		};
	}
	const { bytes, tooLarge } = await readBodyBytes(req, MAX_UPLOAD_BODY_BYTES);
	const invalid = (problem: string): PlatformBody => ({
		kind: 'invalid',
		params: null,
		files: [],
		record: bytes.length > 0 && bytes.length <= MAX_BODY_BYTES ? bytes.toString('utf8') : '\u0000',
		problem,
	});
	if (tooLarge) return invalid(`body over ${MAX_UPLOAD_BODY_BYTES} bytes`);
	try {
		const multipart = parseMultipart(bytes, contentType!);
		return {
			kind: 'multipart',
			params: multipart.fields,
			files: multipart.files,
			record: multipartRecord(multipart),
		};
	} catch (error) {
		if (error instanceof MultipartError) return invalid(error.message);
		throw error;
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
