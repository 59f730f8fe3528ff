import type { IDataObject } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import { validateBoolean, validateEmail } from '../../shared/helpers/validation';
import { apiRequest } from '../../shared/transport';
import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';
import { readSettingsToChange, settingsToChange } from '../helpers/settingsToChange';

/** The platform forwards to at most this many addresses. */
const MAX_ADDRESSES = 5;

interface Wanted extends IDataObject {
	enabled?: boolean;
	forwardTo?: string[];
	keepCopy?: boolean;
}

interface Fields {
	enabled?: boolean;
	forwardTo?: unknown;
	keepCopy?: boolean;
}

/** Addresses given as text (separated by commas, semicolons or line breaks) or as a list. */
function addressesOf(item: Item, value: unknown): string[] {
	const field = item.field('forwardTo');
	const parts: unknown[] = Array.isArray(value) ? value : String(value ?? '').split(/[,;\n]/);
	const given = parts.filter((part) => String(part ?? '').trim() !== '');
	const addresses = [...new Set(given.map((part) => validateEmail(field, part)))];
	if (addresses.length > MAX_ADDRESSES) {
		throw field.invalid(
			`has ${addresses.length} addresses`,
			`Mail can be forwarded to at most ${MAX_ADDRESSES} addresses: keep ${MAX_ADDRESSES} or fewer, or forward to a mail list.`,
		);
	}
	return addresses.sort();
}

function readWanted(item: Item): Wanted {
	const fields = readSettingsToChange<Fields>(item);
	const wanted: Wanted = {};
	if (fields.enabled !== undefined)
		wanted.enabled = validateBoolean(item.field('enabled'), fields.enabled);
	if ('forwardTo' in fields) wanted.forwardTo = addressesOf(item, fields.forwardTo);
	if (fields.keepCopy !== undefined)
		wanted.keepCopy = validateBoolean(item.field('keepCopy'), fields.keepCopy);
	if (wanted.enabled && wanted.forwardTo?.length === 0) {
		throw item
			.field('forwardTo')
			.invalid(
				'is empty while forwarding is switched on',
				'Enter the addresses to forward to, or switch Enabled off.',
			);
	}
	return wanted;
}

const setting: AccountSetting<Wanted> = {
	value: 'forwarding',
	name: 'Forwarding',
	noun: 'mail forwarding',
	properties: [
		settingsToChange([
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description: 'Whether incoming mail is forwarded',
			},
			{
				displayName: 'Forward To',
				name: 'forwardTo',
				type: 'string',
				default: '',
				placeholder: 'e.g. assistant@example.com, backup@example.org',
				description:
					'Up to 5 addresses, separated by commas; they replace the current ones. Empty: none.',
			},
			{
				displayName: 'Keep a Copy',
				name: 'keepCopy',
				type: 'boolean',
				default: true,
				description: 'Whether the mailbox keeps a copy of the mail it forwards',
			},
		]),
	],
	readWanted,
	async read(address, itemIndex) {
		const body = { domain: address.domain, accountName: address.accountName };
		const data = await apiRequest.call(this, 'forward.get', body, { itemIndex });
		const addresses = Array.isArray(data.addresses) ? data.addresses.map(String) : [];
		return {
			enabled: Number(data.enabled) === 1,
			forwardTo: addresses.map((entry) => entry.toLowerCase()).sort(),
			keepCopy: Number(data.keepCopy ?? 1) === 1,
		};
	},
	async write(address, wanted, _current, itemIndex) {
		const body: IDataObject = { domain: address.domain, accountName: address.accountName };
		if (wanted.enabled !== undefined) body.enabled = wanted.enabled ? 1 : 0;
		if (wanted.forwardTo !== undefined) body.addresses = wanted.forwardTo.join(',');
		if (wanted.keepCopy !== undefined) body.keepCopy = wanted.keepCopy ? 1 : 0;
		await apiRequest.call(this, 'forward.update', body, { itemIndex });
	},
};

export const forwarding = settingResource(setting);

/** How the setting is read, for the Settings trigger's "setting now". */
export const forwardingSetting = setting;
