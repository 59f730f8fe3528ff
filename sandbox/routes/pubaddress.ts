import { businessError, paramError } from '../envelope';
import {
	optionalInteger,
	optionalList,
	optionalString,
	paginate,
	paging,
	requiredString,
	type Params,
} from '../params';
import { isValidEmail, PUB_GROUP_NAME_MAX_LENGTH } from '../rules';
import type { OrgState, PubAddress, PubAddressGroup } from '../state';
import { displayName } from './accountFields';
import { requireDomain } from './lookup';
import type { RouteTable } from './route';

function contactEmail(params: Params): string {
	const email = requiredString(params, 'email').trim();
	if (!isValidEmail(email)) throw paramError('email');
	return email;
}

/** Contact e-mails are unique, case-insensitively (sandbox choice). */
function checkEmailFree(state: OrgState, email: string, except?: string): void {
	const lower = email.toLowerCase();
	const clash = [...state.pubAddresses.values()].some(
		(address) => address.email.toLowerCase() === lower && address.addressId !== except,
	);
	if (clash) throw businessError('PUBADDRESS.EXIST');
}

/** `groupIds` (comma-separated); every id must be a contact group (`PUBGROUP.NOTEXIST:<id>`). */
function existingGroupIds(state: OrgState, params: Params): string[] | undefined {
	const ids = optionalList(params, 'groupIds');
	const unknown = ids?.find((id) => !state.pubAddressGroups.has(id));
	if (unknown) throw businessError('PUBGROUP.NOTEXIST', unknown);
	return ids && [...new Set(ids)];
}

function existingGroup(state: OrgState, params: Params): PubAddressGroup {
	const group = state.pubAddressGroups.get(requiredString(params, 'groupId'));
	if (!group) throw businessError('PUBGROUP.NOTEXIST');
	return group;
}

/** Non-empty, at most 64 characters, unique among groups (`PUBGROUP.EXIST`). */
function freeGroupName(state: OrgState, params: Params, except?: string): string {
	const groupName = requiredString(params, 'groupName').trim();
	if (groupName.length > PUB_GROUP_NAME_MAX_LENGTH) throw paramError('groupName');
	const clash = [...state.pubAddressGroups.values()].some(
		(group) => group.groupName === groupName && group.groupId !== except,
	);
	if (clash) throw businessError('PUBGROUP.EXIST');
	return groupName;
}

function addressView(address: PubAddress) {
	return { ...address, groupIds: [...address.groupIds] };
}

/** Public (external) contacts in the corporate address book, and their groups. */
export const pubaddressRoutes: RouteTable = {
	/** A contact e-mail already present → PUBADDRESS.EXIST (sandbox choice). */
	'/api/open/pubaddress/createPubAddress': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const { body } = ctx;
		const email = contactEmail(body);
		const name = displayName(body, 'name');
		const fields = {
			mobile: optionalString(body, 'mobile') ?? '',
			company: optionalString(body, 'company') ?? '',
			department: optionalString(body, 'department') ?? '',
			fax: optionalString(body, 'fax') ?? '',
			birthday: optionalInteger(body, 'birthday') ?? null,
		};
		const groupIds = existingGroupIds(state, body) ?? [];
		checkEmailFree(state, email);
		const address = state.addPubAddress({ email, name, ...fields, groupIds });
		return { addressId: address.addressId };
	},

	/** All-or-nothing: an unknown id deletes none (`PUBADDRESS.NOTEXIST:<id>`). */
	'/api/open/pubaddress/deletePubAddress': (ctx) => {
		requireDomain(ctx);
		const { pubAddresses } = ctx.rt.state;
		const ids = optionalList(ctx.body, 'addressIds') ?? [];
		if (ids.length === 0) throw paramError('addressIds');
		const unknown = ids.find((id) => !pubAddresses.has(id));
		if (unknown) throw businessError('PUBADDRESS.NOTEXIST', unknown);
		for (const id of ids) pubAddresses.delete(id);
		return null;
	},

	// Inferred paths below (not publicly documented, reference §11).

	/** Paged, in creation order; `groupId` keeps the contacts of one group (`PUBGROUP.NOTEXIST:<id>`). */
	'/api/open/pubaddress/getPubAddressList': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const groupId = optionalString(ctx.body, 'groupId') || undefined;
		if (groupId !== undefined && !state.pubAddressGroups.has(groupId))
			throw businessError('PUBGROUP.NOTEXIST', groupId);
		const page = paging(ctx.body);
		const addresses = [...state.pubAddresses.values()]
			.filter((address) => groupId === undefined || address.groupIds.includes(groupId))
			.map(addressView);
		return paginate(addresses, page);
	},

	/** Only the fields present change; `groupIds` replaces the contact's groups. */
	'/api/open/pubaddress/updatePubAddress': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const { body } = ctx;
		const addressId = requiredString(body, 'addressId');
		const email = body.email === undefined || body.email === null ? undefined : contactEmail(body);
		const name =
			body.name === undefined || body.name === null ? undefined : displayName(body, 'name');
		const texts = {
			mobile: optionalString(body, 'mobile'),
			company: optionalString(body, 'company'),
			department: optionalString(body, 'department'),
			fax: optionalString(body, 'fax'),
		};
		const birthday = optionalInteger(body, 'birthday');
		const address = state.pubAddresses.get(addressId);
		if (!address) throw businessError('PUBADDRESS.NOTEXIST');
		const groupIds = existingGroupIds(state, body);
		if (email !== undefined) checkEmailFree(state, email, addressId);

		if (email !== undefined) address.email = email;
		if (name !== undefined) address.name = name;
		for (const [field, value] of Object.entries(texts)) {
			if (value !== undefined) address[field as keyof typeof texts] = value;
		}
		if (birthday !== undefined) address.birthday = birthday;
		if (groupIds) address.groupIds = groupIds;
		return null;
	},

	'/api/open/pubaddress/createPubAddressGroup': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const group = state.addPubAddressGroup(freeGroupName(state, ctx.body));
		return { groupId: group.groupId };
	},

	/** Not paged, in creation order. */
	'/api/open/pubaddress/getPubAddressGroupList': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const addresses = [...state.pubAddresses.values()];
		return [...state.pubAddressGroups.values()].map(({ groupId, groupName }) => ({
			groupId,
			groupName,
			memberCount: addresses.filter((address) => address.groupIds.includes(groupId)).length,
		}));
	},

	'/api/open/pubaddress/updatePubAddressGroup': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const group = existingGroup(state, ctx.body);
		group.groupName = freeGroupName(state, ctx.body, group.groupId);
		return null;
	},

	/** The contacts stay; the group leaves their `groupIds`. */
	'/api/open/pubaddress/deletePubAddressGroup': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const { groupId } = existingGroup(state, ctx.body);
		state.pubAddressGroups.delete(groupId);
		for (const address of state.pubAddresses.values())
			address.groupIds = address.groupIds.filter((id) => id !== groupId);
		return null;
	},
};
