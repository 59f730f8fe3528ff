import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { adminLogSources } from '../../shared/logs/adminLogPoll';
import type { LogEntry } from '../../shared/logs/entries';
import type { PolledEntry } from '../../shared/logs/logPoll';
import { logPollSource } from '../../shared/logs/logPoll';
import type { LogSource } from '../../shared/logs/readLog';
import { defaultDomain } from '../../shared/transport';
import type { LoginEntry } from '../actions/loginLog/loginEntries';
import { clientLoginEntry, webLoginEntry } from '../actions/loginLog/loginEntries';
import { mailEntry } from '../helpers/mailLog';
import type { LogEvent } from './events';
import { EVENTS } from './events';
import type { KnownIps } from './knownIps';
import { isNewIp, learnIp } from './knownIps';
import { passesLoginFilters, readLoginFilters } from './loginFilters';

interface TriggerState extends IDataObject {
	knownIps?: KnownIps;
}

function readEvent(this: IPollFunctions): LogEvent {
	const event = this.getNodeParameter('event', 'newLogin') as LogEvent;
	if (!EVENTS.some(({ value }) => value === event)) {
		throw new NodeOperationError(this.getNode(), `Event "${String(event)}" is not an event`, {
			description: `Choose one of: ${EVENTS.map(({ name }) => name).join(', ')}.`,
		});
	}
	return event;
}

async function loginSources(this: IPollFunctions): Promise<Array<LogSource<LoginEntry>>> {
	const { channel, ssoOnly } = readLoginFilters.call(this);
	const domain = await defaultDomain.call(this);
	const body = { domain, accountNames: [''] };
	const sources: Array<LogSource<LoginEntry>> = [];
	if (channel !== 'client') {
		sources.push({ key: 'log.webLogin', body, simplify: (raw) => webLoginEntry(raw, domain) });
	}
	if (channel !== 'web' && !ssoOnly) {
		sources.push({
			key: 'log.clientLogin',
			body,
			simplify: (raw) => clientLoginEntry(raw, domain),
		});
	}
	return sources;
}

/** The queries of the chosen event's log; reading them checks the parameters too. */
async function sources(this: IPollFunctions): Promise<Array<LogSource<LogEntry>>> {
	const event = readEvent.call(this);
	if (event === 'newLogin') return await loginSources.call(this);
	if (event === 'newAdminOperation') return await adminLogSources.call(this);
	const domain = await defaultDomain.call(this);
	const [key, kind] =
		event === 'newReceivedMail'
			? (['log.receivedMail', 'received'] as const)
			: (['log.sentMail', 'sent'] as const);
	return [{ key, body: { domain }, simplify: (raw) => mailEntry(raw, domain, kind) }];
}

/**
 * Whether a login triggers. With New IP for the Account, every login polled (not only those that
 * trigger) teaches what the trigger remembers: in the static data, so only while active, and only
 * as the cursor moves past it (a poll's items are built after everything was read).
 */
function loginTriggers(this: IPollFunctions, entry: LoginEntry): boolean {
	const filters = readLoginFilters.call(this);
	let fresh = true;
	if (filters.newIp && this.getMode() !== 'manual') {
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const known = (state.knownIps ??= {});
		fresh = isNewIp(known, entry);
		learnIp(known, entry);
	}
	return fresh && passesLoginFilters(entry, filters);
}

function simplified(this: IPollFunctions): boolean {
	const { simplify } = this.getNodeParameter('options', {}) as { simplify?: boolean };
	return simplify ?? true;
}

export const logsSource = logPollSource<LogEntry>({
	sources,

	testable(entry) {
		if (readEvent.call(this) !== 'newLogin') return true;
		return passesLoginFilters(entry as LoginEntry, readLoginFilters.call(this));
	},

	output({ raw, entry }: PolledEntry<LogEntry>) {
		if (readEvent.call(this) === 'newLogin' && !loginTriggers.call(this, entry as LoginEntry)) {
			return undefined;
		}
		return simplified.call(this) ? entry : raw;
	},
});
