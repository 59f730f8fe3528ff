import type { IDataObject } from 'n8n-workflow';

import type { AccountAddress } from '../../shared/helpers/validation';
import { validateBoolean } from '../../shared/helpers/validation';
import type { ApiContext } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';
import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';
import { readSettingsToChange, settingsToChange } from '../helpers/settingsToChange';

/**
 * Login channels (`loginType`, reference §10.3) the platform controls per account: the same as
 * Address Book → Account → Set Login Permissions, by the output field each is shown as.
 */
const CHANNELS = [
	{ field: 'imap', loginType: 'imap', displayName: 'IMAP', via: 'IMAP' },
	{
		field: 'flashMail',
		loginType: 'flashmail',
		displayName: 'NetEase Flash Mail (Desktop Client)',
		via: 'the NetEase Flash Mail desktop client',
	},
	{ field: 'pop', loginType: 'pop', displayName: 'POP', via: 'POP' },
	{ field: 'smtp', loginType: 'smtp', displayName: 'SMTP', via: 'SMTP' },
	{ field: 'webMail', loginType: 'web', displayName: 'Web Mail', via: 'web mail' },
	{ field: 'yixinApp', loginType: 'yixin', displayName: 'Yixin App', via: 'the Yixin app' },
];

type Permissions = Record<string, boolean>;

async function readPermissions(
	this: ApiContext,
	address: AccountAddress,
	itemIndex: number,
): Promise<Permissions> {
	const body = { domain: address.domain, accountName: address.accountName };
	const data = await apiRequest.call(this, 'mailAccount.get', body, { itemIndex });
	const perms = (data.loginPerms ?? {}) as IDataObject;
	// A channel the answer does not mention has the platform's default: allowed.
	return Object.fromEntries(
		CHANNELS.map(({ field, loginType }) => [field, Number(perms[loginType] ?? 1) === 1]),
	);
}

const setting: AccountSetting<Permissions> = {
	value: 'loginPermissions',
	name: 'Login Permissions',
	noun: 'the login permissions',
	properties: [
		settingsToChange(
			CHANNELS.map(({ field, displayName, via }) => ({
				displayName,
				name: field,
				type: 'boolean',
				default: true,
				description: `Whether the account may log in through ${via}`,
			})),
		),
	],
	readWanted(item) {
		const fields = readSettingsToChange<Record<string, unknown>>(item);
		const wanted: Permissions = {};
		for (const { field } of CHANNELS) {
			if (fields[field] !== undefined)
				wanted[field] = validateBoolean(item.field(field), fields[field]);
		}
		return wanted;
	},
	read: readPermissions,
	/** One call per channel that differs (the platform sets one channel per call). */
	async write(address, wanted, current, itemIndex) {
		for (const { field, loginType } of CHANNELS) {
			if (wanted[field] === undefined || wanted[field] === current[field]) continue;
			const body = {
				domain: address.domain,
				accountName: address.accountName,
				loginType,
				loginPerm: wanted[field] ? 1 : 0,
			};
			await apiRequest.call(this, 'account.updateLoginPermission', body, { itemIndex });
		}
	},
};

export const loginPermissions = settingResource(setting);

/** How the setting is read, for the Settings trigger's "setting now". */
export const loginPermissionsSetting = setting;
