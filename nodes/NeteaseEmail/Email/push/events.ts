import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { simplifyAccount } from '../../shared/directory/accounts';
import { parentIdOf } from '../../shared/directory/departments';
import { chinaTimeToIso } from '../../shared/helpers/chinaTime';
import type { PushState } from './state';

/**
 * What identifies one callback, so a repeat of it is recognised. The platform sends no event id:
 * new mail is known by sender, recipients, subject, send time and size; an organisation change by
 * its type and revision. A payload lacking those is known by its whole body.
 */
export function eventKey(source: string, body: IDataObject): string {
	const parts =
		source === 'orgevent'
			? body.revision !== undefined
				? [body.eventType, body.revision]
				: [body]
			: body.SentDate !== undefined
				? [body.From, body.To, body.Subject, body.SentDate, body.mailsizebyte]
				: [body];
	return createHash('sha256')
		.update(JSON.stringify([source, ...parts]))
		.digest('hex')
		.slice(0, 32);
}

const text = (value: unknown): string =>
	value === undefined || value === null ? '' : String(value).trim();

function numberOrNull(value: unknown): number | null {
	const number = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
	return Number.isFinite(number) ? number : null;
}

/** `SentDate` is epoch milliseconds (reference §7.5, inferred); seconds and date texts are accepted too. */
function isoTime(value: unknown): string | null {
	const number = numberOrNull(value);
	let ms = number === null ? NaN : number < 1e11 ? number * 1000 : number;
	if (number === null && typeof value === 'string') {
		ms = Date.parse(chinaTimeToIso(value) || value);
	}
	return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** `a@x.com, "Zhang, Wei" <b@x.com>` → each recipient as given; an array is taken as it is. */
function recipients(value: unknown): string[] {
	const list = Array.isArray(value)
		? value.map(text)
		: (text(value).match(/(?:"[^"]*"|[^,;])+/g) ?? []).map((part) => part.trim());
	return list.filter((recipient) => recipient !== '');
}

function addressOf(recipient: string): string {
	return (/<([^>]+)>/.exec(recipient)?.[1] ?? recipient).trim().toLowerCase();
}

/** The subscribed mailbox among the recipients; null when none is named (Cc, Bcc, a mail list…). */
function receivingMailbox(to: string[], state: PushState): string | null {
	const subscribed = new Set(state.mailboxes ?? []);
	const domain = state.domain ? `@${state.domain}` : undefined;
	const address = to
		.map(addressOf)
		.find((candidate) => subscribed.has(candidate) || (domain && candidate.endsWith(domain)));
	return address ?? null;
}

function asObjects(value: unknown): IDataObject[] {
	if (Array.isArray(value)) return value.filter((entry) => entry && typeof entry === 'object');
	if (value && typeof value === 'object') return [value as IDataObject];
	if (typeof value !== 'string' || value.trim() === '') return [];
	// The documented sample is a JSON object fragment: one object, or several separated by commas.
	for (const candidate of [value, `[${value}]`]) {
		const parsed = parseJson(candidate);
		if (parsed !== undefined) return asObjects(parsed);
	}
	return [];
}

function parseJson(candidate: string): unknown {
	try {
		return JSON.parse(candidate) as unknown;
	} catch {
		return undefined;
	}
}

/** From `AttachmentEx` when it is readable, else the file names of `attachment`. */
function attachmentsOf(body: IDataObject): IDataObject[] {
	const described = asObjects(body.AttachmentEx);
	if (described.length > 0) {
		return described.map((file) => ({
			fileName: text(file.fileName),
			mimeType: text(file.mimeType),
			size: numberOrNull(file.storedSize ?? file.size),
		}));
	}
	return recipients(body.attachment).map((fileName) => ({ fileName, mimeType: '', size: null }));
}

/** The `pushmail` payload (reference §7.4) as a `newMail` event. */
export function newMailEvent(body: IDataObject, state: PushState): IDataObject {
	const to = recipients(body.To);
	return {
		event: 'newMail',
		mailbox: receivingMailbox(to, state),
		from: text(body.From),
		to,
		subject: text(body.Subject),
		summary: text(body.Content),
		sentAt: isoTime(body.SentDate),
		size: numberOrNull(body.mailsizebyte),
		attachments: attachmentsOf(body),
	};
}

const DEPARTMENT_EVENTS: Record<string, string> = {
	ADD: 'departmentCreated',
	DELETE: 'departmentDeleted',
	UPDATE: 'departmentChanged',
};

/**
 * Named as the Address Book Trigger names them. The payload carries the account as it is after
 * the change, so an update leaving it suspended or in the recycle bin says so.
 */
function accountEvent(op: string, account: IDataObject): string {
	if (op === 'ADD') return 'accountCreated';
	if (op === 'DELETE' || account.status === 'deleted') return 'accountDeleted';
	if (account.status === 'suspended') return 'accountSuspended';
	return 'accountUpdated';
}

/** The `orgevent` payload (sandbox shape; the reference documents none) as an event. */
export function organisationEvent(body: IDataObject): IDataObject {
	const eventType = text(body.eventType).toUpperCase();
	const op = eventType.split('_').pop() ?? '';
	const base: IDataObject = {
		revision: numberOrNull(body.revision),
		changedAt: chinaTimeToIso(text(body.time)) || null,
	};
	const account = body.account as IDataObject | undefined;
	const unit = body.unit as IDataObject | undefined;
	if (account && typeof account === 'object') {
		const simplified = simplifyAccount(account, text(body.domain));
		return { event: accountEvent(op, simplified), ...base, account: simplified };
	}
	if (unit && typeof unit === 'object' && DEPARTMENT_EVENTS[op]) {
		const department = {
			id: text(unit.unitId),
			name: text(unit.unitName),
			parentId: parentIdOf(unit),
		};
		return { event: DEPARTMENT_EVENTS[op], ...base, department };
	}
	return { event: 'otherChange', ...base, eventType: text(body.eventType), raw: body };
}
