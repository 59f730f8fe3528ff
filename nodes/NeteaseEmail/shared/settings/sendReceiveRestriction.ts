import { apiRequest } from '../transport';
import type { SettingIo } from './settingIo';
import { accountBody } from './settingIo';

/** `rsLimitType` (reference §10.2) by the names the nodes use. */
export const RESTRICTIONS: Record<string, number> = {
	none: -1,
	sendInsideOnly: 17,
	receiveInsideOnly: 18,
	insideOnly: 19,
};
const byType = Object.fromEntries(Object.entries(RESTRICTIONS).map(([name, type]) => [type, name]));

export const RESTRICTION_CHOICES = [
	{ name: 'No Restriction', value: 'none' },
	{ name: 'Receive From Inside the Domain Only', value: 'receiveInsideOnly' },
	{ name: 'Send and Receive Inside the Domain Only', value: 'insideOnly' },
	{ name: 'Send Inside the Domain Only', value: 'sendInsideOnly' },
];

export const sendReceiveRestrictionIo: SettingIo<{ restriction: string }> = {
	async read(address, itemIndex) {
		const data = await apiRequest.call(this, 'mailAccount.get', accountBody(address), {
			itemIndex,
		});
		const type = Number(data.rsLimitType ?? -1);
		return { restriction: byType[type] ?? `rsLimitType ${type}` };
	},
	async write(address, { restriction }, _current, itemIndex) {
		const body = { ...accountBody(address), rsLimitType: RESTRICTIONS[restriction] };
		await apiRequest.call(this, 'mailAccount.updateRsLimit', body, { itemIndex });
	},
};
