import type { INodeProperties } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import { formatDateTime, parseDateTime } from '../../shared/helpers/dateTimes';
import type { TimeRange } from '../../shared/logs/readLog';

export type { TimeRange } from '../../shared/logs/readLog';

const SECOND = 1000;
const EXAMPLES =
	"Use e.g. 2026-03-01T09:00:00 (the workflow's time zone), 2026-03-01T09:00:00+08:00, or an expression such as {{ $now.minus({ days: 1 }) }}.";

export const timeRangeProperties: INodeProperties[] = [
	{
		displayName: 'Start',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"The earliest entries to return, in any time zone (without one, the workflow's). Ranges longer than the platform allows per query are split automatically.",
	},
	{
		displayName: 'End',
		name: 'endTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"The latest entries to return, in any time zone (without one, the workflow's); e.g. {{ $now }}",
	},
];

function readTime(item: Item, name: string, timeZone: string): number {
	const field = item.field(name);
	const epoch = parseDateTime(field, item.param<unknown>(name, ''), timeZone);
	if (epoch === undefined) throw field.invalid('is empty', EXAMPLES);
	return Math.floor(epoch / SECOND) * SECOND;
}

/** Start and End, checked: both set, in order, and Start not in the future. */
export function readTimeRange(item: Item, timeZone: string, now = Date.now()): TimeRange {
	const start = readTime(item, 'startTime', timeZone);
	const end = readTime(item, 'endTime', timeZone);
	const shown = (epoch: number) => formatDateTime(epoch, timeZone);
	if (start > now) {
		throw item
			.field('startTime')
			.invalid(
				`(${shown(start)}) is in the future`,
				'Logs hold only what already happened: choose a Start before now.',
			);
	}
	if (end < start) {
		throw item
			.field('endTime')
			.invalid(
				`(${shown(end)}) is before Start (${shown(start)})`,
				'Swap Start and End: End is the later time.',
			);
	}
	return { start, end };
}
