/**
 * The recording proxy: forwards every call to the platform (or anything speaking its protocol),
 * answers the caller with the platform's answer unchanged, and writes one redacted
 * RecordedExchange per call into the recording folder.
 */
import {
	createServer,
	request as httpRequest,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type OutgoingHttpHeaders,
	type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';

import { requestBodyOf, responseBodyOf } from './body';
import { endpointKeyOf, writeExchange, RECORDING_FORMAT, type RecordedExchange } from './recording';
import { Redactor } from './redact';
import {
	baseUrlOf,
	headerValue,
	listen,
	pathOf,
	queryOf,
	readAll,
	stop,
	toStderr,
} from './serverBasics';

export interface RecordingProxyOptions {
	/** Where calls go, e.g. `https://api.qiye.163.com` (a path prefix is kept). */
	target: string;
	/** The recording folder; created if missing, refused if it already holds a recording. */
	dir: string;
	/** 0 (default) = any free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** The credential's Endpoint Path Overrides, so overridden paths get their catalogue key. */
	endpointOverrides?: Record<string, string>;
	/** Called after each exchange is written. */
	onExchange?: (exchange: RecordedExchange, file: string) => void;
	/** Problems (target unreachable, a file not written); default stderr. */
	log?: (line: string) => void;
}

export interface RecordingProxy {
	/** The base URL to put into the credential, e.g. `http://127.0.0.1:8788`. */
	url: string;
	port: number;
	dir: string;
	target: string;
	/** Exchanges written so far. */
	readonly recorded: number;
	close(): Promise<void>;
}

/** Headers that belong to one connection, not to the message (RFC 9110 §7.6.1), plus those recomputed here. */
const NOT_FORWARDED = new Set([
	'connection',
	'keep-alive',
	'proxy-authenticate',
	'proxy-authorization',
	'proxy-connection',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade',
	'host',
	'content-length',
	'accept-encoding',
]);

export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
	const { dir, port = 0, host = '127.0.0.1', log = toStderr } = options;
	const target = parseTarget(options.target);
	refuseExistingRecording(dir);
	mkdirSync(dir, { recursive: true });
	const redactor = new Redactor();
	let seq = 0;

	const server = createServer((req, res) => {
		forward(req, res).catch((error: unknown) => {
			log(`recording proxy: ${req.method} ${pathOf(req)} failed: ${messageOf(error)}`);
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end();
			else res.destroy();
		});
	});

	async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const startedAt = new Date();
		const url = new URL(req.url ?? '/', 'http://proxy.invalid');
		const body = await readAll(req);
		let answer: { status: number; headers: IncomingHttpHeaders; body: Buffer };
		try {
			answer = await send(target, req, body);
		} catch (error) {
			const text = `The recording proxy could not reach ${target.href}: ${messageOf(error)}`;
			log(`recording proxy: ${req.method} ${url.pathname}: ${text}`);
			res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
			return;
		}
		const requestType = headerValue(req.headers, 'content-type') ?? null;
		const responseType = headerValue(answer.headers, 'content-type') ?? null;
		const [query, requestBody, responseBody] = redactor.redactAll([
			queryOf(url),
			requestBodyOf(body, requestType ?? undefined),
			responseBodyOf(decoded(answer), responseType ?? undefined),
		]);
		const exchange: RecordedExchange = {
			format: RECORDING_FORMAT,
			seq: ++seq,
			endpoint: endpointKeyOf(url.pathname, options.endpointOverrides),
			method: req.method ?? 'GET',
			path: url.pathname,
			query: query as Record<string, string>,
			request: { contentType: requestType, body: requestBody },
			response: { httpStatus: answer.status, contentType: responseType, body: responseBody },
			timing: { startedAt: startedAt.toISOString(), ms: Date.now() - startedAt.getTime() },
		};
		try {
			const file = writeExchange(dir, exchange);
			options.onExchange?.(exchange, file);
		} catch (error) {
			log(`recording proxy: exchange ${exchange.seq} not written: ${messageOf(error)}`);
		}
		res.writeHead(answer.status, answerHeaders(answer));
		res.end(answer.body);
	}

	const actualPort = await listen(server, port, host);
	return {
		url: baseUrlOf(host, actualPort),
		port: actualPort,
		dir,
		target: target.href,
		get recorded() {
			return seq;
		},
		close: () => stop(server),
	};
}

function parseTarget(target: string): URL {
	let url: URL;
	try {
		url = new URL(target);
	} catch {
		throw new Error(`--proxy needs a URL such as https://api.qiye.163.com, not "${target}"`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new Error(`--proxy needs an http or https URL, not "${target}"`);
	return url;
}

function refuseExistingRecording(dir: string): void {
	if (existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.json')))
		throw new Error(
			`${dir} already holds a recording; record into an empty folder (placeholders such as <user-1> are only stable within one recording)`,
		);
}

/** One call to the target with the caller's method, path, query, body and headers (hop-by-hop ones aside). */
function send(
	target: URL,
	req: IncomingMessage,
	body: Buffer,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
	const headers: OutgoingHttpHeaders = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = value;
	}
	headers.host = target.host;
	if (body.length > 0 || req.method === 'POST' || req.method === 'PUT')
		headers['content-length'] = body.length;
	const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise((resolve, reject) => {
		const outgoing = request(
			{
				protocol: target.protocol,
				hostname: target.hostname,
				port: target.port || undefined,
				method: req.method,
				path: `${target.pathname.replace(/\/+$/, '')}${req.url ?? '/'}`,
				headers,
			},
			(answer) => {
				readAll(answer).then(
					(bytes) =>
						resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: bytes }),
					reject,
				);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

/** The target's headers for the caller, with the length of the body actually sent. */
function answerHeaders(answer: {
	headers: IncomingHttpHeaders;
	body: Buffer;
}): OutgoingHttpHeaders {
	const headers: OutgoingHttpHeaders = {};
	for (const [name, value] of Object.entries(answer.headers)) {
		if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = value;
	}
	headers['content-length'] = answer.body.length;
	return headers;
}

/** The answer's bytes without content encoding (we ask for none, but a server may still compress). */
function decoded(answer: { headers: IncomingHttpHeaders; body: Buffer }): Buffer {
	const encoding = headerValue(answer.headers, 'content-encoding')?.trim().toLowerCase();
	try {
		if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(answer.body);
		if (encoding === 'deflate') return inflateSync(answer.body);
		if (encoding === 'br') return brotliDecompressSync(answer.body);
	} catch {
		return answer.body;
	}
	return answer.body;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
