import { businessError, paramError } from '../envelope';
import {
	optionalChoice,
	optionalList,
	optionalString,
	requiredString,
	type Params,
} from '../params';
import { isValidEmail, MAIL_LIST_USER_TYPES } from '../rules';
import type { MailList, OrgState } from '../state';
import { existingUnit, localPart, requireDomain } from './lookup';
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
};
