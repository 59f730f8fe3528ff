import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { AccountAddress } from '../../shared/helpers/validation';
import type { AdminEntry } from '../../shared/logs/adminEntries';
import type { PolledAdminEntry } from '../../shared/logs/adminLogPoll';
import { adminLogPollSource } from '../../shared/logs/adminLogPoll';
import { addressList } from '../../shared/logs/entries';
import { defaultDomain } from '../../shared/transport';
import type { AccountSetting } from '../helpers/accountSetting';
import type { SettingEvent } from './events';
import { ALL_EVENTS, changeOf, enabledIn, EVENT_SOURCES, eventOf } from './events';

export function readEvents(this: IPollFunctions): Set<SettingEvent> {
	const events = this.getNodeParameter('events', ALL_EVENTS) as SettingEvent[];
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Events has none chosen', {
			description: 'Choose at least one event to trigger on.',
		});
	}
	return new Set(events);
}

/** The account an entry acted on: its `target`, a local part or an address. */
function accountOf(target: string | null, domain: string): AccountAddress | undefined {
	if (target === null) return undefined;
	const at = target.lastIndexOf('@');
	const accountName = (at === -1 ? target : target.slice(0, at)).toLowerCase();
	const accountDomain = at === -1 ? domain : target.slice(at + 1).toLowerCase();
	return { accountName, domain: accountDomain, email: `${accountName}@${accountDomain}` };
}

/** A refusal of the platform (a deleted account, say), not a failure to reach it. */
function isRefusal(error: unknown): error is NodeApiError {
	return (
		error instanceof NodeApiError &&
		typeof (error.errorResponse as { code?: unknown } | undefined)?.code === 'number'
	);
}

/**
 * The account's setting as it is now. A refusal (e.g. the account has been deleted since) is said
 * in `settingError` rather than failing the poll, which would hold the trigger on this entry for
 * good; an unreachable platform fails the poll, to be read again at the next one.
 */
async function settingNow(
	this: IPollFunctions,
	setting: AccountSetting,
	address: AccountAddress | undefined,
): Promise<{ setting: IDataObject | null; settingError: string | null }> {
	if (!address) return { setting: null, settingError: 'The log entry names no account' };
	const answer = await setting.read.call(this, address, 0).then(
		(now) => ({ now }),
		(failure: unknown) => ({ failure }),
	);
	if ('now' in answer) return { setting: answer.now, settingError: null };
	// The transport's errors are NodeApiErrors already worded for the user: passed on as they are.
	if (!isRefusal(answer.failure)) throw answer.failure;
	return { setting: null, settingError: answer.failure.message.replace(/ \[item \d+\]$/, '') };
}

/** Forwarding addresses outside the organisation: those the write set, else those set now. */
function forwardingTargets(change: IDataObject, setting: IDataObject | null, domains: string[]) {
	const listed =
		change.addresses !== undefined
			? addressList(change.addresses)
			: Array.isArray(setting?.forwardTo)
				? setting.forwardTo.map(String)
				: [];
	const externalTargets = listed
		.map((address) => address.toLowerCase())
		.filter((address) => !domains.includes(address.slice(address.lastIndexOf('@') + 1)));
	return { externalTargets, hasExternalTarget: externalTargets.length > 0 };
}

async function settingItem(
	this: IPollFunctions,
	entry: AdminEntry,
	event: SettingEvent,
): Promise<IDataObject | undefined> {
	const domain = await defaultDomain.call(this);
	const address = accountOf(entry.target, domain);
	const now = await settingNow.call(this, EVENT_SOURCES[event].setting, address);
	const change = changeOf(entry);
	// A two-factor write that does not say which way it went: the setting now tells.
	if (event === 'twoFactorOff' && enabledIn(change) === undefined && now.setting?.enabled) {
		return undefined;
	}
	const item: IDataObject = {
		event,
		account: address?.accountName ?? null,
		email: address?.email ?? null,
		time: entry.time,
		timestamp: entry.timestamp,
		operator: entry.operator,
		ip: entry.ip,
		action: entry.action,
		change: entry.detail,
		setting: now.setting,
		settingError: now.settingError,
	};
	if (event === 'forwardingChanged') {
		const domains = [...new Set([domain, address?.domain ?? domain])];
		Object.assign(item, forwardingTargets(change, now.setting, domains));
	}
	return item;
}

/** "A setting changed": the admin operation log's writes of the chosen settings, one item each. */
export const settingSource = adminLogPollSource({
	testable(entry) {
		const event = eventOf(entry);
		return event !== undefined && readEvents.call(this).has(event);
	},

	async output({ entry }: PolledAdminEntry) {
		const event = eventOf(entry);
		if (event === undefined || !readEvents.call(this).has(event)) return undefined;
		return await settingItem.call(this, entry, event);
	},
});
