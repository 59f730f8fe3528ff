import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Field } from '../../../shared/helpers/validation';
import { requireText, validateEmail } from '../../../shared/helpers/validation';
import type { ApiContext } from '../../../shared/transport';
import { resolveContactGroups } from '../../helpers/contactGroups';
import { birthdaySeconds } from './birthday';
import { splitList } from './contactBook';

export const CONTACT_NAME_MAX_LENGTH = 64;
const TEXT_MAX_LENGTH = 128;
const PHONE = /^\+?[\d\s().-]{3,32}$/;

/** Contacts are outside the organisation: any phone or fax number in the usual notations. */
function validatePhone(field: Field, value: unknown): string {
	const phone = String(value ?? '').trim();
	if (phone && (!PHONE.test(phone) || phone.replace(/\D/g, '').length < 3)) {
		throw field.invalid(
			`"${phone}" is not a phone number`,
			'Use digits, optionally starting with "+" and grouped with spaces, "-" or brackets, e.g. +86 10 1234 5678.',
		);
	}
	return phone;
}

const birthday: INodeProperties = {
	displayName: 'Birthday',
	name: 'birthday',
	type: 'dateTime',
	default: '',
	description: 'Only the date is kept',
};

const textField = (displayName: string, name: string, placeholder: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
});

const department: INodeProperties = {
	...textField('Department', 'department', 'e.g. 法务部'),
	description: "The contact's department at their own company",
};

const groups = (description: string): INodeProperties => ({
	...textField('Contact Groups', 'groups', 'e.g. 供应商, 300002'),
	description,
});

/** Additional Fields of Create. */
export const createFieldProperties: INodeProperties[] = [
	birthday,
	textField('Company', 'company', 'e.g. 示例律师事务所'),
	groups('Names or IDs of contact groups, separated by commas'),
	department,
	textField('Fax', 'fax', 'e.g. 010-12345678'),
	textField('Mobile', 'mobile', 'e.g. +86 139 0000 0101'),
];

/** Update Fields of Update. */
export const updateFieldProperties: INodeProperties[] = [
	birthday,
	textField('Company', 'company', 'e.g. 示例律师事务所'),
	groups(
		"Names or IDs of contact groups, separated by commas. Replaces the contact's groups; empty takes it out of every group.",
	),
	department,
	textField('Email', 'email', 'e.g. counsel@partner.example.org'),
	textField('Fax', 'fax', 'e.g. 010-12345678'),
	textField('Mobile', 'mobile', 'e.g. +86 139 0000 0101'),
	textField('Name', 'name', 'e.g. 周律师'),
];

/** The fields in the order the platform's answer lists them. */
const FIELD_ORDER = [
	'email',
	'name',
	'mobile',
	'company',
	'department',
	'fax',
	'birthday',
	'groups',
] as const;

export interface ContactFields {
	/** The fields in the platform's terms (`groups` → `groupIds`, comma-separated). */
	body: IDataObject;
	/** The parameters given, e.g. ["name", "groups"]. */
	given: string[];
}

/**
 * Reads a collection of contact fields. On Create an empty field is left out; on Update
 * (`clearable`) an empty text field or Contact Groups clears it. Birthday cannot be cleared.
 */
export async function readContactFields(
	this: ApiContext,
	item: Item,
	collection: string,
	domain: string,
	clearable: boolean,
): Promise<ContactFields> {
	const fields = item.collection<Record<string, unknown>>(collection);
	const body: IDataObject = {};
	const given: string[] = [];
	for (const name of FIELD_ORDER) {
		const value = fields[name];
		const empty = value === undefined || value === null || String(value).trim() === '';
		if (value === undefined || (empty && (!clearable || name === 'birthday'))) continue;
		const field = item.field(name);
		if (name === 'email') body.email = validateEmail(field, value);
		else if (name === 'name') body.name = requireText(field, value, CONTACT_NAME_MAX_LENGTH);
		else if (name === 'birthday') body.birthday = birthdaySeconds(field, value);
		else if (name === 'mobile' || name === 'fax') body[name] = validatePhone(field, value);
		else if (name === 'groups') {
			const chosen = await resolveContactGroups.call(
				this,
				field,
				splitList(value),
				domain,
				item.index,
			);
			body.groupIds = chosen.map((group) => group.id).join(',');
		} else body[name] = empty ? '' : requireText(field, value, TEXT_MAX_LENGTH);
		given.push(name);
	}
	return { body, given };
}
