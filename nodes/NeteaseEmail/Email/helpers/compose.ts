import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import type { AccountAddress } from '../../shared/helpers/validation';
import { checkCharacters, textOf } from '../../shared/helpers/validation';
import { apiRequest } from '../../shared/transport';
import type { MailAddress } from './addresses';
import { headerAddresses } from './addresses';
import type { AttachmentRef } from './attachments';
import { readAttachments } from './attachments';
import { SENT_FOLDER } from './mailbox';
import { listPage } from './messages';

/** A message ready to go, every part checked. */
export interface Draft {
	to: MailAddress[];
	cc: MailAddress[];
	bcc: MailAddress[];
	subject: string;
	text: string;
	html: string;
	/** An address, or `""`. */
	replyTo: string;
	/** Threading headers of a reply, `""` otherwise. */
	inReplyTo: string;
	references: string;
	attachments: AttachmentRef[];
}

export const bodyProperties: INodeProperties[] = [
	{
		displayName: 'Text Body',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		description: 'The plain-text body; give it, an HTML Body, or both',
	},
	{
		displayName: 'HTML Body',
		name: 'html',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		description: 'The HTML body; give it, a Text Body, or both',
	},
];

/** The Subject as given (not trimmed), on one line: a line break would start another header. */
export function readSubject(item: Item): string {
	const field = item.field('subject');
	return checkCharacters(field, textOf(field, item.param('subject', '')));
}

/** Text Body and HTML Body as given (not trimmed); at least one must have content. */
export function readBodies(item: Item): { text: string; html: string } {
	const read = (name: string) => textOf(item.field(name), item.param(name, ''));
	const text = read('text');
	const html = read('html');
	if (!text.trim() && !html.trim()) {
		throw item
			.field('text')
			.invalid('and HTML Body are both empty', 'Enter a Text Body, an HTML Body, or both.');
	}
	return { text, html };
}

/** How many of the newest Sent messages a lost send is looked for among. */
const SENT_PAGES_CHECKED = 2;
const SENT_PAGE_SIZE = 100;

const unique = (values: string[]) => [...new Set(values)];

/**
 * After a lost answer: the mail was sent if the mailbox's Sent folder holds a copy with the
 * Message-ID made for it. Answers as `sendMail` would have; the Sent copy does not record which
 * recipients were refused, so `rejected` is empty and `accepted` lists them all.
 */
async function findSentCopy(
	this: IExecuteFunctions,
	mailbox: AccountAddress,
	messageId: string,
	draft: Draft,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	for (let pageNum = 1; pageNum <= SENT_PAGES_CHECKED; pageNum++) {
		const page = await listPage.call(
			this,
			mailbox,
			[SENT_FOLDER],
			pageNum,
			SENT_PAGE_SIZE,
			itemIndex,
		);
		const copy = page.find((message) => message.messageId === messageId);
		if (copy) {
			const stored = [...headerAddresses(copy.to), ...headerAddresses(copy.cc)];
			const accepted = unique([...stored, ...draft.bcc].map(({ address }) => address));
			return { mid: copy.mid, messageId, accepted, rejected: [] };
		}
		if (page.length < SENT_PAGE_SIZE) break;
	}
	return undefined;
}

function uploadFields(mailbox: AccountAddress, messageId: string, draft: Draft) {
	const fields: Record<string, string> = {
		domain: mailbox.domain,
		accountName: mailbox.accountName,
		messageId,
		subject: draft.subject,
	};
	for (const key of ['to', 'cc', 'bcc'] as const) {
		if (draft[key].length > 0) {
			fields[key] = JSON.stringify(draft[key].map(({ address, name }) => ({ address, name })));
		}
	}
	for (const key of ['text', 'html', 'replyTo', 'inReplyTo', 'references'] as const) {
		if (draft[key]) fields[key] = draft[key];
	}
	return fields;
}

/**
 * Sends the draft from the mailbox, never twice: the Message-ID is made here, so a send whose
 * answer was lost is looked for in the Sent folder before it is sent again.
 */
export async function sendDraft(
	this: IExecuteFunctions,
	mailbox: AccountAddress,
	draft: Draft,
	itemIndex: number,
): Promise<IDataObject> {
	const messageId = `<${randomUUID()}@${mailbox.domain}>`;
	const upload = {
		fields: uploadFields(mailbox, messageId, draft),
		files: await readAttachments.call(this, itemIndex, draft.attachments),
	};
	const answer = await apiRequest.call(this, 'message.send', upload, {
		itemIndex,
		verify: () => findSentCopy.call(this, mailbox, messageId, draft, itemIndex),
	});
	const rejected = (answer.rejected as IDataObject[] | undefined) ?? [];
	return {
		mid: String(answer.mid ?? ''),
		messageId: String(answer.messageId ?? messageId),
		from: mailbox.email,
		accepted: ((answer.accepted as unknown[] | undefined) ?? []).map(String),
		rejected: rejected.map(({ address, reason }) => ({
			address: String(address ?? ''),
			reason: String(reason ?? ''),
		})),
	};
}
