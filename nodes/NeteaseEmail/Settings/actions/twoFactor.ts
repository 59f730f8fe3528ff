import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';
import { validateBoolean } from '../../shared/helpers/validation';
import { apiRequest } from '../../shared/transport';

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
	async read(address, itemIndex) {
		const body = { domain: address.domain, accountName: address.accountName };
		const data = await apiRequest.call(this, 'secondFactor.get', body, { itemIndex });
		return { enabled: Number(data.enabled) === 1 };
	},
	async write(address, { enabled }, _current, itemIndex) {
		const body = {
			domain: address.domain,
			accountName: address.accountName,
			enabled: enabled ? 1 : 0,
		};
		await apiRequest.call(this, 'secondFactor.update', body, { itemIndex });
	},
};

export const twoFactor = settingResource(setting);

/** How the setting is read, for the Settings trigger's "setting now". */
export const twoFactorSetting = setting;
