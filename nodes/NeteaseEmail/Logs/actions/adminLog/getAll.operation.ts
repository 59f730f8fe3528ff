import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { Field } from '../../../shared/helpers/validation';
import { checkCharacters } from '../../../shared/helpers/validation';
import { contains, filterText, ipContainsFilter, READ_THEN_FILTERED } from '../../helpers/filters';
import type { LogQueryInput } from '../../helpers/logQuery';
import { logOutput, logQueryProperties, readLogQuery } from '../../helpers/logQuery';
import { readLog } from '../../../shared/logs/readLog';
import type { AdminEntry } from './adminEntries';
import { adminEntry } from './adminEntries';

/** An app ID (qy20000101000000BEEF) or an administrator's account name or address. */
const OPERATOR = /^[A-Za-z0-9._@-]{1,128}$/;

function operatorOf(field: Field, value: unknown): string | undefined {
	const operator = checkCharacters(field, filterText(value), 'identifier');
	if (operator && !OPERATOR.test(operator)) {
		throw field.invalid(
			`"${operator}" is not an app ID or account name`,
			'Give the app ID of an app using the open API (e.g. qy20000101000000BEEF) or an administrator account name (e.g. admin).',
		);
	}
	return operator || undefined;
}

interface Input extends LogQueryInput {
	operator?: string;
	ipContains: string;
	module: string;
}

interface Filters {
	operator?: unknown;
	ipContains?: unknown;
	module?: unknown;
}

export const getAll: Operation<Input> = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many admin operation log entries',
	description:
		'List the changes administrators and apps made in a time range (accounts, departments, lists, settings…), newest first',
	properties: logQueryProperties([
		ipContainsFilter,
		{
			displayName: 'Module',
			name: 'module',
			type: 'string',
			default: '',
			placeholder: 'e.g. account',
			description: `Only operations of this module, e.g. account, unit, maillist, mailaccount or mail. ${READ_THEN_FILTERED}.`,
		},
		{
			displayName: 'Operator',
			name: 'operator',
			type: 'string',
			default: '',
			placeholder: 'e.g. qy20000101000000BEEF',
			description:
				'Only operations by this operator: the app ID of an app using the open API, or an administrator account name',
		},
	]),
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const query = await readLogQuery.call(this, item);
		const filters = item.collection<Filters>('filters');
		return {
			...query,
			operator: operatorOf(item.field('operator'), filters.operator),
			ipContains: filterText(filters.ipContains),
			module: filterText(filters.module).toLowerCase(),
		};
	},

	async execute(this: IExecuteFunctions, input: Input, item: Item) {
		const { domain, operator, ipContains, module } = input;
		const body: IDataObject = { domain };
		if (operator !== undefined) body.operator = operator;
		const reads = await readLog(this, {
			sources: [{ key: 'log.adminOperation', body, simplify: adminEntry }],
			range: input.range,
			limit: input.limit,
			matches:
				ipContains !== '' || module !== ''
					? (entry: AdminEntry) =>
							contains(entry.ip, ipContains) &&
							(module === '' || entry.module?.toLowerCase() === module)
					: undefined,
			itemIndex: item.index,
		});
		return logOutput(reads, input.simplify);
	},
};
