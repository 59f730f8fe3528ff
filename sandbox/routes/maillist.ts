import { businessError, paramError } from '../envelope';
import {
	optionalChoice,
	optionalList,
	optionalString,
	paginate,
	paging,
	requiredString,
	type Params,
} from '../params';
import { isValidAccountName, isValidEmail, MAIL_LIST_USER_TYPES } from '../rules';
import type { MailList, OrgState } from '../state';
import { displayName } from './accountFields';
import { accountHolding, existingUnit, localPart, requireDomain } from './lookup';
import type { RouteTable } from './route';

function emailList(params: Params, name: string): string[] | undefined {
	const list = optionalList(params, name);
	if (list && !list.every(isValidEmail)) throw paramError(name);
	return list;
}

function existingList(state: OrgState, params: Params): MailList {
	const list = state.mailLists.get(localPart(state, requiredString(params, 'accountName')));
	if (!list) throw businessError('MAILLIST.NOTEXIST');
	return list;
}

function listView(state: OrgState, list: MailList) {
	return {
		accountName: list.accountName,
		email: state.email(list.accountName),
		name: list.name,
		visibleInAddr: list.visibleInAddr,
		mailListUserType: list.mailListUserType,
		members: [...list.members],
		memberUnits: [...list.memberUnits],
		authMembers: [...list.authMembers],
	};
}

/** The first address of this domain that is neither an account (or alias) nor a mail list. */
function unknownOwnAddress(state: OrgState, addresses: string[]): string | undefined {
	const suffix = `@${state.domain.toLowerCase()}`;
	return addresses.find((address) => {
		const lower = address.toLowerCase();
		if (!lower.endsWith(suffix)) return false;
		const name = lower.slice(0, -suffix.length);
		return !state.mailLists.has(name) && !accountHolding(state, name);
	});
}

export const maillistRoutes: RouteTable = {
	/** Edits an existing list; only the fields present change. `members` or `memberUnits` is required. */
	'/api/open/maillist/updateMaillist': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const { body } = ctx;
		requiredString(body, 'accountName');
		const name = optionalString(body, 'name');
		const visibleInAddr = optionalChoice(body, 'visibleInAddr', [0, 1]);
		const mailListUserType = optionalChoice(body, 'mailListUserType', MAIL_LIST_USER_TYPES);
		const authMembers = emailList(body, 'authMembers');
		const members = emailList(body, 'members');
		const memberUnits = optionalList(body, 'memberUnits');
		if (!members?.length && !memberUnits?.length) throw paramError('members');
		const list = existingList(state, body);
		const unitIds = memberUnits?.map((unitId) => existingUnit(state, unitId).unitId);

		if (name) list.name = name;
		if (visibleInAddr !== undefined) list.visibleInAddr = visibleInAddr;
		if (mailListUserType !== undefined) list.mailListUserType = mailListUserType;
		if (authMembers) list.authMembers = authMembers;
		if (members) list.members = members;
		if (unitIds) list.memberUnits = unitIds;
		return null;
	},

	/** Adds members (duplicates ignored). */
	'/api/open/maillist/addMaillistForwardList': (ctx) => {
		requireDomain(ctx);
		requiredString(ctx.body, 'accountName');
		const members = emailList(ctx.body, 'members');
		if (!members?.length) throw paramError('members');
		const list = existingList(ctx.rt.state, ctx.body);
		list.members = [...new Set([...list.members, ...members])];
		return null;
	},

	// Inferred paths below (not publicly documented, reference §11).

	/**
	 * A name held by a list → MAILLIST.EXIST; by an account (any status) or an alias →
	 * MAILACCOUNT.NAMEEXIST. Members of this domain must be accounts, aliases or lists
	 * (MAILLIST.MEMBERNOTEXIST:<address>); external members are accepted.
	 */
	'/api/open/maillist/createMaillist': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const { body } = ctx;
		const accountName = localPart(state, requiredString(body, 'accountName').trim());
		if (!isValidAccountName(accountName)) throw paramError('accountName');
		const name = displayName(body, 'name');
		const visibleInAddr = optionalChoice(body, 'visibleInAddr', [0, 1]) ?? 1;
		const mailListUserType = optionalChoice(body, 'mailListUserType', MAIL_LIST_USER_TYPES) ?? 0;
		const authMembers = emailList(body, 'authMembers') ?? [];
		const members = emailList(body, 'members') ?? [];
		const memberUnits = optionalList(body, 'memberUnits') ?? [];
		const unitIds = memberUnits.map((unitId) => existingUnit(state, unitId).unitId);
		if (state.mailLists.has(accountName)) throw businessError('MAILLIST.EXIST');
		if (accountHolding(state, accountName)) throw businessError('MAILACCOUNT.NAMEEXIST');
		const unknown = unknownOwnAddress(state, members);
		if (unknown) throw businessError('MAILLIST.MEMBERNOTEXIST', unknown);
		state.mailLists.set(accountName, {
			accountName,
			name,
			visibleInAddr,
			mailListUserType,
			members: [...new Set(members)],
			memberUnits: [...new Set(unitIds)],
			authMembers: [...new Set(authMembers)],
		});
		return { accountName };
	},

	'/api/open/maillist/getMaillist': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		return listView(state, existingList(state, ctx.body));
	},

	/** Paged, in creation order. */
	'/api/open/maillist/getMaillistList': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const page = paging(ctx.body);
		return paginate(
			[...state.mailLists.values()].map((list) => listView(state, list)),
			page,
		);
	},

	/** Removes members (case-insensitively); addresses not in the list are ignored. */
	'/api/open/maillist/deleteMaillistForwardList': (ctx) => {
		requireDomain(ctx);
		requiredString(ctx.body, 'accountName');
		const members = emailList(ctx.body, 'members');
		if (!members?.length) throw paramError('members');
		const list = existingList(ctx.rt.state, ctx.body);
		const removed = new Set(members.map((member) => member.toLowerCase()));
		list.members = list.members.filter((member) => !removed.has(member.toLowerCase()));
		return null;
	},

	'/api/open/maillist/deleteMaillist': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		state.mailLists.delete(existingList(state, ctx.body).accountName);
		return null;
	},
};
