import type { INodeProperties } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import { parseAccountAddress } from '../../shared/helpers/validation';

/** Said in the description of every filter the platform does not take (without the final period). */
export const READ_THEN_FILTERED =
	'The platform has no such filter: the node reads every entry of the range and keeps the matching ones';

/** The Filters collection, its fields sorted by label as the editor lists them. */
export function filtersCollection(filters: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [...filters].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export function accountsFilter(description: string): INodeProperties {
	return {
		displayName: 'Accounts',
		name: 'accounts',
		type: 'string',
		default: '',
		placeholder: 'e.g. zhang.san, li.si@example.com',
		description: `Only entries of these accounts: addresses or account names of the credential's default domain, separated by commas. ${description}.`,
	};
}

export const ipContainsFilter: INodeProperties = {
	displayName: 'IP Contains',
	name: 'ipContains',
	type: 'string',
	default: '',
	placeholder: 'e.g. 192.0.2.',
	description: `Only entries whose IP address contains this text. ${READ_THEN_FILTERED}.`,
};

/**
 * Accounts of the default domain as account names, without repeats; empty for every account.
 * Takes a comma-separated text or, from an expression, a list.
 */
export function readAccounts(item: Item, value: unknown, domain: string): string[] {
	const field = item.field('accounts');
	const parts = Array.isArray(value)
		? value.map((part) => String(part ?? ''))
		: String(value ?? '').split(/[,;\s]+/);
	const names = new Set<string>();
	for (const part of parts.map((text) => text.trim()).filter(Boolean)) {
		const address = parseAccountAddress(field, part, domain);
		if (address.domain !== domain) {
			throw field.invalid(
				`"${part}" is not an address of ${domain}`,
				`Logs cover the organisation's own accounts: use addresses of ${domain} or plain account names.`,
			);
		}
		names.add(address.accountName);
	}
	return [...names];
}

/** A case-insensitive "contains" test; an empty needle matches everything. */
export function contains(haystack: string | null, needle: string): boolean {
	return needle === '' || (haystack ?? '').toLowerCase().includes(needle.toLowerCase());
}

/** A trimmed text filter, `''` when not set. */
export function filterText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}
