import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';
import { validateBoolean } from '../../shared/helpers/validation';
import { twoFactorIo } from '../../shared/settings/twoFactor';

const setting: AccountSetting<{ enabled: boolean }> = {
	value: 'twoFactor',
	name: 'Two-Factor Authentication',
	noun: 'two-factor authentication',
	properties: [
		{
			displayName: 'Enabled',
			name: 'enabled',
			type: 'boolean',
			default: true,
			description: 'Whether logging in needs a second factor besides the password',
		},
	],
	readWanted: (item) => ({
		enabled: validateBoolean(item.field('enabled'), item.param('enabled')),
	}),
	...twoFactorIo,
};

export const twoFactor = settingResource(setting);

/** How the setting is read, for the Settings trigger's "setting now". */
export const twoFactorSetting = setting;
