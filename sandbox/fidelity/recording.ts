import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	endpointPath,
	ENDPOINTS,
	isEndpointKey,
} from '../../nodes/NeteaseEmail/shared/transport/endpoints';

/** One platform call as recorded by the proxy: one JSON file per exchange in the recording folder. */
export interface RecordedExchange {
	/** Format version, 1. */
	format: 1;
	/** 1, 2, 3… in the order the calls were answered. File name: `<seq padded to 5>-<endpoint or "unknown">.json`. */
	seq: number;
	/** Catalogue key whose default path (or a credential override) matched, e.g. "account.create"; null when no key matches. */
	endpoint: string | null;
	method: string;
	/** Path without query, e.g. "/api/open/account/createAccount". */
	path: string;
	/** Query parameters, redacted. */
	query: Record<string, string>;
	request: {
		/** Lower-cased header names kept: content-type only (no auth headers, no cookies). */
		contentType: string | null;
		/** Parsed JSON body (redacted), the text for non-JSON bodies, or null when empty; multipart bodies as { multipart: true, fields: {...}, files: [{ name, fileName, size }] }. */
		body: unknown;
	};
	response: {
		httpStatus: number;
		contentType: string | null;
		/** The parsed envelope (redacted), or the text when it was not JSON, or { binary: true, size } for a file. */
		body: unknown;
	};
	timing: { startedAt: string; ms: number };
}

export const RECORDING_FORMAT = 1;

export function exchangeFileName(exchange: Pick<RecordedExchange, 'seq' | 'endpoint'>): string {
	return `${String(exchange.seq).padStart(5, '0')}-${exchange.endpoint ?? 'unknown'}.json`;
}

/** Every exchange in `dir`, sorted by seq; a bad file throws an Error that names it. */
export function readRecording(dir: string): RecordedExchange[] {
	let names: string[];
	try {
		names = readdirSync(dir).filter((name) => name.endsWith('.json'));
	} catch (error) {
		throw new Error(`Cannot read the recording folder ${dir}: ${(error as Error).message}`);
	}
	const exchanges = names.map((name) => readExchange(join(dir, name)));
	return exchanges.sort((a, b) => a.seq - b.seq);
}

function readExchange(file: string): RecordedExchange {
	let value: unknown;
	try {
		value = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new Error(`Recording file ${file} is not valid JSON: ${(error as Error).message}`);
	}
	const problem = problemWith(value);
	if (problem) throw new Error(`Recording file ${file} is not a recorded exchange: ${problem}`);
	return value as RecordedExchange;
}

function problemWith(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return 'it is not a JSON object';
	const exchange = value as Partial<RecordedExchange>;
	if (exchange.format !== RECORDING_FORMAT)
		return `"format" is ${JSON.stringify(exchange.format)}, expected ${RECORDING_FORMAT}`;
	if (typeof exchange.seq !== 'number' || !Number.isInteger(exchange.seq) || exchange.seq < 1)
		return '"seq" must be a positive whole number';
	if (exchange.endpoint !== null && typeof exchange.endpoint !== 'string')
		return '"endpoint" must be a string or null';
	if (typeof exchange.method !== 'string') return '"method" is missing';
	if (typeof exchange.path !== 'string' || !exchange.path.startsWith('/'))
		return '"path" must start with "/"';
	if (typeof exchange.query !== 'object' || exchange.query === null) return '"query" is missing';
	if (typeof exchange.request !== 'object' || exchange.request === null)
		return '"request" is missing';
	if (typeof exchange.response !== 'object' || exchange.response === null)
		return '"response" is missing';
	if (typeof exchange.response.httpStatus !== 'number')
		return '"response.httpStatus" must be a number';
	return undefined;
}

/** Writes one exchange as `<dir>/<exchangeFileName>` (creating `dir`); returns the path written. */
export function writeExchange(dir: string, exchange: RecordedExchange): string {
	mkdirSync(dir, { recursive: true });
	const file = join(dir, exchangeFileName(exchange));
	writeFileSync(file, `${JSON.stringify(exchange, null, 2)}\n`);
	return file;
}

/** The catalogue key whose path is `path` (defaults from ENDPOINTS, then overrides), or null. */
export function endpointKeyOf(path: string, overrides: Record<string, string> = {}): string | null {
	const wanted = path.split('?')[0];
	for (const key of Object.keys(overrides)) {
		if (isEndpointKey(key) && overrides[key] === wanted) return key;
	}
	for (const key of Object.keys(ENDPOINTS)) {
		if (isEndpointKey(key) && endpointPath(key, overrides) === wanted) return key;
	}
	return null;
}
