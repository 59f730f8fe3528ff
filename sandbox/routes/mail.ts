import { businessError, paramError } from '../envelope';
import { recallMail, sendMail, type Recipient } from '../mail';
import { isMessageId, makeAttachments, newMessageId } from '../message';
import { optionalString, requiredString, type Params } from '../params';
import { isValidEmail, MAIL_ATTACHMENTS_MAX_BYTES } from '../rules';
import type { UploadedFile } from '../multipart';
import type { Runtime } from '../runtime';
import type { Account } from '../state';
import { formatChinaTime } from '../time';
import { findAccount, requireDomain, writableAccount } from './lookup';
import type { RouteTable } from './route';

export const SEND_MAIL_PATH = '/api/open/mail/sendMail';

/** Paths whose body is multipart/form-data instead of JSON. */
export const uploadPaths: ReadonlySet<string> = new Set([SEND_MAIL_PATH]);

/** `to` / `cc` / `bcc`: a JSON array string of `{address, name?}`; absent or `""` = none. */
function recipients(params: Params, name: string): Recipient[] {
	const raw = optionalString(params, name);
	if (raw === undefined || raw.trim() === '') return [];
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		throw paramError(name);
	}
	if (!Array.isArray(value)) throw paramError(name);
	return value.map((item: unknown) => {
		if (!item || typeof item !== 'object' || Array.isArray(item)) throw paramError(name);
		const { address, name: displayName } = item as { address?: unknown; name?: unknown };
		if (typeof address !== 'string' || !isValidEmail(address.trim())) throw paramError(name);
		if (displayName !== undefined && displayName !== null && typeof displayName !== 'string')
			throw paramError(name);
		return { address: address.trim(), name: displayName ?? '' };
	});
}

/** An optional Message-ID (`<…>`), `""` when absent. */
function messageIdParam(params: Params, name: string): string {
	const value = (optionalString(params, name) ?? '').trim();
	if (value !== '' && !isMessageId(value)) throw paramError(name);
	return value;
}

/** Every file part must be named `attachments` and have a file name. */
function attachmentFiles(params: Params, files: UploadedFile[]): UploadedFile[] {
	if (params.attachments !== undefined) throw paramError('attachments');
	for (const file of files) {
		if (file.field !== 'attachments') throw paramError(file.field);
		if (file.fileName.trim() === '') throw paramError('attachments');
	}
	return files;
}

/**
 * The sender's `updateMailLimits` settings: `sendAllowed: 0` → MAIL.SEND.FORBIDDEN; with
 * `dailySendLimit` n > 0, the (n+1)-th send of a China-time day → MAIL.SEND.QUOTA. Every send is
 * counted (limit or not); returns what counts this one, called once the mail is sent.
 */
function checkSendAllowed(rt: Runtime, sender: Account): () => void {
	const { state } = rt;
	const { limits } = state.settingsOf(sender.accountName);
	if (limits.sendAllowed === 0) throw businessError('MAIL.SEND.FORBIDDEN');
	const day = formatChinaTime(rt.now()).slice(0, 10);
	const sends = state.dailySends.get(sender.accountName);
	const sentToday = sends?.day === day ? sends.count : 0;
	if (limits.dailySendLimit > 0 && sentToday >= limits.dailySendLimit)
		throw businessError('MAIL.SEND.QUOTA');
	return () => state.dailySends.set(sender.accountName, { day, count: sentToday + 1 });
}

/** Sending and recalling mail. Inferred paths (not publicly documented, reference §11). */
export const mailRoutes: RouteTable = {
	/**
	 * multipart/form-data (see ../multipart.ts). Checks in this order: domain, sender (an active
	 * account), to/cc/bcc (-401), text/html (-401 `text`), messageId, replyTo, inReplyTo,
	 * references (-401), file parts (-401), total attachment size (MAIL.ATTACHMENT.TOOLARGE), the
	 * sender's limits (MAIL.SEND.FORBIDDEN, MAIL.SEND.QUOTA).
	 */
	[SEND_MAIL_PATH]: (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const { body } = ctx;
		const sender = findAccount(state, body);
		if (sender.status !== 0) throw businessError('ACCOUNT.STATUSERROR');
		const to = recipients(body, 'to');
		const cc = recipients(body, 'cc');
		const bcc = recipients(body, 'bcc');
		if (to.length + cc.length + bcc.length === 0) throw paramError('to');
		const text = optionalString(body, 'text');
		const html = optionalString(body, 'html');
		if (text === undefined && html === undefined) throw paramError('text');
		const messageId = messageIdParam(body, 'messageId') || newMessageId(state.domain);
		const replyTo = (optionalString(body, 'replyTo') ?? '').trim();
		if (replyTo !== '' && !isValidEmail(replyTo)) throw paramError('replyTo');
		const inReplyTo = messageIdParam(body, 'inReplyTo');
		const references = (optionalString(body, 'references') ?? '').trim().split(/\s+/);
		const referenceIds = references.filter((reference) => reference !== '');
		if (!referenceIds.every(isMessageId)) throw paramError('references');
		const files = attachmentFiles(body, ctx.files);
		const total = files.reduce((sum, file) => sum + file.content.length, 0);
		if (total > MAIL_ATTACHMENTS_MAX_BYTES) throw businessError('MAIL.ATTACHMENT.TOOLARGE');
		const countSend = checkSendAllowed(ctx.rt, sender);
		const result = sendMail(ctx.rt, {
			sender,
			messageId,
			to,
			cc,
			bcc,
			subject: optionalString(body, 'subject') ?? '',
			text: text ?? '',
			html: html ?? '',
			replyTo,
			inReplyTo,
			references: referenceIds.join(' '),
			attachments: makeAttachments(files),
		});
		countSend();
		return result;
	},

	/** `mid` must be in the mailbox (MAIL.NOTEXIST) and in its Sent folder (MAIL.NOTSENT). */
	'/api/open/mail/recallMail': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = writableAccount(state, ctx.body);
		const mid = requiredString(ctx.body, 'mid').trim();
		return { results: recallMail(ctx.rt, account.accountName, mid) };
	},
};
