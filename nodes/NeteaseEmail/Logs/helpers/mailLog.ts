import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import type { Operation } from '../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../shared/framework/operation';
import { validateChoice } from '../../shared/helpers/validation';
import type { EndpointKey } from '../../shared/transport/endpoints';
import type { LogEntry } from '../../shared/logs/entries';
import {
	accountOf,
	addressList,
	codeOrNull,
	emailOf,
	entryTime,
	numberOrNull,
	textOrNull,
} from '../../shared/logs/entries';
import { accountsFilter, READ_THEN_FILTERED, readAccounts } from './filters';
import type { LogQueryInput } from './logQuery';
import { logOutput, logQueryProperties, readLogQuery } from './logQuery';
import { readLog } from '../../shared/logs/readLog';

/** An entry of the received- or sent-mail log. */
export interface MailEntry extends LogEntry {
	/** The mailbox's account name: the recipient's (received) or the sender's (sent). */
	account: string | null;
	email: string | null;
	/** The Message-ID header, when the log gives it. */
	messageId: string | null;
	/** The message's ID in that mailbox. */
	mid: string | null;
	from: string | null;
	to: string[];
	subject: string | null;
	/** Bytes. */
	size: number | null;
	status: string | null;
}

export type MailLogKind = 'received' | 'sent';

export function mailEntry(raw: IDataObject, domain: string, kind: MailLogKind): MailEntry {
	const account = accountOf(raw.account);
	const email = emailOf(account, domain);
	return {
		...entryTime(raw.time),
		account,
		email,
		messageId: textOrNull(raw.messageId),
		mid: textOrNull(raw.mid),
		// The sent log names no sender: it is the mailbox itself.
		from: kind === 'sent' ? (textOrNull(raw.from) ?? email) : textOrNull(raw.from),
		to: addressList(raw.to),
		subject: typeof raw.subject === 'string' ? raw.subject : null,
		size: numberOrNull(raw.size),
		status: codeOrNull(raw.status),
	};
}

export interface MailLogInput extends LogQueryInput {
	accountNames: string[];
	status?: string;
}

interface MailLogOperation {
	key: EndpointKey;
	kind: MailLogKind;
	action: string;
	description: string;
	statuses: INodePropertyOptions[];
	/** The status the Status filter starts on when added. */
	defaultStatus: string;
}

/** Get Many of a mail log: the two logs differ only in their endpoint and statuses. */
export function mailLogGetAll({
	key,
	kind,
	action,
	description,
	statuses,
	defaultStatus,
}: MailLogOperation): Operation<MailLogInput> {
	return {
		value: 'getAll',
		name: 'Get Many',
		action,
		description,
		properties: logQueryProperties([
			accountsFilter(
				'The platform takes one account per query, so each is queried in turn and the entries merged newest first',
			),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: defaultStatus,
				options: statuses,
				description: `Only messages with this status. ${READ_THEN_FILTERED}.`,
			},
		]),
		concurrency: PARALLEL_ITEMS,

		async prepare(this: IExecuteFunctions, item: Item) {
			const query = await readLogQuery.call(this, item);
			const filters = item.collection<{ accounts?: unknown; status?: string }>('filters');
			return {
				...query,
				accountNames: readAccounts(item, filters.accounts, query.domain),
				status:
					filters.status === undefined
						? undefined
						: String(validateChoice(item.field('status'), filters.status, statuses)),
			};
		},

		async execute(this: IExecuteFunctions, input: MailLogInput, item: Item) {
			const { domain, accountNames, status } = input;
			const bodies =
				accountNames.length > 0
					? accountNames.map((account) => ({ domain, account }))
					: [{ domain }];
			const reads = await readLog(this, {
				sources: bodies.map((body) => ({
					key,
					body,
					simplify: (raw: IDataObject) => mailEntry(raw, domain, kind),
				})),
				range: input.range,
				limit: input.limit,
				matches: status === undefined ? undefined : (entry: MailEntry) => entry.status === status,
				itemIndex: item.index,
			});
			return logOutput(reads, input.simplify);
		},
	};
}
