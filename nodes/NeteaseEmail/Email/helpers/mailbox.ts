import type {
	INodeParameterResourceLocator,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { accountLocator } from '../../shared/descriptions/locators';
import type { Item } from '../../shared/framework/item';
import type { AccountAddress, Field } from '../../shared/helpers/validation';
import { parseAccountAddress } from '../../shared/helpers/validation';
import type { ApiContext } from '../../shared/transport';
import { defaultDomain } from '../../shared/transport';

/** A mailbox: an account of the organisation, picked from the list or given by address. */
export function mailboxLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return accountLocator({
		displayName: 'Mailbox',
		name: 'mailbox',
		description: "An account in the credential's default mail domain",
		...overrides,
	});
}

/** Reads a mailbox locator; the mailbox must be in the credential's default domain. */
export async function resolveMailbox(
	this: ApiContext,
	item: Item,
	parameter = 'mailbox',
): Promise<AccountAddress> {
	const locator = item.param<INodeParameterResourceLocator>(parameter);
	return await parseMailbox.call(this, item.field(parameter), locator?.value);
}

/** A mailbox given as "zhang.san" or an address; it must be in the credential's default domain. */
export async function parseMailbox(
	this: ApiContext,
	field: Field,
	value: unknown,
): Promise<AccountAddress> {
	const domain = await defaultDomain.call(this);
	const address = parseAccountAddress(field, value, domain);
	if (address.domain !== domain) {
		throw field.invalid(
			`"${address.email}" is not in the domain ${domain}`,
			`Mailboxes are accounts of the credential's default domain: give "${address.accountName}" or "${address.accountName}@${domain}".`,
		);
	}
	return address;
}

/** The system folders by id (`fid`, reference §10.5), named as outputs name them. */
export const FOLDER_NAMES: Record<number, string> = {
	1: 'inbox',
	2: 'drafts',
	3: 'sent',
	4: 'deleted',
	5: 'spam',
};

export const SENT_FOLDER = 3;
export const DELETED_FOLDER = 4;

export const FOLDER_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Deleted', value: 4 },
	{ name: 'Drafts', value: 2 },
	{ name: 'Inbox', value: 1 },
	{ name: 'Sent', value: 3 },
	{ name: 'Spam', value: 5 },
];

/** The folder's name in outputs, `folder <fid>` for one this package does not know. */
export function folderName(fid: unknown): string {
	return FOLDER_NAMES[Number(fid)] ?? `folder ${String(fid)}`;
}

/** A folder given by id (3, "3") or by name ("sent", "Sent"), as the options or an expression give it. */
export function parseFolder(field: Field, value: unknown): number {
	const text = String(value ?? '')
		.trim()
		.toLowerCase();
	const byName = Object.entries(FOLDER_NAMES).find(([, name]) => name === text);
	const fid = byName ? Number(byName[0]) : Number(text);
	if (!text || !FOLDER_NAMES[fid]) {
		throw field.invalid(
			`"${String(value)}" is not a folder`,
			'Use inbox, drafts, sent, deleted or spam (or their ids 1–5).',
		);
	}
	return fid;
}
