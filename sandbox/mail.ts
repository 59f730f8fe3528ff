import { businessError } from './envelope';
import { InputError } from './inputError';
import {
	fillerContent,
	isMessageId,
	makeAttachments,
	messageSize,
	newMessageId,
	summaryOf,
	type AttachmentFile,
} from './message';
import { FOLDER_IDS, isValidEmail } from './rules';
import type { Runtime } from './runtime';
import { accountHolding } from './routes/lookup';
import type {
	Account,
	MailList,
	Message,
	MessageAttachment,
	OrgState,
	SentRecipient,
} from './state';

export interface DeliverMailInput {
	/** accountName or address in the sandbox domain. */
	to: string;
	from: string;
	subject: string;
	/** The body: plain text, or HTML when `contentType` is `text/html`. `text` / `html` take precedence. */
	content?: string;
	/** Default `text/html` when only `html` is given, else `text/plain`. */
	contentType?: string;
	text?: string;
	html?: string;
	/** Default: a new `<uuid@domain>`. */
	messageId?: string;
	/** Cc addresses: an array or a comma-separated string. */
	cc?: string[] | string;
	/** Folder (default 1 = inbox; 5 = spam). */
	fid?: number;
	/** `content` (base64) gives the exact bytes; without it, `size` (default 1024) stand-in bytes. */
	attachments?: Array<{ fileName: string; mimeType?: string; size?: number; content?: string }>;
	/** Epoch ms; default now. */
	sentDate?: number;
}

export interface DeliveredMail {
	mid: string;
	accountName: string;
	/** Whether a `pushmail` callback was started (URL registered and mailbox subscribed). */
	pushed: boolean;
}

/** Everything a copy of a mail carries; each mailbox's copy adds its own `mid`, `fid` and `read`. */
export type MailContent = Omit<Message, 'mid' | 'fid' | 'read' | 'bcc' | 'recipients'>;

/** What a new copy of `message` carries (its own `mid`, `fid`, `read` aside). */
export function mailContentOf(message: Message): MailContent {
	const { messageId, from, replyTo, subject, sentDate, size, summary, contentType, text, html } =
		message;
	return {
		messageId,
		from,
		to: [...message.to],
		cc: [...message.cc],
		replyTo,
		subject,
		sentDate,
		size,
		summary,
		contentType,
		text,
		html,
		inReplyTo: message.inReplyTo,
		references: message.references,
		attachments: [...message.attachments],
	};
}

/**
 * A mail arrives in `accountName`'s mailbox: stored unread, logged as received, pushed to the
 * `pushmail` URL if the mailbox is subscribed. The one delivery path, for control mail and for
 * every in-domain copy of `sendMail`.
 */
export function deliver(
	rt: Runtime,
	accountName: string,
	mail: MailContent,
	fid = 1,
): { message: Message; pushed: boolean } {
	const { state } = rt;
	const message = state.addMessage(accountName, {
		...mail,
		attachments: [...mail.attachments],
		fid,
		read: false,
		bcc: [],
	});
	state.receivedMailLogs.push({
		time: rt.now(),
		account: accountName,
		mid: message.mid,
		from: message.from,
		to: message.to.join(','),
		subject: message.subject,
		size: message.size,
		status: fid === 5 ? 'spam' : 'delivered',
	});
	const url = state.subscriptions.pushmail;
	const pushed = Boolean(url) && state.pushMailAccounts.has(accountName);
	if (pushed) rt.push.send('pushmail', url!, pushMailPayload(message));
	return { message, pushed };
}

/** Control API: a mail from anywhere arrives for `to`. */
export function deliverMail(rt: Runtime, input: DeliverMailInput): DeliveredMail {
	const { state } = rt;
	if (!input || typeof input !== 'object') throw new InputError('body must be an object');
	const accountName = mailboxOf(state, input.to);
	for (const field of ['from', 'subject'] as const) {
		if (typeof input[field] !== 'string' || input[field] === '')
			throw new InputError(`${field} is required`);
	}
	for (const field of ['content', 'contentType', 'text', 'html', 'messageId'] as const) {
		if (input[field] !== undefined && typeof input[field] !== 'string')
			throw new InputError(`${field} must be a string`);
	}
	const fid = input.fid ?? 1;
	if (!(FOLDER_IDS as readonly number[]).includes(fid)) throw new InputError('fid must be 1-5');
	if (input.sentDate !== undefined && !Number.isFinite(input.sentDate))
		throw new InputError('sentDate must be epoch ms');
	const messageId = input.messageId ?? newMessageId(state.domain);
	if (!isMessageId(messageId)) throw new InputError('messageId must look like <id@domain>');
	const cc = addressList(input.cc);
	if (input.attachments !== undefined && !Array.isArray(input.attachments))
		throw new InputError('attachments must be an array');
	const attachments = makeAttachments((input.attachments ?? []).map(controlAttachment));
	const content = input.content ?? '';
	const htmlContent = (input.contentType ?? '').toLowerCase().startsWith('text/html');
	const text = input.text ?? (htmlContent ? '' : content);
	const html = input.html ?? (htmlContent ? content : '');
	const contentType =
		input.contentType ??
		(input.html !== undefined && input.text === undefined ? 'text/html' : 'text/plain');
	const { message, pushed } = deliver(
		rt,
		accountName,
		{
			messageId,
			from: input.from,
			to: [state.email(accountName)],
			cc,
			replyTo: '',
			subject: input.subject,
			sentDate: input.sentDate ?? rt.now(),
			size: messageSize(text, html, attachments),
			summary: summaryOf(text, html),
			contentType,
			text,
			html,
			inReplyTo: '',
			references: '',
			attachments,
		},
		fid,
	);
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

function addressList(value: unknown): string[] {
	if (value === undefined) return [];
	const list =
		typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
	if (!list || !list.every((item) => typeof item === 'string'))
		throw new InputError('cc must be an array of addresses or a comma-separated string');
	const addresses = list.map((item: string) => item.trim()).filter((item) => item !== '');
	const bad = addresses.find((address) => !isValidEmail(address));
	if (bad) throw new InputError(`cc: ${bad} is not an address`);
	return addresses;
}

function controlAttachment(file: {
	fileName: string;
	mimeType?: string;
	size?: number;
	content?: string;
}): AttachmentFile {
	if (!file || typeof file.fileName !== 'string' || file.fileName === '')
		throw new InputError('each attachment needs a fileName');
	const mimeType = file.mimeType ?? 'application/octet-stream';
	if (file.content === undefined) {
		const size = file.size ?? 1024;
		if (!Number.isInteger(size) || size < 0)
			throw new InputError('attachment size must be a non-negative integer');
		return { fileName: file.fileName, mimeType, content: fillerContent(file.fileName, size) };
	}
	if (typeof file.content !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(file.content))
		throw new InputError('attachment content must be base64');
	const content = Buffer.from(file.content, 'base64');
	if (file.size !== undefined && file.size !== content.length)
		throw new InputError(
			`attachment size ${file.size} does not match its content (${content.length} bytes)`,
		);
	return { fileName: file.fileName, mimeType, content };
}

/**
 * The §7.4 new-mail payload. Sizes and dates are strings (as the PUSH integration binds them);
 * `attachment` lists file names, `AttachmentEx` one string-valued object per attachment (sandbox choices).
 */
export function pushMailPayload(message: Message) {
	let offset = 2048;
	const attachmentEx = message.attachments.map((file) => {
		const entry = {
			fileName: file.fileName,
			offsetInMail: String(offset),
			mimeType: file.mimeType,
			encoding: 'base64',
			storedSize: String(file.size),
			partId: file.partId,
		};
		offset += Math.ceil(file.size / 3) * 4;
		return entry;
	});
	return {
		From: message.from,
		To: message.to.join(','),
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

// ---------------------------------------------------------------------------------------------
// sendMail (inferred)

export interface Recipient {
	address: string;
	name: string;
}

export interface OutgoingMail {
	sender: Account;
	messageId: string;
	to: Recipient[];
	cc: Recipient[];
	bcc: Recipient[];
	subject: string;
	text: string;
	html: string;
	/** An address or `""`. */
	replyTo: string;
	inReplyTo: string;
	/** Space-separated Message-IDs or `""`. */
	references: string;
	attachments: MessageAttachment[];
}

export interface SendResult {
	mid: string;
	messageId: string;
	accepted: string[];
	rejected: Array<{ address: string; reason: string }>;
}

/**
 * The sender's copy goes to Sent (fid 3, read); every in-domain mailbox reached (an account or
 * alias, or every member of a mail list, nested lists and member units included) gets one unread
 * copy through {@link deliver}. Bcc addresses are kept on the Sent copy only. Addresses outside
 * the domain are accepted and go nowhere; an in-domain address that is no account, alias or list
 * is rejected (`ACCOUNT.NOTEXIST`), as is a soft-deleted account (`ACCOUNT.STATUSERROR`).
 * One sent-mail log entry records the mail: `rejected` when every recipient was, else `delivered`.
 */
export function sendMail(rt: Runtime, mail: OutgoingMail): SendResult {
	const { state } = rt;
	const to = uniqueAddresses(mail.to.map((recipient) => recipient.address));
	const cc = uniqueAddresses(mail.cc.map((recipient) => recipient.address));
	const bcc = uniqueAddresses(mail.bcc.map((recipient) => recipient.address));
	const content: MailContent = {
		messageId: mail.messageId,
		from: state.email(mail.sender.accountName),
		to,
		cc,
		replyTo: mail.replyTo,
		subject: mail.subject,
		sentDate: rt.now(),
		size: messageSize(mail.text, mail.html, mail.attachments),
		summary: summaryOf(mail.text, mail.html),
		contentType: mail.html !== '' ? 'text/html' : 'text/plain',
		text: mail.text,
		html: mail.html,
		inReplyTo: mail.inReplyTo,
		references: mail.references,
		attachments: mail.attachments,
	};
	const sent = state.addMessage(mail.sender.accountName, {
		...content,
		attachments: [...content.attachments],
		fid: 3,
		read: true,
		bcc,
	});

	const accepted: string[] = [];
	const rejected: SendResult['rejected'] = [];
	const mailboxes = new Set<string>();
	const external = new Map<string, string>();
	for (const address of uniqueAddresses([...to, ...cc, ...bcc])) {
		const reach = resolveAddress(state, address, new Set());
		if ('reason' in reach) {
			rejected.push({ address, reason: reach.reason });
			continue;
		}
		accepted.push(address);
		for (const accountName of reach.accountNames) mailboxes.add(accountName);
		for (const outside of reach.external) {
			if (!external.has(outside.toLowerCase())) external.set(outside.toLowerCase(), outside);
		}
	}

	const recipients: SentRecipient[] = [];
	for (const accountName of mailboxes) {
		const { message } = deliver(rt, accountName, content);
		recipients.push({
			kind: 'mailbox',
			address: state.email(accountName),
			accountName,
			mid: message.mid,
			recalled: false,
		});
	}
	for (const address of external.values()) recipients.push({ kind: 'external', address });
	for (const { address, reason } of rejected)
		recipients.push({ kind: 'rejected', address, reason });
	sent.recipients = recipients;
	state.sentMailLogs.push({
		time: content.sentDate,
		account: mail.sender.accountName,
		mid: sent.mid,
		messageId: mail.messageId,
		to: uniqueAddresses([...to, ...cc, ...bcc]).join(','),
		subject: mail.subject,
		size: content.size,
		status: accepted.length === 0 ? 'rejected' : 'delivered',
	});
	return { mid: sent.mid, messageId: mail.messageId, accepted, rejected };
}

/** Case-insensitively distinct, first spelling kept. */
function uniqueAddresses(addresses: string[]): string[] {
	const seen = new Map<string, string>();
	for (const address of addresses) {
		if (!seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
	}
	return [...seen.values()];
}

type Reach = { accountNames: string[]; external: string[] } | { reason: string };

/** Where mail to `address` ends up. `seen` guards against mail lists that contain each other. */
function resolveAddress(state: OrgState, address: string, seen: Set<string>): Reach {
	const at = address.lastIndexOf('@');
	const local = address.slice(0, at).toLowerCase();
	if (address.slice(at + 1).toLowerCase() !== state.domain.toLowerCase())
		return { accountNames: [], external: [address] };
	const list = state.mailLists.get(local);
	if (list) return expandList(state, list, seen);
	const account = accountHolding(state, local);
	if (!account) return { reason: 'ACCOUNT.NOTEXIST' };
	if (account.status === 2) return { reason: 'ACCOUNT.STATUSERROR' };
	return { accountNames: [account.accountName], external: [] };
}

/** A list's members (addresses, lists within it, soft-deleted and unknown ones skipped) and member units with their sub-units. */
function expandList(
	state: OrgState,
	list: MailList,
	seen: Set<string>,
): { accountNames: string[]; external: string[] } {
	const reach = { accountNames: [] as string[], external: [] as string[] };
	if (seen.has(list.accountName)) return reach;
	seen.add(list.accountName);
	for (const member of list.members) {
		const memberReach = resolveAddress(state, member, seen);
		if ('reason' in memberReach) continue;
		reach.accountNames.push(...memberReach.accountNames);
		reach.external.push(...memberReach.external);
	}
	for (const unitId of list.memberUnits) {
		for (const account of state.accountsInUnits(state.subtreeIds(unitId))) {
			if (account.status !== 2) reach.accountNames.push(account.accountName);
		}
	}
	return reach;
}

// ---------------------------------------------------------------------------------------------
// recallMail (inferred)

export interface RecallResult {
	address: string;
	outcome: 'recalled' | 'alreadyRead' | 'notRecallable';
	reason?: string;
}

/** The reason an address outside the domain cannot be recalled. */
export const EXTERNAL_RECIPIENT = 'RECIPIENT.EXTERNAL';

/**
 * Per recipient of a Sent message: an unread in-domain copy is removed (`recalled`, and stays so
 * when asked again), a read one stays (`alreadyRead`); outside the domain, refused at sending, or
 * a copy that is gone (deleted for good, mailbox deleted) → `notRecallable` with a reason.
 */
export function recallMail(rt: Runtime, accountName: string, mid: string): RecallResult[] {
	const { state } = rt;
	const sent = state.findMessage(accountName, mid);
	if (!sent) throw businessError('MAIL.NOTEXIST');
	if (sent.fid !== 3) throw businessError('MAIL.NOTSENT');
	// A Sent message the sandbox did not send itself (seeded) has no copies it knows of.
	const recipients: SentRecipient[] =
		sent.recipients ??
		uniqueAddresses([...sent.to, ...sent.cc, ...sent.bcc]).map((address) =>
			address.toLowerCase().endsWith(`@${state.domain.toLowerCase()}`)
				? { kind: 'rejected', address, reason: 'MAIL.NOTEXIST' }
				: { kind: 'external', address },
		);
	return recipients.map((recipient): RecallResult => {
		const { address } = recipient;
		if (recipient.kind === 'external')
			return { address, outcome: 'notRecallable', reason: EXTERNAL_RECIPIENT };
		if (recipient.kind === 'rejected')
			return { address, outcome: 'notRecallable', reason: recipient.reason };
		if (recipient.recalled) return { address, outcome: 'recalled' };
		const copy = state.findMessage(recipient.accountName, recipient.mid);
		if (!copy) return { address, outcome: 'notRecallable', reason: 'MAIL.NOTEXIST' };
		if (copy.read) return { address, outcome: 'alreadyRead' };
		state.removeMessage(recipient.accountName, recipient.mid);
		recipient.recalled = true;
		return { address, outcome: 'recalled' };
	});
}
