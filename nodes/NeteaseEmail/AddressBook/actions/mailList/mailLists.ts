import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Department } from '../../../shared/directory/departments';
import { getDepartments } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { AccountAddress, Field } from '../../../shared/helpers/validation';
import {
	parseAccountAddress,
	parseDepartmentPath,
	textOf,
	validateEmail,
} from '../../../shared/helpers/validation';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest, defaultDomain, tryApiRequest } from '../../../shared/transport';

export const mailListParameter: INodeProperties = {
	displayName: 'Mail List',
	name: 'mailList',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. all-staff or all-staff@example.com',
	description: 'The list\'s address, or the part before "@" in the credential\'s default domain',
};

export const membersParameter: INodeProperties = {
	displayName: 'Members',
	name: 'members',
	type: 'string',
	default: '',
	placeholder: 'e.g. zhang.san, partner@example.org',
	description:
		'Addresses separated by commas, or an array from an expression. A name without "@" is an account of the default domain.',
};

export const memberDepartmentsParameter: INodeProperties = {
	displayName: 'Member Departments',
	name: 'memberDepartments',
	type: 'string',
	default: '',
	placeholder: 'e.g. 研发中心/后端组, 100000000000005',
	description:
		'Departments whose accounts all receive the mail, by path or ID, separated by commas or as an array from an expression',
};

/** `mailListUserType` (reference §10.4) by the readable value the node shows and outputs. */
const USER_TYPES: Record<string, number> = {
	everyone: 0,
	membersAndAuthorizedSenders: 2,
	authorizedSendersOnly: 3,
	everyoneInDomain: 4,
};

export const whoCanSendParameter: INodeProperties = {
	displayName: 'Who Can Send',
	name: 'whoCanSend',
	type: 'options',
	default: 'everyone',
	options: [
		{
			name: 'Authorized Senders Only',
			value: 'authorizedSendersOnly',
			description: 'Only the addresses in Authorized Senders',
		},
		{ name: 'Everyone', value: 'everyone', description: 'Anyone, inside or outside the company' },
		{
			name: 'Everyone in the Domain',
			value: 'everyoneInDomain',
			description: 'Any account of the domain',
		},
		{
			name: 'Members and Authorized Senders',
			value: 'membersAndAuthorizedSenders',
			description: "The list's members and the addresses in Authorized Senders",
		},
	],
};

export const authorizedSendersParameter: INodeProperties = {
	displayName: 'Authorized Senders',
	name: 'authorizedSenders',
	type: 'string',
	default: '',
	placeholder: 'e.g. zhang.wei, li.na@example.com',
	description:
		'Addresses allowed to send when Who Can Send limits senders, separated by commas or as an array',
};

export const visibleParameter: INodeProperties = {
	displayName: 'Visible in Address Book',
	name: 'visibleInAddressBook',
	type: 'boolean',
	default: true,
	description: 'Whether colleagues can find the list in the corporate address book',
};

export function userTypeOf(field: Field, value: unknown): number {
	const type = USER_TYPES[String(value)];
	if (type === undefined) {
		throw field.invalid(
			`"${String(value)}" is not a choice`,
			`Use one of: ${Object.keys(USER_TYPES).join(', ')}.`,
		);
	}
	return type;
}

function whoCanSend(type: unknown): string {
	const found = Object.entries(USER_TYPES).find(([, number]) => number === Number(type));
	return found ? found[0] : `type ${String(type)}`;
}

/**
 * A list given as "a, b; c" (also with full-width separators) or as an array: a parameter, or a
 * platform field (comma-separated on the wire).
 */
export function listField(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(/[,;\n，；]/);
	return parts.map((part) => String(part ?? '').trim()).filter(Boolean);
}

/** A parameter holding a list: an array, or text; anything else (an object…) fails naming it. */
function listParam(field: Field, value: unknown): string[] {
	return listField(Array.isArray(value) ? value : textOf(field, value));
}

/** Addresses, lower-cased and without repeats; a bare name is an account of `domain`. */
export function addressesOf(field: Field, value: unknown, domain: string): string[] {
	const addresses = listParam(field, value).map((entry) =>
		entry.includes('@')
			? validateEmail(field, entry)
			: parseAccountAddress(field, entry, domain).email,
	);
	return [...new Set(addresses)];
}

/** Departments by ID or path, without repeats; an unknown one fails naming it. */
export async function departmentsOf(
	this: ApiContext,
	field: Field,
	value: unknown,
	domain: string,
	itemIndex: number,
): Promise<Department[]> {
	const entries = listParam(field, value);
	if (entries.length === 0) return [];
	const directory = await getDepartments.call(this, domain, itemIndex);
	const found = new Map<string, Department>();
	for (const entry of entries) {
		const department = directory.get(entry) ?? directory.byPath(parseDepartmentPath(field, entry));
		if (!department) {
			throw field.invalid(
				`"${entry}" matches no department path or ID`,
				'Give a path such as 研发中心/后端组 or an ID from Department → Get Many.',
			);
		}
		found.set(department.id, department);
	}
	return [...found.values()];
}

/** The Mail List parameter as an address of the default domain unless another is given. */
export async function mailListAddress(this: ApiContext, item: Item): Promise<AccountAddress> {
	return parseAccountAddress(
		item.field('mailList'),
		item.param('mailList'),
		await defaultDomain.call(this),
	);
}

export async function getMailList(
	this: ApiContext,
	address: AccountAddress,
	itemIndex: number,
): Promise<IDataObject> {
	const body = { domain: address.domain, accountName: address.accountName };
	return await apiRequest.call(this, 'mailList.get', body, { itemIndex });
}

/** The list, or `undefined` when the platform says there is none at that address. */
export async function findMailList(
	this: ApiContext,
	address: AccountAddress,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const body = { domain: address.domain, accountName: address.accountName };
	const answer = await tryApiRequest.call(this, 'mailList.get', body, { itemIndex });
	if (!('refusal' in answer)) return answer.data;
	if (answer.refusal.marker === 'MAILLIST.NOTEXIST') return undefined;
	throw answer.refusal.error;
}

export async function mailListOutput(
	this: ApiContext,
	list: IDataObject,
	domain: string,
	simplify: boolean,
	itemIndex: number,
): Promise<IDataObject> {
	if (!simplify) return list;
	const directory = await getDepartments.call(this, domain, itemIndex);
	return {
		email: String(list.email ?? `${String(list.accountName)}@${domain}`),
		accountName: list.accountName,
		name: list.name ?? '',
		whoCanSend: whoCanSend(list.mailListUserType ?? 0),
		authorizedSenders: listField(list.authMembers),
		visibleInAddressBook: Number(list.visibleInAddr ?? 1) === 1,
		members: listField(list.members),
		memberDepartments: listField(list.memberUnits).map((id) => ({
			id,
			path: directory.get(id)?.path ?? '',
		})),
	};
}

export interface Membership {
	members: string[];
	memberUnits: string[];
}

export function membershipOf(list: IDataObject): Membership {
	return { members: listField(list.members), memberUnits: listField(list.memberUnits) };
}

/** The platform changes a list only when the call leaves it some members or member departments. */
export function requireMembership(field: Field, address: AccountAddress, membership: Membership) {
	if (membership.members.length || membership.memberUnits.length) return;
	throw field.invalid(
		`"${address.email}" would have no members or member departments after this change`,
		'The platform only changes a list that keeps a member: add one first with Mail List → Add Members, or delete the list.',
	);
}

/**
 * Sends `mailList.update` with `changes`. Every call carries `members` or `memberUnits`, and the
 * platform replaces those it is given: they go along as `membership` holds them (by default as
 * the list `before` holds them); an emptied one is sent empty, an empty one is left out.
 */
export async function updateMailList(
	this: ApiContext,
	item: Item,
	address: AccountAddress,
	before: IDataObject,
	changes: IDataObject,
	membership: Membership = membershipOf(before),
): Promise<void> {
	requireMembership(item.field('mailList'), address, membership);
	const body: IDataObject = {
		domain: address.domain,
		accountName: address.accountName,
		...changes,
	};
	const held = membershipOf(before);
	for (const key of ['members', 'memberUnits'] as const) {
		if (membership[key].length || held[key].length) body[key] = membership[key].join(',');
	}
	await apiRequest.call(this, 'mailList.update', body, { itemIndex: item.index });
}

const queues = new WeakMap<object, Map<string, Promise<IDataObject>>>();

/**
 * Runs `task` after every earlier task of this execution on the same list has settled: changes
 * read the list, then write it whole, so two items on one list must not interleave.
 */
export async function oneAtATime(
	this: ApiContext,
	address: AccountAddress,
	task: () => Promise<IDataObject>,
): Promise<IDataObject> {
	let byList = queues.get(this);
	if (!byList) queues.set(this, (byList = new Map()));
	const run = (byList.get(address.email) ?? Promise.resolve()).catch(() => undefined).then(task);
	byList.set(address.email, run);
	return await run;
}
