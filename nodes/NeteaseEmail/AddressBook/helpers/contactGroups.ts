import type { IDataObject, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import type { Field } from '../../shared/helpers/validation';
import type { ApiContext } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';

/** A contact group of the public contacts (公共联系人分组). */
export interface ContactGroup {
	id: string;
	name: string;
	memberCount: number;
}

export const CONTACT_GROUP_NAME_MAX_LENGTH = 64;

const lists = new WeakMap<object, Map<string, Promise<ContactGroup[]>>>();

/** The contact groups, loaded once per execution and domain; group writes call `forgetContactGroups`. */
export async function getContactGroups(
	this: ApiContext,
	domain: string,
	itemIndex?: number,
): Promise<ContactGroup[]> {
	let byDomain = lists.get(this);
	if (!byDomain) lists.set(this, (byDomain = new Map()));
	let groups = byDomain.get(domain);
	if (!groups) {
		groups = apiRequest.call(this, 'contactGroup.list', { domain }, { itemIndex }).then((answer) =>
			(Array.isArray(answer) ? (answer as IDataObject[]) : []).map((group) => ({
				id: String(group.groupId),
				name: String(group.groupName ?? ''),
				memberCount: Number(group.memberCount ?? 0),
			})),
		);
		byDomain.set(domain, groups);
		groups.catch(() => byDomain.delete(domain));
	}
	return await groups;
}

export function forgetContactGroups(this: ApiContext, domain: string): void {
	lists.get(this)?.delete(domain);
}

/** The group with this ID, else the group of this name. */
export function findContactGroup(groups: ContactGroup[], value: string): ContactGroup | undefined {
	return groups.find((group) => group.id === value) ?? groups.find((group) => group.name === value);
}

function unknownGroup(field: Field, value: string) {
	return field.invalid(
		`"${value}" matches no contact group`,
		'Check the name or ID with Contact Group → Get Many, or create the group first with Contact Group → Create.',
	);
}

/** Contact groups given by name or ID; the first unknown one fails naming the field and the value. */
export async function resolveContactGroups(
	this: ApiContext,
	field: Field,
	values: string[],
	domain: string,
	itemIndex: number,
): Promise<ContactGroup[]> {
	const groups = await getContactGroups.call(this, domain, itemIndex);
	const resolved = values.map((value) => {
		const group = findContactGroup(groups, value);
		if (!group) throw unknownGroup(field, value);
		return group;
	});
	return [...new Map(resolved.map((group) => [group.id, group])).values()];
}

export function contactGroupLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Contact Group',
		name: 'contactGroup',
		type: 'resourceLocator',
		default: { mode: 'name', value: '' },
		required: true,
		modes: [
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. 供应商' },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 300001' },
		],
		...overrides,
	};
}

/** The contact group chosen in a locator parameter of the item (by name or by ID). */
export async function contactGroupParam(
	this: ApiContext,
	item: Item,
	name: string,
	domain: string,
): Promise<ContactGroup> {
	const locator = item.param<INodeParameterResourceLocator>(name);
	const field = item.field(name);
	const value = String(locator?.value ?? '').trim();
	if (!value) throw field.invalid('is empty', `Enter the name or ID of a contact group.`);
	const groups = await getContactGroups.call(this, domain, item.index);
	const group = groups.find((candidate) =>
		locator.mode === 'id' ? candidate.id === value : candidate.name === value,
	);
	if (!group) throw unknownGroup(field, value);
	return group;
}

/** Like `contactGroupParam`, for an optional locator: `undefined` when left empty. */
export async function optionalContactGroupParam(
	this: ApiContext,
	item: Item,
	name: string,
	domain: string,
): Promise<ContactGroup | undefined> {
	const locator = item.param<INodeParameterResourceLocator | undefined>(name);
	return String(locator?.value ?? '').trim()
		? await contactGroupParam.call(this, item, name, domain)
		: undefined;
}
