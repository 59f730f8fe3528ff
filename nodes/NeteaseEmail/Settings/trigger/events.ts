import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { AdminEntry } from '../../shared/logs/adminEntries';
import type { AccountSetting } from '../helpers/accountSetting';
import { forwardingSetting } from '../actions/forwarding';
import { loginPermissionsSetting } from '../actions/loginPermissions';
import { mailboxLimitsSetting } from '../actions/mailboxLimits';
import { twoFactorSetting } from '../actions/twoFactor';

export type SettingEvent =
	| 'forwardingChanged'
	| 'loginPermissionChanged'
	| 'mailLimitsChanged'
	| 'twoFactorOff';

export const EVENTS: INodePropertyOptions[] = [
	{
		name: 'Forwarding Added or Changed',
		value: 'forwardingChanged',
		description:
			"An account's mail forwarding was switched on or changed; flags addresses outside the organisation",
	},
	{
		name: 'Login Permission Changed',
		value: 'loginPermissionChanged',
		description: 'An account was allowed or refused a login channel: IMAP, POP, SMTP, web mail…',
	},
	{
		name: 'Quota or Send Limit Changed',
		value: 'mailLimitsChanged',
		description:
			"An account's mail limits were changed: mailbox quota, daily sending limit, sending or large attachments allowed",
	},
	{
		name: 'Two-Factor Turned Off',
		value: 'twoFactorOff',
		description: 'Two-factor authentication was switched off for an account',
	},
];

export const ALL_EVENTS = EVENTS.map(({ value }) => value as SettingEvent);

/** The admin-log action (the write's path, last segment) of each event, and the setting it changes. */
export const EVENT_SOURCES: Record<SettingEvent, { action: string; setting: AccountSetting }> = {
	forwardingChanged: { action: 'updateForward', setting: forwardingSetting },
	loginPermissionChanged: { action: 'updateAccountLoginPerm', setting: loginPermissionsSetting },
	mailLimitsChanged: { action: 'updateMailLimits', setting: mailboxLimitsSetting },
	twoFactorOff: { action: 'updateSecondFactor', setting: twoFactorSetting },
};

/** The parameters the write was sent with, `{}` when the log gives none as JSON. */
export function changeOf(entry: AdminEntry): IDataObject {
	return entry.detail !== null && typeof entry.detail === 'object' ? entry.detail : {};
}

/** `enabled` as the write sent it (1/0, true/false), undefined when it sent none. */
export function enabledIn(change: IDataObject): boolean | undefined {
	const value = change.enabled;
	if (value === undefined || value === null || value === '') return undefined;
	return value === true || Number(value) === 1;
}

/**
 * The event an admin-log entry may be: by its action, except that switching forwarding off is no
 * "added or changed", and switching two-factor on no "turned off". A two-factor write that does not
 * say which way it went is decided by the setting now.
 */
export function eventOf(entry: AdminEntry): SettingEvent | undefined {
	const action = entry.action?.toLowerCase();
	const event = ALL_EVENTS.find((name) => EVENT_SOURCES[name].action.toLowerCase() === action);
	const enabled = enabledIn(changeOf(entry));
	if (event === 'forwardingChanged' && enabled === false) return undefined;
	if (event === 'twoFactorOff' && enabled === true) return undefined;
	return event;
}
