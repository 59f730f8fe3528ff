import { businessError, paramError } from '../envelope';
import { recallMail, sendMail, type Recipient } from '../mail';
import { isMessageId, makeAttachments, newMessageId } from '../message';
import { optionalString, requiredString, type Params } from '../params';
import { isValidEmail, MAIL_ATTACHMENTS_MAX_BYTES } from '../rules';
import type { UploadedFile } from '../multipart';
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

/** Sending and recalling mail. Inferred paths (not publicly documented, reference §11). */
export const mailRoutes: RouteTable = {
	/**
	 * multipart/form-data (see ../multipart.ts). Checks in this order: domain, sender (an active
	 * account), to/cc/bcc (-401), text/html (-401 `text`), messageId, replyTo, inReplyTo,
	 * references (-401), file parts (-401), total attachment size (MAIL.ATTACHMENT.TOOLARGE).
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
		return sendMail(ctx.rt, {
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
