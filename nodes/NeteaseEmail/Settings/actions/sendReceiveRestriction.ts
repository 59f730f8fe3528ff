import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';
import { validateChoice } from '../../shared/helpers/validation';
import {
	RESTRICTION_CHOICES as CHOICES,
	sendReceiveRestrictionIo,
} from '../../shared/settings/sendReceiveRestriction';

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
	...sendReceiveRestrictionIo,
};

export const sendReceiveRestriction = settingResource(setting);
