import type { IPollFunctions } from 'n8n-workflow';

import { defaultDomain } from '../transport';
import type { PollSource } from '../trigger/poll';
import type { AdminEntry } from './adminEntries';
import { adminEntry } from './adminEntries';
import type { LogPollOptions, PolledEntry } from './logPoll';
import { logPollSource } from './logPoll';
import type { LogSource } from './readLog';

export type PolledAdminEntry = PolledEntry<AdminEntry>;

/** The admin operation log of the credential's domain, every operator. */
export async function adminLogSources(this: IPollFunctions): Promise<Array<LogSource<AdminEntry>>> {
	const domain = await defaultDomain.call(this);
	return [{ key: 'log.adminOperation', body: { domain }, simplify: adminEntry }];
}

/**
 * The admin operation log as a poll source (the Logs trigger's New Admin Operation, the Settings
 * trigger): the caller says which entries make items and what they say.
 */
export function adminLogPollSource(
	options: Omit<LogPollOptions<AdminEntry>, 'sources'>,
): PollSource<PolledAdminEntry> {
	return logPollSource({ ...options, sources: adminLogSources });
}
