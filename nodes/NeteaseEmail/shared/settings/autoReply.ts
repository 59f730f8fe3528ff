import type { IDataObject } from 'n8n-workflow';

import { chinaTimeToIso, formatChinaTime } from '../helpers/chinaTime';
import { apiRequest } from '../transport';
import type { SettingIo } from './settingIo';
import { accountBody, flag } from './settingIo';

/** Reply To (output form) → the wire's `scope`. */
export const REPLY_TO: Record<string, string> = {
	everyone: 'all',
	insideDomain: 'internal',
	outsideDomain: 'external',
};
const replyToOf = Object.fromEntries(Object.entries(REPLY_TO).map(([name, wire]) => [wire, name]));

export interface AutoReply extends IDataObject {
	enabled?: boolean;
	content?: string;
	/** ISO time, `null` = open-ended. */
	periodStart?: string | null;
	periodEnd?: string | null;
	replyTo?: string;
}

const wireTime = (iso: string | null) => (iso ? formatChinaTime(Date.parse(iso)) : '');

export const autoReplyIo: SettingIo<AutoReply> = {
	async read(address, itemIndex) {
		const data = await apiRequest.call(this, 'autoReply.get', accountBody(address), {
			itemIndex,
		});
		const scope = String(data.scope ?? 'all');
		return {
			enabled: Number(data.enabled) === 1,
			content: String(data.content ?? ''),
			periodStart: chinaTimeToIso(String(data.startTime ?? '')) || null,
			periodEnd: chinaTimeToIso(String(data.endTime ?? '')) || null,
			replyTo: replyToOf[scope] ?? scope,
		};
	},
	async write(address, wanted, _current, itemIndex) {
		const body: IDataObject = accountBody(address);
		if (wanted.enabled !== undefined) body.enabled = flag(wanted.enabled);
		if (wanted.content !== undefined) body.content = wanted.content;
		if (wanted.periodStart !== undefined) body.startTime = wireTime(wanted.periodStart);
		if (wanted.periodEnd !== undefined) body.endTime = wireTime(wanted.periodEnd);
		if (wanted.replyTo !== undefined) body.scope = REPLY_TO[wanted.replyTo];
		await apiRequest.call(this, 'autoReply.update', body, { itemIndex });
	},
};
