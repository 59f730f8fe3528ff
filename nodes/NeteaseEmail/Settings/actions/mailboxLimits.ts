import type { Item } from '../../shared/framework/item';
import { validateBoolean } from '../../shared/helpers/validation';
import type { MailboxLimits } from '../../shared/settings/mailboxLimits';
import {
	DAILY_SENDING_LIMIT,
	mailboxLimitsIo,
	QUOTA_MB,
} from '../../shared/settings/mailboxLimits';
import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';
import { readSettingsToChange, settingsToChange } from '../helpers/settingsToChange';

type Limits = MailboxLimits;

function wholeNumberIn(
	item: Item,
	name: string,
	value: unknown,
	{ min, max }: { min: number; max: number },
	unit: string,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw item
			.field(name)
			.invalid(
				`is ${JSON.stringify(value)}, not a whole number from ${min} to ${max}`,
				`Enter ${unit} from ${min} to ${max}.`,
			);
	}
	return number;
}

const setting: AccountSetting<Limits> = {
	value: 'mailboxLimits',
	name: 'Mailbox Limits',
	noun: 'the mailbox limits',
	properties: [
		settingsToChange([
			{
				displayName: 'Daily Sending Limit',
				name: 'dailySendingLimit',
				type: 'number',
				default: 0,
				typeOptions: { minValue: DAILY_SENDING_LIMIT.min, maxValue: DAILY_SENDING_LIMIT.max },
				description: `Mails the account may send per day (China time), up to ${DAILY_SENDING_LIMIT.max}; 0 = the platform's default`,
			},
			{
				displayName: 'Large Attachments Allowed',
				name: 'largeAttachmentsAllowed',
				type: 'boolean',
				default: true,
				description: 'Whether the account may send large (cloud) attachments',
			},
			{
				displayName: 'Mailbox Quota (MB)',
				name: 'quotaMb',
				type: 'number',
				default: 5120,
				typeOptions: { minValue: QUOTA_MB.min, maxValue: QUOTA_MB.max },
				description: `Mailbox size in megabytes, ${QUOTA_MB.min} to ${QUOTA_MB.max} (1 TB)`,
			},
			{
				displayName: 'Sending Allowed',
				name: 'sendingAllowed',
				type: 'boolean',
				default: true,
				description: 'Whether the account may send mail at all',
			},
		]),
	],
	readWanted(item) {
		const fields = readSettingsToChange<Record<keyof Limits, unknown>>(item);
		const wanted: Limits = {};
		if (fields.quotaMb !== undefined) {
			wanted.quotaMb = wholeNumberIn(item, 'quotaMb', fields.quotaMb, QUOTA_MB, 'megabytes');
		}
		if (fields.sendingAllowed !== undefined)
			wanted.sendingAllowed = validateBoolean(item.field('sendingAllowed'), fields.sendingAllowed);
		if (fields.dailySendingLimit !== undefined) {
			wanted.dailySendingLimit = wholeNumberIn(
				item,
				'dailySendingLimit',
				fields.dailySendingLimit,
				DAILY_SENDING_LIMIT,
				'a number of mails (0 = the platform default)',
			);
		}
		if (fields.largeAttachmentsAllowed !== undefined) {
			wanted.largeAttachmentsAllowed = validateBoolean(
				item.field('largeAttachmentsAllowed'),
				fields.largeAttachmentsAllowed,
			);
		}
		return wanted;
	},
	...mailboxLimitsIo,
};

export const mailboxLimits = settingResource(setting);

/** How the setting is read, for the Settings trigger's "setting now". */
export const mailboxLimitsSetting = setting;
