import { validateBoolean } from '../../shared/helpers/validation';
import type { LoginPermissions as Permissions } from '../../shared/settings/loginPermissions';
import { LOGIN_CHANNELS, loginPermissionsIo } from '../../shared/settings/loginPermissions';
import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';
import { readSettingsToChange, settingsToChange } from '../helpers/settingsToChange';

/** The same channels as Address Book → Account → Set Login Permissions. */
const CHANNELS = LOGIN_CHANNELS;

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
	...loginPermissionsIo,
};

export const loginPermissions = settingResource(setting);

/** How the setting is read, for the Settings trigger's "setting now". */
export const loginPermissionsSetting = setting;
