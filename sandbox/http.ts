import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from './params';

const MAX_BODY_BYTES = 1024 * 1024;

export function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined)
			headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

/** Reads the body; over 1 MiB it is cut off (and then fails to parse). */
export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () =>
			resolve(size > MAX_BODY_BYTES ? '\u0000' : Buffer.concat(chunks).toString('utf8')),
		);
		req.on('error', reject);
	});
}

/** An empty body counts as `{}`; anything but a JSON object is null. */
export function parseJsonObject(raw: string): Params | null {
	if (raw.trim() === '') return {};
	try {
		const value: unknown = JSON.parse(raw);
		return value !== null && typeof value === 'object' && !Array.isArray(value)
			? (value as Params)
			: null;
	} catch {
		return null;
	}
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
	const text = JSON.stringify(value);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

export function normaliseAddress(address: string | undefined): string {
	return (address ?? '').replace(/^::ffff:/, '');
}
