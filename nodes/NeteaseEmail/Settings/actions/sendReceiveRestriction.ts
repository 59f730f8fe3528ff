import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';
import { validateChoice } from '../../shared/helpers/validation';
import { apiRequest } from '../../shared/transport';

/** `rsLimitType` (reference §10.2) by the names the node uses. */
const RESTRICTIONS: Record<string, number> = {
	none: -1,
	sendInsideOnly: 17,
	receiveInsideOnly: 18,
	insideOnly: 19,
};
const byType = Object.fromEntries(Object.entries(RESTRICTIONS).map(([name, type]) => [type, name]));

const CHOICES = [
	{ name: 'No Restriction', value: 'none' },
	{ name: 'Receive From Inside the Domain Only', value: 'receiveInsideOnly' },
	{ name: 'Send and Receive Inside the Domain Only', value: 'insideOnly' },
	{ name: 'Send Inside the Domain Only', value: 'sendInsideOnly' },
];

const setting: AccountSetting<{ restriction: string }> = {
	value: 'sendReceiveRestriction',
	name: 'Send/Receive Restriction',
	noun: 'the send/receive restriction',
	properties: [
		{
			displayName: 'Restriction',
			name: 'restriction',
			type: 'options',
			default: 'none',
			options: CHOICES,
		},
	],
	readWanted: (item) => ({
		restriction: validateChoice(item.field('restriction'), item.param('restriction'), CHOICES),
	}),
	async read(address, itemIndex) {
		const data = await apiRequest.call(
			this,
			'mailAccount.get',
			{ domain: address.domain, accountName: address.accountName },
			{ itemIndex },
		);
		const type = Number(data.rsLimitType ?? -1);
		return { restriction: byType[type] ?? `rsLimitType ${type}` };
	},
	async write(address, { restriction }, _current, itemIndex) {
		const body = {
			domain: address.domain,
			accountName: address.accountName,
			rsLimitType: RESTRICTIONS[restriction],
		};
		await apiRequest.call(this, 'mailAccount.updateRsLimit', body, { itemIndex });
	},
};

export const sendReceiveRestriction = settingResource(setting);
