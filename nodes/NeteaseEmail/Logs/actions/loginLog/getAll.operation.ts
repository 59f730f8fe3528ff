import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import { validateChoice } from '../../../shared/helpers/validation';
import {
	accountsFilter,
	contains,
	filterText,
	ipContainsFilter,
	READ_THEN_FILTERED,
	readAccounts,
} from '../../helpers/filters';
import type { LogQueryInput } from '../../helpers/logQuery';
import { logOutput, logQueryProperties, readLogQuery } from '../../helpers/logQuery';
import type { LogSource } from '../../../shared/logs/readLog';
import { readLog } from '../../../shared/logs/readLog';
import type { LoginEntry } from './loginEntries';
import { clientLoginEntry, webLoginEntry } from './loginEntries';

const RESULTS = [
	{ name: 'Failure', value: 'failure', description: 'Only failed logins' },
	{ name: 'Success', value: 'success', description: 'Only successful logins' },
];

const CHANNELS = ['web', 'client', 'both'] as const;
type Channel = (typeof CHANNELS)[number];

interface Input extends LogQueryInput {
	channel: Channel;
	accountNames: string[];
	ipContains: string;
	result?: string;
}

interface Filters {
	accounts?: unknown;
	ipContains?: unknown;
	result?: string;
}

export const getAll: Operation<Input> = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many login log entries',
	description: 'List the logins of a time range, newest first: web, mail programs, or both',
	properties: logQueryProperties(
		[
			accountsFilter('One query covers them all'),
			ipContainsFilter,
			{
				displayName: 'Result',
				name: 'result',
				type: 'options',
				default: 'failure',
				options: RESULTS,
				description: `Only logins with this result. ${READ_THEN_FILTERED}.`,
			},
		],
		[
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'options',
				default: 'web',
				options: [
					{
						name: 'Both',
						value: 'both',
						description: 'Web and mail-program logins together, newest first',
					},
					{
						name: 'Client (IMAP, POP, SMTP)',
						value: 'client',
						description: 'Logins of mail programs such as Outlook or Foxmail',
					},
					{
						name: 'Web',
						value: 'web',
						description: 'Logins to webmail: by password, single sign-on or the mobile app',
					},
				],
			},
		],
	),
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const query = await readLogQuery.call(this, item);
		const filters = item.collection<Filters>('filters');
		const channel = item.param<Channel>('channel', 'web');
		if (!CHANNELS.includes(channel)) {
			throw item
				.field('channel')
				.invalid(`"${String(channel)}" is not a channel`, `Use one of: ${CHANNELS.join(', ')}.`);
		}
		return {
			...query,
			channel,
			accountNames: readAccounts(item, filters.accounts, query.domain),
			ipContains: filterText(filters.ipContains),
			result:
				filters.result === undefined
					? undefined
					: validateChoice(item.field('result'), filters.result, RESULTS),
		};
	},

	async execute(this: IExecuteFunctions, input: Input, item: Item) {
		const { domain, channel, accountNames, ipContains, result } = input;
		const body = { domain, accountNames: accountNames.length > 0 ? accountNames : [''] };
		const sources: Array<LogSource<LoginEntry>> = [];
		if (channel !== 'client') {
			sources.push({
				key: 'log.webLogin',
				body,
				simplify: (raw) => webLoginEntry(raw, domain),
			});
		}
		if (channel !== 'web') {
			sources.push({
				key: 'log.clientLogin',
				body,
				simplify: (raw) => clientLoginEntry(raw, domain),
			});
		}
		const filtered = ipContains !== '' || result !== undefined;
		const reads = await readLog(this, {
			sources,
			range: input.range,
			limit: input.limit,
			matches: filtered
				? (entry: LoginEntry) =>
						contains(entry.ip, ipContains) && (result === undefined || entry.result === result)
				: undefined,
			itemIndex: item.index,
		});
		return logOutput(reads, input.simplify);
	},
};
