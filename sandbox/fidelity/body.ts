/** How request and response bodies are kept in a recording (before redaction). */
import { isMultipartFormData, MultipartError, parseMultipart } from '../multipart';

export interface MultipartRecord {
	multipart: true;
	fields: Record<string, string | string[]>;
	files: Array<{ name: string; fileName: string; size: number }>;
}

/** The parsed JSON, the text when it is not JSON, null when empty; multipart as fields and file sizes. */
export function requestBodyOf(bytes: Buffer, contentType: string | undefined): unknown {
	if (bytes.length === 0) return null;
	if (isMultipartFormData(contentType)) {
		try {
			const { fields, files } = parseMultipart(bytes, contentType!);
			const record: MultipartRecord = {
				multipart: true,
				fields,
				files: files.map((file) => ({
					name: file.field,
					fileName: file.fileName,
					size: file.content.length,
				})),
			};
			return record;
		} catch (error) {
			if (!(error instanceof MultipartError)) throw error;
		}
	}
	return jsonOrText(bytes.toString('utf8'));
}

/** The parsed envelope, the text when it is not JSON, or `{ binary: true, size }` for a file. */
export function responseBodyOf(bytes: Buffer, contentType: string | undefined): unknown {
	const type = (contentType ?? '').toLowerCase();
	const textual =
		type === '' || /json|^text\/|xml|javascript|x-www-form-urlencoded/.test(type)
			? bytes.toString('utf8')
			: undefined;
	if (textual === undefined || (type === '' && textual.includes('\uFFFD')))
		return { binary: true, size: bytes.length };
	return bytes.length === 0 ? null : jsonOrText(textual);
}

function jsonOrText(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** A body stored in a recording, as bytes to send again (JSON re-serialised, a file as zero bytes). */
export function bodyBytes(body: unknown): Buffer {
	if (body === null || body === undefined) return Buffer.alloc(0);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	if (isBinaryRecord(body)) return Buffer.alloc(body.size);
	return Buffer.from(JSON.stringify(body), 'utf8');
}

function isBinaryRecord(body: unknown): body is { binary: true; size: number } {
	return (
		typeof body === 'object' &&
		body !== null &&
		(body as { binary?: unknown }).binary === true &&
		typeof (body as { size?: unknown }).size === 'number'
	);
}
