import type { INodeProperties } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { validateDomain, validateEmail } from '../../../shared/helpers/validation';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest } from '../../../shared/transport';

/** The platform keeps at most this many entries in each list of an account. */
export const MAX_ENTRIES = 500;

export type ListType = 'black' | 'white';

export const listProperty: INodeProperties = {
	displayName: 'List',
	name: 'list',
	type: 'options',
	default: 'black',
	options: [
		{ name: 'Black List', value: 'black', description: 'Senders whose mail is refused' },
		{ name: 'White List', value: 'white', description: 'Senders whose mail is never held as spam' },
	],
};

export const entriesProperty: INodeProperties = {
	displayName: 'Entries',
	name: 'entries',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. promo@shop.example, @spam.example',
	description: 'Sender addresses, or whole domains written @domain, separated by commas',
};

export function readListType(item: Item): ListType {
	const list = item.param<string>('list');
	if (list !== 'black' && list !== 'white') {
		throw item.field('list').invalid(`"${list}" is not a list`, 'Use black or white.');
	}
	return list;
}

/** One entry, lower-cased: an address, or a domain written `@domain`. */
function entryOf(item: Item, value: string): string {
	const field = item.field('entries');
	if (!value.startsWith('@')) return validateEmail(field, value);
	if (value.length === 1) {
		throw field.invalid('has "@" without a domain', 'Write a whole domain as @spam.example.');
	}
	return `@${validateDomain(field, value.slice(1))}`;
}

/** Entries given as text (separated by commas, semicolons, spaces or line breaks) or as a list. */
export function readEntries(item: Item): string[] {
	const value = item.param<unknown>('entries');
	const parts: unknown[] = Array.isArray(value) ? value : String(value ?? '').split(/[,;\s]+/);
	const given = parts.map((part) => String(part ?? '').trim()).filter((part) => part !== '');
	if (given.length === 0) {
		throw item
			.field('entries')
			.invalid('is empty', 'Enter sender addresses or @domains, separated by commas.');
	}
	const entries = [...new Set(given.map((part) => entryOf(item, part)))];
	if (entries.length > MAX_ENTRIES) {
		throw item
			.field('entries')
			.invalid(
				`has ${entries.length} entries`,
				`A list holds at most ${MAX_ENTRIES} entries: split them, or use @domain entries.`,
			);
	}
	return entries;
}

/** The account's list as the platform holds it. */
export async function readList(
	this: ApiContext,
	address: AccountAddress,
	list: ListType,
	itemIndex: number,
): Promise<string[]> {
	const body = { domain: address.domain, accountName: address.accountName, listType: list };
	const data = await apiRequest.call(this, 'senderList.get', body, { itemIndex });
	return Array.isArray(data.entries) ? data.entries.map(String) : [];
}
