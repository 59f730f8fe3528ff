import type { INodeParameterResourceLocator, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsCollection, simplifyOption } from '../../shared/descriptions/options';
import type { AccountAddress, Field } from '../../shared/helpers/validation';
import { pollProperties } from '../../shared/trigger/poll';
import type { MessageFilter } from '../actions/message/messageFilter';
import { FOLDER_OPTIONS, mailboxLocator, parseFolder, parseMailbox } from '../helpers/mailbox';

/** What the trigger watches and emits, read and checked once per poll. */
export interface NewMailSettings {
	mailboxes: AccountAddress[];
	fids: number[];
	filter: MessageFilter;
	hasAttachments: boolean;
	simplify: boolean;
	downloadBody: boolean;
	/** Mail dated up to this long before the newest mail already passed still counts as new. */
	latenessMs: number;
}

const DEFAULT_LATE_MINUTES = 30;

export const newMailProperties: INodeProperties[] = [
	{
		displayName:
			'Each new mail is one item, oldest first; a poll may bring several (up to Max Items per Poll)',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Mailboxes',
		name: 'mailboxes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mailbox',
		default: {},
		required: true,
		description: "The mailboxes to watch: accounts in the credential's default mail domain",
		options: [
			{
				displayName: 'Mailbox',
				name: 'values',
				values: [mailboxLocator({ description: 'A mailbox to watch for new mail' })],
			},
		],
	},
	{
		displayName: 'Folders',
		name: 'folders',
		type: 'multiOptions',
		default: [1],
		options: FOLDER_OPTIONS,
		description: 'The folders of each mailbox to watch',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'From Contains',
				name: 'fromContains',
				type: 'string',
				default: '',
				placeholder: 'e.g. example.com',
				description: 'Only mail whose sender (name or address) contains this text, in any case',
			},
			{
				displayName: 'Has Attachments',
				name: 'hasAttachments',
				type: 'boolean',
				default: false,
				description: 'Whether to trigger only on mail with at least one attachment',
			},
			{
				displayName: 'Subject Contains',
				name: 'subjectContains',
				type: 'string',
				default: '',
				description: 'Only mail whose subject contains this text, in any case',
			},
			{
				displayName: 'Unread Only',
				name: 'unreadOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to trigger only on mail still unread when the poll sees it',
			},
		],
	},
	...pollProperties,
	optionsCollection([
		{
			displayName: 'Download Body',
			name: 'downloadBody',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the text and HTML bodies of each mail (costs one more platform call per mail emitted)',
		},
		{
			displayName: 'Late Mail Window (Minutes)',
			name: 'lateMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_LATE_MINUTES,
			description:
				'Mail dated up to this many minutes before mail already seen still triggers when it arrives later (delivery delays, senders with wrong clocks); 0 turns this off',
		},
		simplifyOption,
	]),
];

interface Filters {
	fromContains?: unknown;
	hasAttachments?: boolean;
	subjectContains?: unknown;
	unreadOnly?: boolean;
}

interface Options {
	downloadBody?: boolean;
	lateMinutes?: unknown;
	simplify?: boolean;
}

type MailboxValue = INodeParameterResourceLocator | string | undefined;

/** A trigger parameter: errors name it as the editor does (there are no items to number). */
function parameterField(this: IPollFunctions, label: string): Field {
	return {
		label,
		invalid: (problem, fix) =>
			new NodeOperationError(this.getNode(), `${label} ${problem}`, { description: fix }),
	};
}

async function readMailboxes(this: IPollFunctions): Promise<AccountAddress[]> {
	const { values = [] } = this.getNodeParameter('mailboxes', {}) as {
		values?: Array<{ mailbox?: MailboxValue }>;
	};
	const field = parameterField.call(this, 'Mailbox');
	const mailboxes = new Map<string, AccountAddress>();
	for (const { mailbox } of values) {
		const value = typeof mailbox === 'object' ? mailbox?.value : mailbox;
		const address = await parseMailbox.call(this, field, value);
		mailboxes.set(address.email, address);
	}
	if (mailboxes.size === 0) {
		throw parameterField
			.call(this, 'Mailboxes')
			.invalid('has none', 'Add at least one mailbox to watch.');
	}
	return [...mailboxes.values()];
}

function readFolders(this: IPollFunctions): number[] {
	const folders = this.getNodeParameter('folders', [1]) as unknown;
	const list = Array.isArray(folders)
		? folders
		: String(folders ?? '')
				.split(',')
				.filter((folder) => folder.trim());
	const field = parameterField.call(this, 'Folders');
	if (list.length === 0) throw field.invalid('is empty', 'Choose at least one folder.');
	return [...new Set(list.map((folder) => parseFolder(field, folder)))];
}

function readLateness(this: IPollFunctions, value: unknown): number {
	const minutes = Number(value ?? DEFAULT_LATE_MINUTES);
	if (!Number.isFinite(minutes) || minutes < 0) {
		throw parameterField
			.call(this, 'Late Mail Window (Minutes)')
			.invalid(`"${String(value)}" is not a number of minutes`, 'Use 0 or more minutes.');
	}
	return Math.round(minutes * 60_000);
}

export async function readSettings(this: IPollFunctions): Promise<NewMailSettings> {
	const filters = this.getNodeParameter('filters', {}) as Filters;
	const options = this.getNodeParameter('options', {}) as Options;
	const text = (value: unknown) =>
		String(value ?? '')
			.trim()
			.toLowerCase();
	return {
		mailboxes: await readMailboxes.call(this),
		fids: readFolders.call(this),
		filter: {
			unreadOnly: filters.unreadOnly === true,
			fromContains: text(filters.fromContains),
			subjectContains: text(filters.subjectContains),
		},
		hasAttachments: filters.hasAttachments === true,
		simplify: options.simplify ?? true,
		downloadBody: options.downloadBody === true,
		latenessMs: readLateness.call(this, options.lateMinutes),
	};
}
