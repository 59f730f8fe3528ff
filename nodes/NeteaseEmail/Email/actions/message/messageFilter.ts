import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import { parseDateTime } from '../../../shared/helpers/dateTimes';
import { isRead } from '../../helpers/messageOutput';

/** Get Many's Filters: the platform's list has none, so they apply to each page as it comes. */
export interface MessageFilter {
	unreadOnly: boolean;
	/** Epoch ms: received at or after. */
	receivedAfter?: number;
	/** Epoch ms: received before. */
	receivedBefore?: number;
	fromContains: string;
	subjectContains: string;
}

export const filterProperty: INodeProperties = {
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
			description: 'Only messages whose sender (name or address) contains this text, in any case',
		},
		{
			displayName: 'Received After',
			name: 'receivedAfter',
			type: 'dateTime',
			default: '',
			description:
				"Only messages received at or after this time; without a zone it is the workflow's time zone",
		},
		{
			displayName: 'Received Before',
			name: 'receivedBefore',
			type: 'dateTime',
			default: '',
			description:
				"Only messages received before this time; without a zone it is the workflow's time zone",
		},
		{
			displayName: 'Subject Contains',
			name: 'subjectContains',
			type: 'string',
			default: '',
			description: 'Only messages whose subject contains this text, in any case',
		},
		{
			displayName: 'Unread Only',
			name: 'unreadOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to return only messages not yet read',
		},
	],
};

interface FilterParameters {
	unreadOnly?: boolean;
	receivedAfter?: unknown;
	receivedBefore?: unknown;
	fromContains?: unknown;
	subjectContains?: unknown;
}

export function readFilter(item: Item, timeZone: string): MessageFilter {
	const filters = item.collection<FilterParameters>('filters');
	const receivedAfter = parseDateTime(item.field('receivedAfter'), filters.receivedAfter, timeZone);
	const receivedBefore = parseDateTime(
		item.field('receivedBefore'),
		filters.receivedBefore,
		timeZone,
	);
	if (
		receivedAfter !== undefined &&
		receivedBefore !== undefined &&
		receivedAfter >= receivedBefore
	) {
		throw item
			.field('receivedAfter')
			.invalid(
				`(${new Date(receivedAfter).toISOString()}) is not before Received Before (${new Date(receivedBefore).toISOString()})`,
				'Swap the two times, or clear one of them.',
			);
	}
	const text = (value: unknown) =>
		String(value ?? '')
			.trim()
			.toLowerCase();
	return {
		unreadOnly: filters.unreadOnly === true,
		receivedAfter,
		receivedBefore,
		fromContains: text(filters.fromContains),
		subjectContains: text(filters.subjectContains),
	};
}

export function sentDate(message: IDataObject): number {
	return Number(message.sentDate ?? 0);
}

export function matches(message: IDataObject, filter: MessageFilter): boolean {
	const date = sentDate(message);
	return (
		(!filter.unreadOnly || !isRead(message.read)) &&
		(filter.receivedAfter === undefined || date >= filter.receivedAfter) &&
		(filter.receivedBefore === undefined || date < filter.receivedBefore) &&
		String(message.from ?? '')
			.toLowerCase()
			.includes(filter.fromContains) &&
		String(message.subject ?? '')
			.toLowerCase()
			.includes(filter.subjectContains)
	);
}
