import type { Item } from '../../shared/framework/item';
import { validateBoolean, validateEmail } from '../../shared/helpers/validation';
import type { Forwarding } from '../../shared/settings/forwarding';
import { forwardingIo, MAX_FORWARD_ADDRESSES } from '../../shared/settings/forwarding';
import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';
import { readSettingsToChange, settingsToChange } from '../helpers/settingsToChange';

const MAX_ADDRESSES = MAX_FORWARD_ADDRESSES;

type Wanted = Forwarding;

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
	...forwardingIo,
};

export const forwarding = settingResource(setting);

/** How the setting is read, for the Settings trigger's "setting now". */
export const forwardingSetting = setting;
