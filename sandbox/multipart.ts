import { sha256Hex } from './message';

/**
 * multipart/form-data (RFC 7578), parsed with Node built-ins only.
 *
 * - The boundary comes from the request's Content-Type (quoted or not).
 * - A part without `filename` / `filename*` is a text field (UTF-8); a name sent more than once
 *   gives an array of its values.
 * - A part with one is a file: its `name`, file name, Content-Type (default
 *   `application/octet-stream`) and exact bytes. A file part with an empty file name and no bytes
 *   (what a browser sends for an empty file input) is left out.
 * - File names: `filename="…"` is read as raw UTF-8 (as browsers send it); `%22`, `%0D`, `%0A`
 *   (how browsers escape `"`, CR and LF) and `%5C` decode to those characters, and `\"` / `\\`
 *   unescape. RFC 2231 `filename*=UTF-8''%E5%BC%A0…` (any charset `TextDecoder` knows, e.g.
 *   ISO-8859-1 or GBK; continuations `filename*0*=…; filename*1*=…` too) takes precedence.
 */

export interface UploadedFile {
	/** The part's `name`. */
	field: string;
	fileName: string;
	mimeType: string;
	content: Buffer;
}

export interface MultipartBody {
	fields: Record<string, string | string[]>;
	files: UploadedFile[];
}

/** What the request log keeps of a file part instead of its bytes. */
export interface UploadedFileRecord {
	fileName: string;
	mimeType: string;
	size: number;
	sha256: string;
}

export class MultipartError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MultipartError';
	}
}

export function isMultipartFormData(contentType: string | undefined): boolean {
	return /^\s*multipart\/form-data\s*(;|$)/i.test(contentType ?? '');
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
	const boundary = parseHeaderValue(contentType).params.get('boundary');
	if (!boundary) throw new MultipartError('no boundary in the Content-Type');
	const first = Buffer.from(`--${boundary}`);
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	let position: number;
	if (body.subarray(0, first.length).equals(first)) {
		position = first.length;
	} else {
		// A preamble before the first boundary is allowed (and ignored).
		const found = body.indexOf(delimiter);
		if (found < 0) throw new MultipartError('no boundary in the body');
		position = found + delimiter.length;
	}

	const result: MultipartBody = { fields: {}, files: [] };
	for (;;) {
		// After a boundary: `--` closes the body; otherwise optional padding, then CRLF.
		if (body[position] === 0x2d && body[position + 1] === 0x2d) return result;
		const lineEnd = body.indexOf(CRLF, position);
		if (lineEnd < 0 || !/^[ \t]*$/.test(body.subarray(position, lineEnd).toString('latin1')))
			throw new MultipartError('malformed boundary line');
		const start = lineEnd + CRLF.length;
		const end = body.indexOf(delimiter, start);
		if (end < 0) throw new MultipartError('no closing boundary');
		addPart(body.subarray(start, end), result);
		position = end + delimiter.length;
	}
}

function addPart(part: Buffer, result: MultipartBody): void {
	let headerText = '';
	let content: Buffer;
	if (part[0] === 0x0d && part[1] === 0x0a) {
		content = part.subarray(2);
	} else {
		const headerEnd = part.indexOf(HEADER_END);
		if (headerEnd < 0) throw new MultipartError('part headers do not end');
		headerText = part.subarray(0, headerEnd).toString('utf8');
		content = part.subarray(headerEnd + HEADER_END.length);
	}
	const headers = parseHeaders(headerText);
	const disposition = headers.get('content-disposition');
	if (!disposition) throw new MultipartError('a part without Content-Disposition');
	const { value, params } = parseHeaderValue(disposition);
	if (value.toLowerCase() !== 'form-data') throw new MultipartError('a part that is not form-data');
	const name = params.get('name');
	if (name === undefined) throw new MultipartError('a part without a name');
	const fileName = fileNameOf(params);
	if (fileName === undefined) {
		const text = content.toString('utf8');
		const previous = result.fields[name];
		result.fields[name] =
			previous === undefined ? text : [...(Array.isArray(previous) ? previous : [previous]), text];
		return;
	}
	if (fileName === '' && content.length === 0) return;
	result.files.push({
		field: name,
		fileName,
		mimeType: headers.get('content-type')?.trim() || 'application/octet-stream',
		// A copy, so a stored file does not keep the whole request body alive.
		content: Buffer.from(content),
	});
}

/** Lower-cased names; folded lines joined. */
function parseHeaders(text: string): Map<string, string> {
	const headers = new Map<string, string>();
	let last: string | undefined;
	for (const line of text.split('\r\n')) {
		if (line === '') continue;
		if ((line[0] === ' ' || line[0] === '\t') && last) {
			headers.set(last, `${headers.get(last)} ${line.trim()}`);
			continue;
		}
		const colon = line.indexOf(':');
		if (colon <= 0) throw new MultipartError('malformed part header');
		last = line.slice(0, colon).trim().toLowerCase();
		headers.set(last, line.slice(colon + 1).trim());
	}
	return headers;
}

/**
 * `value; key=token; key="quoted"` → the value and the parameters (lower-cased keys). A quoted
 * value ends at a `"` followed by `;` or the end, so a stray unescaped `"` inside survives.
 */
function parseHeaderValue(text: string): { value: string; params: Map<string, string> } {
	const params = new Map<string, string>();
	const semicolon = text.indexOf(';');
	const value = (semicolon < 0 ? text : text.slice(0, semicolon)).trim();
	let index = semicolon < 0 ? text.length : semicolon + 1;
	while (index < text.length) {
		const equals = text.indexOf('=', index);
		const nextSemicolon = text.indexOf(';', index);
		if (equals < 0 || (nextSemicolon >= 0 && nextSemicolon < equals)) {
			// A parameter without a value: skip it.
			index = nextSemicolon < 0 ? text.length : nextSemicolon + 1;
			continue;
		}
		const key = text.slice(index, equals).trim().toLowerCase();
		let cursor = equals + 1;
		while (text[cursor] === ' ' || text[cursor] === '\t') cursor++;
		let raw: string;
		if (text[cursor] === '"') {
			const close = /"[ \t]*(;|$)/g;
			close.lastIndex = cursor + 1;
			const match = close.exec(text);
			if (!match) throw new MultipartError('unterminated quoted parameter');
			raw = unquote(text.slice(cursor + 1, match.index));
			index = match.index + match[0].length;
		} else {
			const end = text.indexOf(';', cursor);
			raw = text.slice(cursor, end < 0 ? text.length : end).trim();
			index = end < 0 ? text.length : end + 1;
		}
		if (key !== '') params.set(key, raw);
	}
	return { value, params };
}

const ESCAPES: Record<string, string> = {
	'%22': '"',
	'%0D': '\r',
	'%0A': '\n',
	'%5C': '\\',
	'\\"': '"',
	'\\\\': '\\',
};

function unquote(text: string): string {
	return text.replace(/%22|%0D|%0A|%5C|\\"|\\\\/gi, (match) => ESCAPES[match.toUpperCase()]);
}

/** `filename*` (RFC 2231 / 5987, continuations included) wins over `filename`. */
function fileNameOf(params: Map<string, string>): string | undefined {
	const extended = params.get('filename*');
	if (extended !== undefined) return decodeExtended([{ value: extended, encoded: true }]);
	const segments: Array<{ index: number; value: string; encoded: boolean }> = [];
	for (const [key, value] of params) {
		const match = /^filename\*(\d+)(\*?)$/.exec(key);
		if (match) segments.push({ index: Number(match[1]), value, encoded: match[2] === '*' });
	}
	if (segments.length > 0) {
		segments.sort((a, b) => a.index - b.index);
		if (segments.some((segment, position) => segment.index !== position))
			throw new MultipartError('filename* continuations are not numbered 0, 1, …');
		return decodeExtended(segments);
	}
	return params.get('filename');
}

/** `charset'language'percent-encoded` in the first segment; later segments percent-encoded or plain. */
function decodeExtended(segments: Array<{ value: string; encoded: boolean }>): string {
	let charset = 'utf-8';
	const bytes: Buffer[] = [];
	segments.forEach(({ value, encoded }, position) => {
		let text = value;
		if (position === 0 && encoded) {
			const match = /^([^']*)'[^']*'(.*)$/s.exec(value);
			if (!match) throw new MultipartError("filename* without charset'language'");
			charset = match[1] || 'utf-8';
			text = match[2];
		}
		bytes.push(encoded ? percentDecode(text) : Buffer.from(text, 'utf8'));
	});
	try {
		return new TextDecoder(charset, { fatal: true }).decode(Buffer.concat(bytes));
	} catch {
		throw new MultipartError(`filename* cannot be decoded as ${charset}`);
	}
}

function percentDecode(text: string): Buffer {
	const parts: Buffer[] = [];
	for (const match of text.matchAll(/%([0-9a-fA-F]{2})|([^%]+)|%/g)) {
		if (match[1]) parts.push(Buffer.from([parseInt(match[1], 16)]));
		else if (match[2]) parts.push(Buffer.from(match[2], 'utf8'));
		else throw new MultipartError('bad %-escape in filename*');
	}
	return Buffer.concat(parts);
}

/** The request log's view of a multipart body: the fields, and per file part its metadata under its name. */
export function multipartRecord({ fields, files }: MultipartBody): Record<string, unknown> {
	const record: Record<string, unknown> = { ...fields };
	for (const file of files) {
		const entry: UploadedFileRecord = {
			fileName: file.fileName,
			mimeType: file.mimeType,
			size: file.content.length,
			sha256: sha256Hex(file.content),
		};
		const previous = record[file.field];
		record[file.field] = [
			...(Array.isArray(previous) ? previous : previous === undefined ? [] : [previous]),
			entry,
		];
	}
	return record;
}
