import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from './params';

/** JSON bodies of platform calls: over this they are cut off (and then fail to parse). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** multipart/form-data bodies: room for 50 MiB of attachments plus the fields. */
export const MAX_UPLOAD_BODY_BYTES = 64 * 1024 * 1024;
/** Control API bodies (trusted, local): room for base64 attachments of control mail. */
export const MAX_CONTROL_BODY_BYTES = 128 * 1024 * 1024;

export function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined)
			headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

/** Reads the body as bytes; over `limit` the bytes are dropped and `tooLarge` is set. */
export function readBodyBytes(
	req: IncomingMessage,
	limit: number,
): Promise<{ bytes: Buffer; tooLarge: boolean }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		req.on('end', () =>
			resolve(
				size > limit
					? { bytes: Buffer.alloc(0), tooLarge: true }
					: { bytes: Buffer.concat(chunks), tooLarge: false },
			),
		);
		req.on('error', reject);
	});
}

/** Reads the body as UTF-8 text; over `limit` (default 1 MiB) it is `"\u0000"` (and then fails to parse). */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
	const { bytes, tooLarge } = await readBodyBytes(req, limit);
	return tooLarge ? '\u0000' : bytes.toString('utf8');
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
