import type { INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { LoginEntry } from '../actions/loginLog/loginEntries';
import type { Channel } from './events';
import { CHANNELS } from './events';
import type { OfficeHours } from './officeHours';
import { inOfficeHours, officeHoursProperties, readOfficeHours } from './officeHours';

export interface LoginFilters {
	channel: Channel;
	failedOnly: boolean;
	newIp: boolean;
	/** Set when only logins outside these hours trigger. */
	officeHours?: OfficeHours;
	ssoOnly: boolean;
}

const LOGIN = { event: ['newLogin'] };

export const loginProperties: INodeProperties[] = [
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: CHANNELS,
		default: 'web',
		displayOptions: { show: LOGIN },
	},
	{
		displayName: 'Failed Only',
		name: 'failedOnly',
		type: 'boolean',
		default: false,
		description: 'Whether only failed logins trigger',
		displayOptions: { show: LOGIN },
	},
	{
		displayName: 'New IP for the Account',
		name: 'newIp',
		type: 'boolean',
		default: false,
		description:
			"Whether only logins from an IP the account has not logged in from successfully before trigger. The trigger remembers each account's last 50 IPs; an account's first successful login it sees only teaches its IP.",
		displayOptions: { show: LOGIN },
	},
	{
		displayName: 'Outside Office Hours',
		name: 'outsideOfficeHours',
		type: 'boolean',
		default: false,
		description: 'Whether only logins outside the office days and hours (China time) trigger',
		displayOptions: { show: LOGIN },
	},
	...officeHoursProperties(LOGIN),
	{
		displayName: 'SSO Logins Only',
		name: 'ssoOnly',
		type: 'boolean',
		default: false,
		description: 'Whether only web logins by single sign-on trigger',
		displayOptions: { show: { ...LOGIN, channel: ['web', 'both'] } },
	},
];

export function readLoginFilters(this: IPollFunctions): LoginFilters {
	const channel = this.getNodeParameter('channel', 'web') as Channel;
	if (!CHANNELS.some(({ value }) => value === channel)) {
		throw new NodeOperationError(this.getNode(), `Channel "${String(channel)}" is not a channel`, {
			description: 'Choose Web, Client (IMAP, POP, SMTP) or Both.',
		});
	}
	const flag = (name: string) => this.getNodeParameter(name, false) === true;
	return {
		channel,
		failedOnly: flag('failedOnly'),
		newIp: flag('newIp'),
		officeHours: flag('outsideOfficeHours') ? readOfficeHours.call(this) : undefined,
		// Mail programs never sign in by SSO: the option is for the web channel.
		ssoOnly: channel !== 'client' && flag('ssoOnly'),
	};
}

/** The filters that need nothing but the entry (New IP needs what the trigger remembers). */
export function passesLoginFilters(entry: LoginEntry, filters: LoginFilters): boolean {
	if (filters.failedOnly && entry.result !== 'failure') return false;
	if (filters.ssoOnly && entry.method !== 'sso') return false;
	const { officeHours } = filters;
	if (officeHours && (entry.timestamp === null || inOfficeHours(entry.timestamp, officeHours))) {
		return false;
	}
	return true;
}
