import { createHash } from 'node:crypto';
import {
	isMultipartFormData,
	MultipartError,
	multipartRecord,
	parseMultipart,
} from '../../sandbox/multipart';

const BOUNDARY = 'XyZ0123boundary';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** Parts joined as a client would send them. */
function body(parts: Array<[string[], string | Buffer]>, preamble = ''): Buffer {
	const chunks: Buffer[] = [Buffer.from(preamble)];
	for (const [headers, content] of parts) {
		chunks.push(Buffer.from(`--${BOUNDARY}\r\n${headers.join('\r\n')}\r\n\r\n`));
		chunks.push(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
		chunks.push(Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
	return Buffer.concat(chunks);
}

const fileHeaders = (disposition: string, type?: string) => [
	`Content-Disposition: form-data; name="attachments"; ${disposition}`,
	...(type ? [`Content-Type: ${type}`] : []),
];

const fileName = (disposition: string) =>
	parseMultipart(body([[fileHeaders(disposition), 'x']]), CONTENT_TYPE).files[0].fileName;

describe('multipart/form-data parser', () => {
	it('recognises the Content-Type, case-insensitively, with or without parameters', () => {
		expect(isMultipartFormData('multipart/form-data; boundary=a')).toBe(true);
		expect(isMultipartFormData('Multipart/Form-Data;boundary="a b"')).toBe(true);
		expect(isMultipartFormData('application/json')).toBe(false);
		expect(isMultipartFormData('multipart/form-datax; boundary=a')).toBe(false);
		expect(isMultipartFormData(undefined)).toBe(false);
	});

	it('reads text fields as UTF-8 and files with their name, type and exact bytes', () => {
		const bytes = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255, 254, 13, 10]);
		const parsed = parseMultipart(
			body(
				[
					[['Content-Disposition: form-data; name="subject"'], '季度报告\r\n第二行'],
					[['Content-Disposition: form-data; name="empty"'], ''],
					[fileHeaders('filename="a.bin"', 'application/x-test'), bytes],
					[fileHeaders('filename="b.txt"'), 'plain'],
				],
				'ignored preamble\r\n',
			),
			`multipart/form-data; boundary="${BOUNDARY}"`,
		);
		expect(parsed.fields).toEqual({ subject: '季度报告\r\n第二行', empty: '' });
		expect(parsed.files).toEqual([
			{ field: 'attachments', fileName: 'a.bin', mimeType: 'application/x-test', content: bytes },
			{
				field: 'attachments',
				fileName: 'b.txt',
				mimeType: 'application/octet-stream',
				content: Buffer.from('plain'),
			},
		]);
	});

	it('gives a field sent twice as an array; skips an empty file input', () => {
		const parsed = parseMultipart(
			body([
				[['Content-Disposition: form-data; name="to"'], 'a'],
				[['Content-Disposition: form-data; name="to"'], 'b'],
				[fileHeaders('filename=""'), ''],
			]),
			CONTENT_TYPE,
		);
		expect(parsed.fields).toEqual({ to: ['a', 'b'] });
		expect(parsed.files).toEqual([]);
	});

	it('decodes file names: raw UTF-8, browser %-escapes, backslash escapes, RFC 2231 (precedence, charsets, continuations)', () => {
		expect(fileName('filename="张三 报告.pdf"')).toBe('张三 报告.pdf');
		expect(fileName('filename="say %22hi%22.txt"')).toBe('say "hi".txt');
		expect(fileName('filename="a\\"b\\\\c.txt"')).toBe('a"b\\c.txt');
		expect(fileName('filename="a%5Cb.txt"')).toBe('a\\b.txt');
		expect(fileName('filename=bare.txt')).toBe('bare.txt');
		expect(fileName('filename="stray"quote.txt"')).toBe('stray"quote.txt');
		expect(fileName(`filename="____.pdf"; filename*=UTF-8''%E5%BC%A0%E4%B8%89.pdf`)).toBe(
			'张三.pdf',
		);
		expect(fileName(`filename*=utf-8'zh'%E5%BC%A0.pdf; filename="x.pdf"`)).toBe('张.pdf');
		expect(fileName(`filename*=ISO-8859-1''caf%E9.txt`)).toBe('café.txt');
		expect(fileName(`filename*=GBK''%D5%C5.txt`)).toBe('张.txt');
		expect(
			fileName(`filename*0*=UTF-8''%E5%BC%A0; filename*1="-part"; filename*2*=%E4%B8%89.txt`),
		).toBe('张-part三.txt');
	});

	it('refuses malformed bodies', () => {
		const good = body([[['Content-Disposition: form-data; name="a"'], '1']]);
		const refuses = (raw: Buffer, contentType = CONTENT_TYPE) =>
			expect(() => parseMultipart(raw, contentType)).toThrow(MultipartError);
		refuses(good, 'multipart/form-data');
		refuses(good, 'multipart/form-data; boundary=other');
		refuses(good.subarray(0, good.length - `--${BOUNDARY}--\r\n`.length - 2));
		refuses(body([[['X-Nothing: 1'], '1']]));
		refuses(body([[['Content-Disposition: attachment; name="a"'], '1']]));
		refuses(body([[['Content-Disposition: form-data'], '1']]));
		refuses(body([[fileHeaders(`filename*=UTF-8''%E5%BC`), 'x']]));
		refuses(body([[fileHeaders(`filename*=UTF-8''%zz`), 'x']]));
		refuses(body([[fileHeaders(`filename*=no-quotes`), 'x']]));
	});

	it('records fields and file metadata (never bytes) for the request log', () => {
		const bytes = Buffer.from('hello');
		const parsed = parseMultipart(
			body([
				[['Content-Disposition: form-data; name="subject"'], 'Hi'],
				[fileHeaders('filename="h.txt"', 'text/plain'), bytes],
			]),
			CONTENT_TYPE,
		);
		expect(multipartRecord(parsed)).toEqual({
			subject: 'Hi',
			attachments: [
				{
					fileName: 'h.txt',
					mimeType: 'text/plain',
					size: 5,
					sha256: createHash('sha256').update(bytes).digest('hex'),
				},
			],
		});
	});
});
