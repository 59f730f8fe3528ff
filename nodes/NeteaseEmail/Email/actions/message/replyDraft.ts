import type { IDataObject } from 'n8n-workflow';

import type { MailAddress } from '../../helpers/addresses';
import { headerAddresses } from '../../helpers/addresses';
import { formatDateTime } from '../../../shared/helpers/dateTimes';
import { isoDate, plainText } from '../../helpers/messageOutput';

/** Whom a reply goes to: the original's Reply-To or sender; with Reply All, its To and CC too. */
export function replyRecipients(
	original: IDataObject,
	self: string,
	replyAll: boolean,
	extraCc: MailAddress[],
): { to: MailAddress[]; cc: MailAddress[] } {
	const seen = new Set([self]);
	const keep = (list: MailAddress[]) =>
		list.filter(({ address }) => !seen.has(address) && seen.add(address));
	const fromSelf = headerAddresses(original.from).some(({ address }) => address === self);
	// Replying to a message the mailbox sent itself goes to that message's recipients.
	const to = keep(
		fromSelf ? headerAddresses(original.to) : headerAddresses(original.replyTo || original.from),
	);
	const copied = replyAll
		? [
				...(fromSelf ? [] : headerAddresses(original.to)),
				...headerAddresses(original.cc),
				...extraCc,
			]
		: extraCc;
	return { to, cc: keep(copied) };
}

/** "Re: " once: not again when the subject already starts with Re:, RE: or 回复:. */
export function replySubject(subject: unknown): string {
	const text = String(subject ?? '');
	return /^\s*(re|回复|答复)\s*[:：]/i.test(text) ? text : `Re: ${text}`;
}

/** In-Reply-To and References of a reply: the thread so far, then the original. */
export function threading(original: IDataObject): { inReplyTo: string; references: string } {
	const messageId = String(original.messageId ?? '');
	const earlier = String(original.references ?? '')
		.split(/\s+/)
		.filter(Boolean);
	const references = [...new Set([...earlier, messageId].filter(Boolean))].join(' ');
	return { inReplyTo: messageId, references };
}

const escapeHtml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Appends the original, quoted, below each body the reply has. */
export function withQuote(
	bodies: { text: string; html: string },
	original: IDataObject,
	timeZone: string,
): { text: string; html: string } {
	const from = String(original.from ?? '');
	const when = isoDate(original.sentDate)
		? `On ${formatDateTime(Number(original.sentDate), timeZone)}, `
		: '';
	const header = `${when}${from} wrote:`;
	const originalText = String(original.text ?? '') || plainText(original.html);
	const originalHtml =
		String(original.html ?? '') || escapeHtml(String(original.text ?? '')).replace(/\n/g, '<br>');
	const quotedText = originalText
		.split(/\r?\n/)
		.map((line) => (line ? `> ${line}` : '>'))
		.join('\n');
	return {
		text: bodies.text ? `${bodies.text}\n\n${header}\n${quotedText}` : '',
		html: bodies.html
			? `${bodies.html}<br><br><div>${escapeHtml(header)}</div>` +
				`<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${originalHtml}</blockquote>`
			: '',
	};
}
