import type { IDataObject } from 'n8n-workflow';

import { apiRequest } from '../transport';
import type { SettingIo } from './settingIo';
import { accountBody, flag } from './settingIo';

/** The ranges `updateMailLimits` accepts. */
export const QUOTA_MB = { min: 1, max: 1048576 };
export const DAILY_SENDING_LIMIT = { min: 0, max: 100000 };

export type MailboxLimits = {
	quotaMb?: number;
	sendingAllowed?: boolean;
	dailySendingLimit?: number;
	largeAttachmentsAllowed?: boolean;
};

export const mailboxLimitsIo: SettingIo<MailboxLimits> = {
	async read(address, itemIndex) {
		const data = await apiRequest.call(this, 'limits.get', accountBody(address), { itemIndex });
		return {
			quotaMb: Number(data.quotaMb),
			usedMb: Number(data.usedMb ?? 0),
			sendingAllowed: Number(data.sendAllowed) === 1,
			dailySendingLimit: Number(data.dailySendLimit ?? 0),
			largeAttachmentsAllowed: Number(data.largeAttachmentAllowed) === 1,
		};
	},
	async write(address, wanted, _current, itemIndex) {
		const body: IDataObject = accountBody(address);
		if (wanted.quotaMb !== undefined) body.quotaMb = wanted.quotaMb;
		if (wanted.sendingAllowed !== undefined) body.sendAllowed = flag(wanted.sendingAllowed);
		if (wanted.dailySendingLimit !== undefined) body.dailySendLimit = wanted.dailySendingLimit;
		if (wanted.largeAttachmentsAllowed !== undefined) {
			body.largeAttachmentAllowed = flag(wanted.largeAttachmentsAllowed);
		}
		await apiRequest.call(this, 'limits.update', body, { itemIndex });
	},
};
