import { createHash, randomUUID } from 'node:crypto';
import type { Message, MessageAttachment } from './state';

/** How much of the body a message summary (and the push `Content`) shows. */
export const SUMMARY_LENGTH = 120;

/** A file before it is stored: name, type and the exact bytes. */
export interface AttachmentFile {
	fileName: string;
	mimeType: string;
	content: Buffer;
}

export function sha256Hex(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** Part ids `"2"`, `"3"`, … in order (part 1 being the body), as the push payload's `AttachmentEx` numbers them. */
export function makeAttachments(files: AttachmentFile[]): MessageAttachment[] {
	return files.map((file, index) => ({
		partId: String(index + 2),
		fileName: file.fileName,
		mimeType: file.mimeType,
		size: file.content.length,
		sha256: sha256Hex(file.content),
		content: file.content,
	}));
}

/** Deterministic stand-in bytes for an attachment known only by name and size (seeds, control mail). */
export function fillerContent(fileName: string, size: number): Buffer {
	const line = Buffer.from(`sandbox attachment ${fileName}\n`, 'utf8');
	const bytes = Buffer.alloc(size);
	for (let offset = 0; offset < size; offset += line.length) line.copy(bytes, offset);
	return bytes;
}

/** `<uuid@domain>`, as the sandbox makes one when the sender gives none. */
export function newMessageId(domain: string): string {
	return `<${randomUUID()}@${domain}>`;
}

/** `<…>` without whitespace or further angle brackets (usually `<local@domain>`). */
export function isMessageId(value: string): boolean {
	return /^<[^\s<>]+>$/.test(value);
}

/** The first characters of the text body, else of the HTML body without its tags. */
export function summaryOf(text: string, html: string): string {
	const source =
		text.trim() !== ''
			? text
			: html
					.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
					.replace(/<[^>]*>/g, ' ')
					.replace(/&nbsp;/g, ' ')
					.replace(/&lt;/g, '<')
					.replace(/&gt;/g, '>')
					.replace(/&amp;/g, '&');
	return source.replace(/\s+/g, ' ').trim().slice(0, SUMMARY_LENGTH);
}

/** A rough stored size: headers, bodies, attachments. */
export function messageSize(text: string, html: string, attachments: MessageAttachment[]): number {
	return (
		1024 +
		Buffer.byteLength(text) +
		Buffer.byteLength(html) +
		attachments.reduce((sum, file) => sum + file.size, 0)
	);
}

/** `listMessages` entries. `to` and `cc` are comma-separated strings. */
export function summaryView(message: Message) {
	const { mid, fid, messageId, from, subject, sentDate, size, read, summary } = message;
	return {
		mid,
		fid,
		messageId,
		from,
		to: message.to.join(','),
		cc: message.cc.join(','),
		subject,
		sentDate,
		size,
		read,
		summary,
		attachmentNames: message.attachments.map((file) => file.fileName),
	};
}

/** `getMessage`: headers, both bodies and the attachments' metadata. Never `bcc`. */
export function fullView(message: Message) {
	const { mid, fid, messageId, from, replyTo, subject, sentDate, size, read, text, html } = message;
	return {
		mid,
		fid,
		messageId,
		from,
		to: [...message.to],
		cc: [...message.cc],
		replyTo,
		subject,
		sentDate,
		size,
		read,
		text,
		html,
		inReplyTo: message.inReplyTo,
		references: message.references,
		attachments: message.attachments.map(({ partId, fileName, mimeType, size: fileSize }) => ({
			partId,
			fileName,
			mimeType,
			size: fileSize,
		})),
	};
}
