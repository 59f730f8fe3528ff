import { randomBytes } from 'crypto';

/** A file part of an upload. */
export interface UploadFile {
	field: string;
	fileName: string;
	mimeType: string;
	data: Uint8Array;
}

/** The parameters of an endpoint whose body kind is `upload`: text fields and files. */
export interface Upload {
	fields: Record<string, string>;
	files: UploadFile[];
}

export function isUpload(body: unknown): body is Upload {
	return typeof body === 'object' && body !== null && 'fields' in body && 'files' in body;
}

const quoted = (text: string) => text.replace(/["\\\r\n]/g, (c) => encodeURIComponent(c));

/**
 * multipart/form-data, built here so the bytes are exactly what is meant whatever n8n's request
 * library does with form objects. File names that are not plain ASCII travel as RFC 2231
 * `filename*=UTF-8''…`, with an ASCII `filename` beside it for receivers that ignore `filename*`.
 */
export function encodeMultipart({ fields, files }: Upload): { body: Buffer; contentType: string } {
	const boundary = `----NeteaseEmail${randomBytes(12).toString('hex')}`;
	const parts: Buffer[] = [];
	const head = (lines: string[]) => Buffer.from(`--${boundary}\r\n${lines.join('\r\n')}\r\n\r\n`);
	for (const [name, value] of Object.entries(fields)) {
		parts.push(
			head([`Content-Disposition: form-data; name="${quoted(name)}"`]),
			Buffer.from(`${value}\r\n`),
		);
	}
	for (const file of files) {
		const ascii = /^[\x20-\x7e]*$/.test(file.fileName);
		const fallback = file.fileName.replace(/[^\x20-\x7e]/g, '_');
		const disposition = ascii
			? `filename="${quoted(file.fileName)}"`
			: `filename="${quoted(fallback)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
		parts.push(
			head([
				`Content-Disposition: form-data; name="${quoted(file.field)}"; ${disposition}`,
				`Content-Type: ${file.mimeType || 'application/octet-stream'}`,
			]),
			Buffer.from(file.data),
			Buffer.from('\r\n'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
