import { paramError } from '../envelope';
import { optionalBoolean, optionalList, paginate, paging, type Params } from '../params';
import { FOLDER_IDS } from '../rules';
import type { Message } from '../state';
import { findAccount, requireDomain } from './lookup';
import type { RouteTable } from './route';

/** `fid`: comma-separated folder ids (§10.5), each 1–5. */
function folderIds(params: Params, fallback: number[]): number[] {
	const list = optionalList(params, 'fid');
	if (!list || list.length === 0) return fallback;
	const ids = list.map(Number);
	if (!ids.every((id) => (FOLDER_IDS as readonly number[]).includes(id))) throw paramError('fid');
	return [...new Set(ids)];
}

function messageView({ mid, fid, from, to, subject, sentDate, size, read, summary }: Message) {
	return { mid, fid, from, to, subject, sentDate, size, read, summary };
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
			.map(messageView);
		const { list, count } = paginate(messages, page);
		return returnTotal ? { list, count } : { list };
	},
};
