/**
 * The replay server: answers each call from a recording, so a recorded run can be reproduced
 * without the account it was recorded on.
 *
 * A call matches a recorded one with the same method and path whose query and body are equal once
 * both are normalised (secrets redacted by the recording's rules, placeholders compared by kind,
 * key order ignored). Equal candidates are served in recorded order; when all have been served,
 * the last one is served again. Real values the caller sent where the recording has placeholders
 * are remembered and put back into the answers served.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

import { bodyBytes, requestBodyOf } from './body';
import { collectBindings, normalised, personalised } from './match';
import { readRecording, type RecordedExchange } from './recording';
import { Redactor, kindOfPlaceholder, type SecretKind } from './redact';
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

export interface ReplayServerOptions {
	/** The recording folder. */
	dir: string;
	/** 0 (default) = any free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Where unmatched calls are reported; default stderr. */
	log?: (line: string) => void;
}

export interface ReplayServer {
	url: string;
	port: number;
	dir: string;
	/** How many recorded exchanges it serves from. */
	exchanges: number;
	/** Calls the recording had no answer for, in arrival order. */
	readonly unmatched: ReadonlyArray<{ method: string; path: string }>;
	close(): Promise<void>;
}

/** The envelope answered for a call the recording does not hold. */
export function unmatchedEnvelope(method: string, path: string, dir: string) {
	return {
		code: -400,
		success: false,
		message: `请求异常: replay: the recording in ${dir} has no such call: ${method} ${path} with this query and body`,
		data: null,
	};
}

export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
	const { dir, port = 0, host = '127.0.0.1', log = toStderr } = options;
	const exchanges = readRecording(dir);
	if (exchanges.length === 0) throw new Error(`${dir} holds no recorded calls (*.json files)`);
	const served = new Set<RecordedExchange>();
	/** Placeholder → the real value the caller sent in its place, and back. */
	const bindings = new Map<string, string>();
	const placeholderOf = new Map<string, string>();
	const redactor = new Redactor();
	const unmatched: Array<{ method: string; path: string }> = [];

	/**
	 * The first recorded call not served yet that is equal once normalised, preferring one whose
	 * placeholders agree with the real values already bound (calls of parallel items arrive in any
	 * order); when all were served, the last one again.
	 */
	function find(method: string, path: string, query: unknown, body: unknown) {
		const wanted = normalised(redactor, [query, body]);
		const candidates = exchanges.filter(
			(exchange) =>
				exchange.method === method &&
				exchange.path === path &&
				normalised(redactor, [exchange.query, exchange.request.body]) === wanted,
		);
		const fresh = candidates.filter((exchange) => !served.has(exchange));
		return (
			fresh.find((exchange) => agrees(bindingsOf(exchange, query, body))) ??
			fresh[0] ??
			candidates.at(-1)
		);
	}

	function bindingsOf(exchange: RecordedExchange, query: unknown, body: unknown) {
		const found = new Map<string, string>();
		collectBindings(exchange.query, query, found);
		collectBindings(exchange.request.body, body, found);
		return found;
	}

	function agrees(found: Map<string, string>): boolean {
		return [...found].every(
			([placeholder, value]) =>
				(bindings.get(placeholder) ?? value) === value &&
				(placeholderOf.get(value) ?? placeholder) === placeholder,
		);
	}

	async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://replay.invalid');
		const method = req.method ?? 'GET';
		const query = queryOf(url);
		const body = requestBodyOf(await readAll(req), headerValue(req.headers, 'content-type'));
		const exchange = find(method, url.pathname, query, body);
		if (!exchange) {
			unmatched.push({ method, path: url.pathname });
			log(
				`replay: no recorded call matches ${method} ${url.pathname} ${normalised(redactor, { query, body })}`,
			);
			const text = JSON.stringify(unmatchedEnvelope(method, url.pathname, dir));
			res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(text);
			return;
		}
		served.add(exchange);
		learnBindings(exchange, query, body);
		const { httpStatus, contentType, body: recorded } = exchange.response;
		const bytes = bodyBytes(personalised(recorded, bindings));
		res.writeHead(httpStatus, {
			...(contentType ? { 'content-type': contentType } : {}),
			'content-length': bytes.length,
		});
		res.end(bytes);
	}

	function learnBindings(exchange: RecordedExchange, query: unknown, body: unknown): void {
		for (const [placeholder, value] of bindingsOf(exchange, query, body)) {
			bindings.set(placeholder, value);
			placeholderOf.set(value, placeholder);
			redactor.learn(kindOfPlaceholder(placeholder) as SecretKind, value);
		}
	}

	const server = createServer((req, res) => {
		answer(req, res).catch((error: unknown) => {
			log(
				`replay: ${req.method} ${pathOf(req)} failed: ${error instanceof Error ? error.message : String(error)}`,
			);
			if (!res.headersSent) res.writeHead(500).end();
			else res.destroy();
		});
	});
	const actualPort = await listen(server, port, host);
	return {
		url: baseUrlOf(host, actualPort),
		port: actualPort,
		dir,
		exchanges: exchanges.length,
		get unmatched() {
			return unmatched.slice();
		},
		close: () => stop(server),
	};
}
