import { businessError, paramError } from '../envelope';
import { fullView, summaryView } from '../message';
import {
	optionalBoolean,
	optionalList,
	paginate,
	paging,
	requiredChoice,
	requiredString,
	type Params,
} from '../params';
import { FOLDER_IDS, FOLDER_NAMES } from '../rules';
import type { Message, OrgState } from '../state';
import { findAccount, requireDomain, writableAccount } from './lookup';
import type { RouteTable } from './route';

/** `fid`: comma-separated folder ids (§10.5), each 1–5. */
function folderIds(params: Params, fallback: number[]): number[] {
	const list = optionalList(params, 'fid');
	if (!list || list.length === 0) return fallback;
	const ids = list.map(Number);
	if (!ids.every((id) => (FOLDER_IDS as readonly number[]).includes(id))) throw paramError('fid');
	return [...new Set(ids)];
}

/** The message `mid` of the mailbox, else MAIL.NOTEXIST. */
function existingMessage(state: OrgState, accountName: string, params: Params): Message {
	const message = state.findMessage(accountName, requiredString(params, 'mid').trim());
	if (!message) throw businessError('MAIL.NOTEXIST');
	return message;
}

/**
 * `mids` (comma-separated, duplicates ignored): all of them must be in the mailbox, else
 * `MAIL.NOTEXIST:<mid>` (the first unknown) and nothing changes.
 */
function existingMessages(state: OrgState, accountName: string, params: Params): Message[] {
	const mids = [...new Set(optionalList(params, 'mids') ?? [])];
	if (mids.length === 0) throw paramError('mids');
	return mids.map((mid) => {
		const message = state.findMessage(accountName, mid);
		if (!message) throw businessError('MAIL.NOTEXIST', mid);
		return message;
	});
}

export const mailboxRoutes: RouteTable = {
	/** `{ count, folders: [{fid, unread}] }` (sandbox choice: the platform's shape is undocumented). */
	'/api/open/mailbox/getUnreadMsg': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = findAccount(state, ctx.body);
		const fids = folderIds(ctx.body, [1, 5]);
		const mailbox = state.mailboxes.get(account.accountName) ?? [];
		const folders = fids.map((fid) => ({
			fid,
			unread: mailbox.filter((message) => message.fid === fid && !message.read).length,
		}));
		return { count: folders.reduce((sum, folder) => sum + folder.unread, 0), folders };
	},

	/** Newest first; `fid` defaults to the inbox; `count` only with `returnTotal`. */
	'/api/open/mailbox/listMessages': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = findAccount(state, ctx.body);
		const fids = folderIds(ctx.body, [1]);
		const page = paging(ctx.body);
		const returnTotal = optionalBoolean(ctx.body, 'returnTotal') ?? false;
		const messages = (state.mailboxes.get(account.accountName) ?? [])
			.filter((message) => fids.includes(message.fid))
			.sort((a, b) => b.sentDate - a.sentDate || (a.mid < b.mid ? 1 : -1))
			.map(summaryView);
		const { list, count } = paginate(messages, page);
		return returnTotal ? { list, count } : { list };
	},

	// Inferred paths below (not publicly documented, reference §11).

	/** The five system folders: `[{fid, name, total, unread}]`. */
	'/api/open/mailbox/getFolders': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = findAccount(state, ctx.body);
		const mailbox = state.mailboxes.get(account.accountName) ?? [];
		return FOLDER_IDS.map((fid) => {
			const inFolder = mailbox.filter((message) => message.fid === fid);
			return {
				fid,
				name: FOLDER_NAMES[fid],
				total: inFolder.length,
				unread: inFolder.filter((message) => !message.read).length,
			};
		});
	},

	/** One message, bodies included; reading it does not mark it read. */
	'/api/open/mailbox/getMessage': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = findAccount(state, ctx.body);
		return fullView(existingMessage(state, account.accountName, ctx.body));
	},

	/** `{fileName, mimeType, size, content}`, `content` base64 of the exact bytes. */
	'/api/open/mailbox/getAttachment': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = findAccount(state, ctx.body);
		const message = existingMessage(state, account.accountName, ctx.body);
		const partId = requiredString(ctx.body, 'partId').trim();
		const file = message.attachments.find((candidate) => candidate.partId === partId);
		if (!file) throw businessError('MAIL.ATTACHMENT.NOTEXIST');
		const { fileName, mimeType, size } = file;
		return { fileName, mimeType, size, content: file.content.toString('base64') };
	},

	/** `read` 1 read / 0 unread. */
	'/api/open/mailbox/markMessages': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = writableAccount(state, ctx.body);
		const read = requiredChoice(ctx.body, 'read', [0, 1]) === 1;
		const messages = existingMessages(state, account.accountName, ctx.body);
		for (const message of messages) message.read = read;
		return null;
	},

	'/api/open/mailbox/moveMessages': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = writableAccount(state, ctx.body);
		const fid = requiredChoice(ctx.body, 'fid', FOLDER_IDS);
		const messages = existingMessages(state, account.accountName, ctx.body);
		for (const message of messages) message.fid = fid;
		return null;
	},

	/** To Deleted (fid 4); a message already there is removed for good. */
	'/api/open/mailbox/deleteMessages': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = writableAccount(state, ctx.body);
		const messages = existingMessages(state, account.accountName, ctx.body);
		for (const message of messages) {
			if (message.fid === 4) state.removeMessage(account.accountName, message.mid);
			else message.fid = 4;
		}
		return null;
	},
};
