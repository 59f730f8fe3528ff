import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	limitOf,
	optionsCollection,
	returnAllProperties,
	simplifyOption,
	wantsSimplified,
} from '../../shared/descriptions/options';
import type { Item } from '../../shared/framework/item';
import { defaultDomain } from '../../shared/transport';
import type { LogEntry } from '../../shared/logs/entries';
import { filtersCollection } from './filters';
import type { LogRead } from '../../shared/logs/readLog';
import type { TimeRange } from './timeRange';
import { readTimeRange, timeRangeProperties } from './timeRange';

/** What every log query reads before its own parameters. */
export interface LogQueryInput {
	domain: string;
	range: TimeRange;
	limit?: number;
	simplify: boolean;
}

/** A Get Many of a log: its own parameters, Start and End, Filters, Return All / Limit, Options. */
export function logQueryProperties(
	filters: INodeProperties[],
	own: INodeProperties[] = [],
): INodeProperties[] {
	return [
		...own,
		...timeRangeProperties,
		filtersCollection(filters),
		...returnAllProperties,
		optionsCollection([
			{
				...simplifyOption,
				description:
					'Whether to return each entry with the same keys for every entry of this log (time as ISO 8601 with +08:00, timestamp, null for what is missing) instead of the raw platform entry',
			},
		]),
	];
}

export async function readLogQuery(this: IExecuteFunctions, item: Item): Promise<LogQueryInput> {
	return {
		domain: await defaultDomain.call(this),
		range: readTimeRange(item, this.getTimezone()),
		limit: limitOf(item),
		simplify: wantsSimplified(item),
	};
}

/** One output item per entry, newest first. */
export function logOutput<Entry extends LogEntry>(
	reads: Array<LogRead<Entry>>,
	simplify: boolean,
): IDataObject[] {
	return reads.map(({ raw, entry }) => (simplify ? entry : raw));
}
