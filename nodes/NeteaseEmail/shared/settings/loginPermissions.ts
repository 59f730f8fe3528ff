import type { IDataObject } from 'n8n-workflow';

import { apiRequest } from '../transport';
import type { SettingIo } from './settingIo';
import { accountBody, flag } from './settingIo';

/**
 * Login channels (`loginType`, reference §10.3) the platform controls per account, by the output
 * field each is shown as.
 */
export const LOGIN_CHANNELS = [
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

/** Whether the account may log in, by channel field. */
export type LoginPermissions = Record<string, boolean>;

export const loginPermissionsIo: SettingIo<LoginPermissions> = {
	async read(address, itemIndex) {
		const data = await apiRequest.call(this, 'mailAccount.get', accountBody(address), {
			itemIndex,
		});
		const perms = (data.loginPerms ?? {}) as IDataObject;
		// A channel the answer does not mention has the platform's default: allowed.
		return Object.fromEntries(
			LOGIN_CHANNELS.map(({ field, loginType }) => [field, Number(perms[loginType] ?? 1) === 1]),
		);
	},
	/** One call per channel that differs (the platform sets one channel per call). */
	async write(address, wanted, current, itemIndex) {
		for (const { field, loginType } of LOGIN_CHANNELS) {
			if (wanted[field] === undefined || wanted[field] === current[field]) continue;
			const body = { ...accountBody(address), loginType, loginPerm: flag(wanted[field]) };
			await apiRequest.call(this, 'account.updateLoginPermission', body, { itemIndex });
		}
	},
};
