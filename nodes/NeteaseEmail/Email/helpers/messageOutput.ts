import type { IDataObject } from 'n8n-workflow';

import { headerEntries } from './addresses';
import { folderName } from './mailbox';

/** The platform's `read` flag, whichever way it is written. */
export function isRead(value: unknown): boolean {
	return value === true || value === 1 || value === '1' || value === 'true';
}

/** Epoch ms (number or digits) as ISO 8601 UTC; `""` when there is none. */
export function isoDate(value: unknown): string {
	const ms = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) return '';
	return new Date(ms).toISOString();
}

/** Text without tags or entities, whitespace collapsed (for the summary the list gives). */
export function plainText(value: unknown): string {
	return String(value ?? '')
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}

const texts = (value: unknown): string[] =>
	Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : [];

/** A `listMessages` entry, simplified. */
export function simplifySummary(message: IDataObject): IDataObject {
	return {
		id: String(message.mid ?? ''),
		messageId: String(message.messageId ?? ''),
		folder: folderName(message.fid),
		from: String(message.from ?? ''),
		to: headerEntries(message.to),
		cc: headerEntries(message.cc),
		subject: String(message.subject ?? ''),
		date: isoDate(message.sentDate),
		size: Number(message.size ?? 0),
		read: isRead(message.read),
		snippet: plainText(message.summary),
		attachmentNames: texts(message.attachmentNames),
	};
}

/** A `getMessage` answer, simplified: headers, both bodies, the attachments' metadata. */
export function simplifyMessage(message: IDataObject): IDataObject {
	const attachments = (message.attachments as IDataObject[] | undefined) ?? [];
	return {
		id: String(message.mid ?? ''),
		messageId: String(message.messageId ?? ''),
		folder: folderName(message.fid),
		from: String(message.from ?? ''),
		to: headerEntries(message.to),
		cc: headerEntries(message.cc),
		replyTo: String(message.replyTo ?? ''),
		subject: String(message.subject ?? ''),
		date: isoDate(message.sentDate),
		size: Number(message.size ?? 0),
		read: isRead(message.read),
		text: String(message.text ?? ''),
		html: String(message.html ?? ''),
		inReplyTo: String(message.inReplyTo ?? ''),
		references: String(message.references ?? '')
			.split(/\s+/)
			.filter(Boolean),
		attachments: attachments.map(({ partId, fileName, mimeType, size }) => ({
			partId: String(partId ?? ''),
			fileName: String(fileName ?? ''),
			mimeType: String(mimeType ?? ''),
			size: Number(size ?? 0),
		})),
	};
}
