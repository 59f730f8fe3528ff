import { isIP } from 'node:net';
import { businessError, paramError } from '../envelope';
import {
	optionalChoice,
	optionalInteger,
	optionalList,
	optionalOneOf,
	optionalString,
	requiredChoice,
	requiredOneOf,
	type Params,
} from '../params';
import {
	AUTO_REPLY_SCOPES,
	DAILY_SEND_LIMIT_MAX,
	FORWARD_MAX_ADDRESSES,
	isValidEmail,
	isValidSenderListEntry,
	QUOTA_MB_MAX,
	QUOTA_MB_MIN,
	SENDER_LIST_MAX_ENTRIES,
	SENDER_LIST_TYPES,
	SIGNATURE_CONTENT_TYPES,
	SIGNATURE_MAX_LENGTH,
	type AutoReplyScope,
	type SenderListType,
	type SignatureContentType,
} from '../rules';
import type { AccountSettings, OrgState } from '../state';
import { formatChinaTime, parseChinaTime } from '../time';
import { findAccount, requireDomain, writableAccount } from './lookup';
import type { RouteContext, RouteTable } from './route';

const FLAG = [0, 1] as const;
type Flag = (typeof FLAG)[number];

const flag = (params: Params, name: string): Flag | undefined => optionalChoice(params, name, FLAG);

/** An integer in [min, max]; undefined when absent. */
function optionalIntegerIn(
	params: Params,
	name: string,
	min: number,
	max: number,
): number | undefined {
	const value = optionalInteger(params, name);
	if (value !== undefined && (value < min || value > max)) throw paramError(name);
	return value;
}

/** A single IPv4/IPv6 address or a CIDR range (`10.0.0.0/8`, `2001:db8::/32`). */
function isIpRange(value: string): boolean {
	const [address, prefix, ...rest] = value.split('/');
	const version = isIP(address);
	if (version === 0 || rest.length > 0) return false;
	if (prefix === undefined) return true;
	return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** Case-insensitively distinct, first spelling kept. */
function distinct(items: string[]): string[] {
	const seen = new Map<string, string>();
	for (const item of items) if (!seen.has(item.toLowerCase())) seen.set(item.toLowerCase(), item);
	return [...seen.values()];
}

/** `startTime` / `endTime` of an auto-reply: China time (stored padded), `""` for open. */
function optionalChinaTime(params: Params, name: string): string | undefined {
	const value = optionalString(params, name)?.trim();
	if (value === undefined || value === '') return value;
	const time = parseChinaTime(value);
	if (time === null) throw paramError(name);
	return formatChinaTime(time);
}

/** Megabytes the account's mailbox holds, two decimals. */
function usedMb(state: OrgState, accountName: string): number {
	const bytes = (state.mailboxes.get(accountName) ?? []).reduce((sum, mail) => sum + mail.size, 0);
	return Math.round((bytes / 1048576) * 100) / 100;
}

/** The settings of an account in any status but permanently deleted (defaults if never written). */
function readSettings(ctx: RouteContext): { accountName: string; settings: AccountSettings } {
	requireDomain(ctx);
	const account = findAccount(ctx.rt.state, ctx.body);
	return {
		accountName: account.accountName,
		settings: ctx.rt.state.settingsOf(account.accountName),
	};
}

/**
 * An update: the account must be writable (soft-deleted → ACCOUNT.STATUSERROR); `parse` reads and
 * checks every parameter before anything changes, and returns what applies the change.
 */
function updateSettings(
	ctx: RouteContext,
	parse: (current: AccountSettings) => (settings: AccountSettings) => void,
): null {
	requireDomain(ctx);
	const { state } = ctx.rt;
	const account = writableAccount(state, ctx.body);
	const apply = parse(state.settingsOf(account.accountName));
	apply(state.writableSettingsOf(account.accountName));
	return null;
}

function senderListEntries(params: Params): string[] {
	const entries = optionalList(params, 'entries');
	if (!entries?.length || !entries.every(isValidSenderListEntry)) throw paramError('entries');
	return distinct(entries);
}

/**
 * Per-account settings: inferred paths (not publicly documented, reference §11). Stored per
 * account; only `sendAllowed` and `dailySendLimit` change mail behaviour (`sendMail`). Updates
 * change only the parameters present (an update with none present changes nothing).
 */
export const accountSettingsRoutes: RouteTable = {
	'/api/open/mailaccount/getMailLimits': (ctx) => {
		const { accountName, settings } = readSettings(ctx);
		const { quotaMb, sendAllowed, dailySendLimit, largeAttachmentAllowed } = settings.limits;
		return {
			quotaMb,
			usedMb: usedMb(ctx.rt.state, accountName),
			sendAllowed,
			dailySendLimit,
			largeAttachmentAllowed,
		};
	},

	'/api/open/mailaccount/updateMailLimits': (ctx) =>
		updateSettings(ctx, () => {
			const quotaMb = optionalIntegerIn(ctx.body, 'quotaMb', QUOTA_MB_MIN, QUOTA_MB_MAX);
			const sendAllowed = flag(ctx.body, 'sendAllowed');
			const dailySendLimit = optionalIntegerIn(ctx.body, 'dailySendLimit', 0, DAILY_SEND_LIMIT_MAX);
			const largeAttachmentAllowed = flag(ctx.body, 'largeAttachmentAllowed');
			return ({ limits }) => {
				if (quotaMb !== undefined) limits.quotaMb = quotaMb;
				if (sendAllowed !== undefined) limits.sendAllowed = sendAllowed;
				if (dailySendLimit !== undefined) limits.dailySendLimit = dailySendLimit;
				if (largeAttachmentAllowed !== undefined)
					limits.largeAttachmentAllowed = largeAttachmentAllowed;
			};
		}),

	'/api/open/mailaccount/getSecondFactor': (ctx) => ({
		...readSettings(ctx).settings.secondFactor,
	}),

	/** `enabled` is required. */
	'/api/open/mailaccount/updateSecondFactor': (ctx) =>
		updateSettings(ctx, () => {
			const enabled = requiredChoice(ctx.body, 'enabled', FLAG);
			return (settings) => {
				settings.secondFactor.enabled = enabled;
			};
		}),

	'/api/open/mailaccount/getIpLimit': (ctx) => ({
		ipRanges: [...readSettings(ctx).settings.ipLimit.ipRanges],
	}),

	/** `ipRanges` is required; `""` = no restriction. Duplicates are dropped. */
	'/api/open/mailaccount/updateIpLimit': (ctx) =>
		updateSettings(ctx, () => {
			const ranges = optionalList(ctx.body, 'ipRanges');
			if (ranges === undefined || !ranges.every(isIpRange)) throw paramError('ipRanges');
			return (settings) => {
				settings.ipLimit.ipRanges = distinct(ranges);
			};
		}),

	'/api/open/mailaccount/getSignature': (ctx) => ({ ...readSettings(ctx).settings.signature }),

	'/api/open/mailaccount/updateSignature': (ctx) =>
		updateSettings(ctx, () => {
			const enabled = flag(ctx.body, 'enabled');
			const contentType = optionalOneOf<SignatureContentType>(
				ctx.body,
				'contentType',
				SIGNATURE_CONTENT_TYPES,
			);
			const content = optionalString(ctx.body, 'content');
			if (content !== undefined && content.length > SIGNATURE_MAX_LENGTH)
				throw paramError('content');
			return ({ signature }) => {
				if (enabled !== undefined) signature.enabled = enabled;
				if (contentType !== undefined) signature.contentType = contentType;
				if (content !== undefined) signature.content = content;
			};
		}),

	'/api/open/mailaccount/getAutoReply': (ctx) => ({ ...readSettings(ctx).settings.autoReply }),

	/** The end may not be before the start, once merged with the stored times (-401 `endTime`). */
	'/api/open/mailaccount/updateAutoReply': (ctx) =>
		updateSettings(ctx, ({ autoReply: current }) => {
			const enabled = flag(ctx.body, 'enabled');
			const content = optionalString(ctx.body, 'content');
			const startTime = optionalChinaTime(ctx.body, 'startTime');
			const endTime = optionalChinaTime(ctx.body, 'endTime');
			const scope = optionalOneOf<AutoReplyScope>(ctx.body, 'scope', AUTO_REPLY_SCOPES);
			const start = startTime ?? current.startTime;
			const end = endTime ?? current.endTime;
			if (start !== '' && end !== '' && parseChinaTime(end)! < parseChinaTime(start)!)
				throw paramError('endTime');
			return ({ autoReply }) => {
				if (enabled !== undefined) autoReply.enabled = enabled;
				if (content !== undefined) autoReply.content = content;
				autoReply.startTime = start;
				autoReply.endTime = end;
				if (scope !== undefined) autoReply.scope = scope;
			};
		}),

	'/api/open/mailaccount/getForward': (ctx) => {
		const { forward } = readSettings(ctx).settings;
		return { ...forward, addresses: [...forward.addresses] };
	},

	/** `addresses`: up to 5 distinct addresses (case-insensitively); `""` = none. */
	'/api/open/mailaccount/updateForward': (ctx) =>
		updateSettings(ctx, () => {
			const enabled = flag(ctx.body, 'enabled');
			const list = optionalList(ctx.body, 'addresses');
			const addresses = list && distinct(list);
			if (addresses && (addresses.length > FORWARD_MAX_ADDRESSES || !addresses.every(isValidEmail)))
				throw paramError('addresses');
			const keepCopy = flag(ctx.body, 'keepCopy');
			return ({ forward }) => {
				if (enabled !== undefined) forward.enabled = enabled;
				if (addresses !== undefined) forward.addresses = addresses;
				if (keepCopy !== undefined) forward.keepCopy = keepCopy;
			};
		}),

	'/api/open/mailaccount/getSenderList': (ctx) => {
		const { settings } = readSettings(ctx);
		const listType = requiredOneOf<SenderListType>(ctx.body, 'listType', SENDER_LIST_TYPES);
		return { listType, entries: [...settings.senderLists[listType]] };
	},

	/** Appends the entries not already there (case-insensitively); over 500 → SENDERLIST.LIMIT, nothing added. */
	'/api/open/mailaccount/addSenderList': (ctx) =>
		updateSettings(ctx, ({ senderLists }) => {
			const listType = requiredOneOf<SenderListType>(ctx.body, 'listType', SENDER_LIST_TYPES);
			const present = new Set(senderLists[listType].map((entry) => entry.toLowerCase()));
			const added = senderListEntries(ctx.body).filter(
				(entry) => !present.has(entry.toLowerCase()),
			);
			if (senderLists[listType].length + added.length > SENDER_LIST_MAX_ENTRIES)
				throw businessError('SENDERLIST.LIMIT');
			return (settings) => {
				settings.senderLists[listType].push(...added);
			};
		}),

	/** Removes the entries (case-insensitively); entries not in the list are ignored. */
	'/api/open/mailaccount/deleteSenderList': (ctx) =>
		updateSettings(ctx, () => {
			const listType = requiredOneOf<SenderListType>(ctx.body, 'listType', SENDER_LIST_TYPES);
			const removed = new Set(senderListEntries(ctx.body).map((entry) => entry.toLowerCase()));
			return ({ senderLists }) => {
				senderLists[listType] = senderLists[listType].filter(
					(entry) => !removed.has(entry.toLowerCase()),
				);
			};
		}),
};
