import { InputError } from './inputError';
import { FOLDER_IDS } from './rules';
import type { Runtime } from './runtime';
import type { Message, MessageAttachment, OrgState } from './state';

export interface DeliverMailInput {
	/** accountName or address in the sandbox domain. */
	to: string;
	from: string;
	subject: string;
	content?: string;
	contentType?: string;
	/** Folder (default 1 = inbox; 5 = spam). */
	fid?: number;
	attachments?: Array<{ fileName: string; mimeType?: string; size?: number }>;
	/** Epoch ms; default now. */
	sentDate?: number;
}

export interface DeliveredMail {
	mid: string;
	accountName: string;
	/** Whether a `pushmail` callback was started (URL registered and mailbox subscribed). */
	pushed: boolean;
}

const SUMMARY_LENGTH = 120;

/** A mail arrives: stored unread, logged as received, pushed to the `pushmail` URL if the mailbox is subscribed. */
export function deliverMail(rt: Runtime, input: DeliverMailInput): DeliveredMail {
	const { state } = rt;
	if (!input || typeof input !== 'object') throw new InputError('body must be an object');
	const accountName = mailboxOf(state, input.to);
	for (const field of ['from', 'subject'] as const) {
		if (typeof input[field] !== 'string' || input[field] === '')
			throw new InputError(`${field} is required`);
	}
	const fid = input.fid ?? 1;
	if (!(FOLDER_IDS as readonly number[]).includes(fid)) throw new InputError('fid must be 1-5');
	const attachments = (input.attachments ?? []).map(toAttachment);
	const content = input.content ?? '';
	const message = state.addMessage(accountName, {
		fid,
		from: input.from,
		to: state.email(accountName),
		subject: input.subject,
		sentDate: input.sentDate ?? rt.now(),
		size: 1024 + Buffer.byteLength(content) + attachments.reduce((sum, file) => sum + file.size, 0),
		read: false,
		summary: content.slice(0, SUMMARY_LENGTH),
		contentType: input.contentType ?? 'text/plain',
		attachments,
	});
	state.receivedMailLogs.push({
		time: rt.now(),
		account: accountName,
		mid: message.mid,
		from: message.from,
		to: message.to,
		subject: message.subject,
		size: message.size,
		status: fid === 5 ? 'spam' : 'delivered',
	});
	const url = state.subscriptions.pushmail;
	const pushed = Boolean(url) && state.pushMailAccounts.has(accountName);
	if (pushed) rt.push.send('pushmail', url!, pushMailPayload(message));
	return { mid: message.mid, accountName, pushed };
}

function mailboxOf(state: OrgState, to: unknown): string {
	if (typeof to !== 'string' || to === '') throw new InputError('to is required');
	const [name, domain] = to.split('@');
	if (domain !== undefined && domain !== state.domain)
		throw new InputError(`${to} is not in ${state.domain}`);
	if (!state.accounts.has(name)) throw new InputError(`no mailbox ${state.email(name)}`, 404);
	return name;
}

function toAttachment(file: {
	fileName: string;
	mimeType?: string;
	size?: number;
}): MessageAttachment {
	if (!file || typeof file.fileName !== 'string' || file.fileName === '')
		throw new InputError('each attachment needs a fileName');
	return {
		fileName: file.fileName,
		mimeType: file.mimeType ?? 'application/octet-stream',
		size: file.size ?? 1024,
	};
}

/**
 * The §7.4 new-mail payload. Sizes and dates are strings (as the PUSH integration binds them);
 * `attachment` lists file names, `AttachmentEx` one string-valued object per attachment (sandbox choices).
 */
export function pushMailPayload(message: Message) {
	let offset = 2048;
	const attachmentEx = message.attachments.map((file, index) => {
		const entry = {
			fileName: file.fileName,
			offsetInMail: String(offset),
			mimeType: file.mimeType,
			encoding: 'base64',
			storedSize: String(file.size),
			partId: String(index + 2),
		};
		offset += Math.ceil(file.size / 3) * 4;
		return entry;
	});
	return {
		From: message.from,
		To: message.to,
		Subject: message.subject,
		'Content-Type': message.contentType,
		Content: message.summary,
		mailsizebyte: String(message.size),
		SentDate: String(message.sentDate),
		charset: 'UTF-8',
		attachment: message.attachments.map((file) => file.fileName).join(','),
		AttachmentEx: attachmentEx,
	};
}
