import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AccountAddress } from '../../shared/helpers/validation';
import type { Place } from '../../shared/trigger/cursor';
import type { PollSource } from '../../shared/trigger/poll';
import { matches } from '../actions/message/messageFilter';
import { simplifySummary } from '../helpers/messageOutput';
import { getMessage, listPage } from '../helpers/messages';
import type { NewMailSettings } from './settings';
import { readSettings } from './settings';

/** One mail of one watched mailbox, as `listMessages` lists it. */
export interface NewMail {
	mailbox: AccountAddress;
	message: IDataObject;
}

/** Messages per `listMessages` page: an idle poll reads one page per mailbox. */
const PAGE_SIZE = 100;

function dateOf(this: IPollFunctions, mailbox: AccountAddress, message: IDataObject): number {
	const date = Number(message.sentDate);
	if (Number.isFinite(date) && date > 0) return date;
	throw new NodeOperationError(
		this.getNode(),
		`The platform listed mail ${String(message.mid)} of ${mailbox.email} without a date the trigger can read (sentDate ${JSON.stringify(message.sentDate)})`,
		{ description: 'The trigger orders mail by its date (epoch milliseconds).' },
	);
}

/**
 * Every mail of the mailbox's chosen folders dated at or after `since`, and possibly some older:
 * the list is newest first, so the walk stops at the first page reaching before `since`.
 */
async function readMailbox(
	this: IPollFunctions,
	mailbox: AccountAddress,
	fids: number[],
	since: number,
	maxPages = Infinity,
): Promise<NewMail[]> {
	const mail: NewMail[] = [];
	for (let pageNum = 1; pageNum <= maxPages; pageNum++) {
		const page = await listPage.call(this, mailbox, fids, pageNum, PAGE_SIZE);
		const dates = page.map((message) => dateOf.call(this, mailbox, message));
		mail.push(...page.map((message) => ({ mailbox, message })));
		if (page.length < PAGE_SIZE || Math.min(...dates) < since) break;
	}
	return mail;
}

/**
 * New mail in the chosen mailboxes and folders. The cursor's position is the mail's date
 * (`sentDate`), its id the mailbox and `mid`. One `listMessages` call per mailbox covers all the
 * folders, so an idle poll costs one call per mailbox.
 */
export async function newMailSource(this: IPollFunctions): Promise<PollSource<NewMail>> {
	const settings: NewMailSettings = await readSettings.call(this);
	const { mailboxes, fids, filter, latenessMs } = settings;

	const readAll = async (context: IPollFunctions, since: number, maxPages?: number) => {
		const mail: NewMail[] = [];
		for (const mailbox of mailboxes) {
			mail.push(...(await readMailbox.call(context, mailbox, fids, since, maxPages)));
		}
		return mail;
	};
	const place = ({ mailbox, message }: NewMail): Place => ({
		position: Number(message.sentDate),
		id: `${mailbox.email}:${String(message.mid)}`,
	});
	const keep = ({ message }: NewMail) =>
		matches(message, filter) &&
		(!settings.hasAttachments ||
			(Array.isArray(message.attachmentNames) && message.attachmentNames.length > 0));

	return {
		lateness: latenessMs,

		async start(backfillMs) {
			const position = Date.now() - backfillMs;
			if (latenessMs === 0) return { position, seen: [] };
			// Mail already there within the late window is passed, so it does not look late later.
			const passed: Record<string, number> = {};
			for (const mail of await readAll(this, position - latenessMs)) {
				const { position: date, id } = place(mail);
				if (date >= position - latenessMs && (date < position || backfillMs === 0)) {
					passed[id] = date;
				}
			}
			return { position, seen: [], passed };
		},

		async read(cursor) {
			return await readAll(this, cursor.position - latenessMs);
		},

		async newest() {
			// The first page of each mailbox: the newest mail that passes the filters there.
			const candidates = (await readAll(this, Infinity, 1)).filter(keep);
			return candidates.sort((a, b) => place(b).position - place(a).position)[0];
		},

		place,
		keep,

		async output(mail) {
			const { mailbox, message } = mail;
			const json = settings.simplify
				? { mailbox: mailbox.email, ...simplifySummary(message) }
				: { mailbox: mailbox.email, ...message };
			if (!settings.downloadBody) return json;
			const full = await getMessage.call(this, mailbox, String(message.mid));
			return settings.simplify
				? { ...json, text: String(full.text ?? ''), html: String(full.html ?? '') }
				: { ...json, text: full.text, html: full.html };
		},
	};
}
