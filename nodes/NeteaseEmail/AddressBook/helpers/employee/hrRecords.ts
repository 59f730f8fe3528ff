import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AccountAddress, Field } from '../../../shared/helpers/validation';
import {
	optionalText,
	parseAccountAddress,
	parseDepartmentPath,
	validateMobile,
	validatePassword,
} from '../../../shared/helpers/validation';
import type { Column, RowProblem } from '../directoryRows';
import { parseBoolean, rowCells } from '../directoryRows';

/** The columns of an HR record: the account columns of Directory → Import. */
export const HR_COLUMNS: readonly Column[] = [
	'accountName',
	'name',
	'department',
	'jobNumber',
	'mobile',
	'visibleInAddressBook',
	'password',
];

/** One person of the HR list; an empty cell leaves that value as the address book has it. */
export interface HrRecord {
	itemIndex: number;
	/** "Line 4" or "Item 2". */
	source: string;
	/** Matches the account when no account has the job number; names a new one. */
	address?: AccountAddress;
	jobNumber?: string;
	name?: string;
	/** Names from the top level down; `[]` is the default department. */
	department?: string[];
	mobile?: string;
	visible?: boolean;
	password?: string;
	/** For naming a new account from the name. */
	nameField: Field;
}

/** Reads one record; a bad value throws a NodeOperationError naming the row, column and value. */
export function readHrRecord(
	values: Record<string, unknown>,
	columns: Map<string, Column>,
	source: string,
	{ node, domain, itemIndex }: { node: INode; domain: string; itemIndex: number },
): HrRecord {
	const { text, field } = rowCells(values, columns, source, node);
	const address =
		text('accountName') === undefined
			? undefined
			: parseAccountAddress(field('accountName'), text('accountName'), domain);
	const jobNumber = optionalText(field('jobNumber'), text('jobNumber'), 64);
	if (!address && !jobNumber) {
		throw new NodeOperationError(node, `${source}: has neither a job number nor an account name`, {
			description:
				'Give every person a job number (工号) or an account name, so that a later sync finds the same account again.',
		});
	}
	const visible = text('visibleInAddressBook');
	const password = text('password');
	return {
		itemIndex,
		source,
		address,
		jobNumber,
		name: optionalText(field('name'), text('name'), 64),
		department:
			text('department') === undefined
				? undefined
				: parseDepartmentPath(field('department'), text('department')),
		mobile:
			text('mobile') === undefined ? undefined : validateMobile(field('mobile'), text('mobile')),
		visible:
			visible === undefined ? undefined : parseBoolean(field('visibleInAddressBook'), visible),
		password:
			password === undefined
				? undefined
				: validatePassword(field('password'), password, 'plain', address?.accountName),
		nameField: field('name'),
	};
}

/** Two records naming the same job number or account name: which one the sync means is unknown. */
export function duplicateProblems(records: HrRecord[]): RowProblem[] {
	const problems: RowProblem[] = [];
	const check = (what: string, keyOf: (record: HrRecord) => string | undefined) => {
		const first = new Map<string, HrRecord>();
		for (const record of records) {
			const key = keyOf(record);
			if (key === undefined) continue;
			const earlier = first.get(key);
			if (!earlier) first.set(key, record);
			else
				problems.push({
					source: record.source,
					message: `${record.source}: has the same ${what} as ${earlier.source} (${key})`,
					fix: `Keep one record per person: the HR list must name each ${what} once.`,
				});
		}
	};
	check('job number', (record) => record.jobNumber);
	check('account name', (record) => record.address?.accountName);
	return problems;
}

/** Every problem, in one error: a sync from a partial list would suspend the people left out. */
export function recordsError(node: INode, problems: RowProblem[], itemIndex: number) {
	const [first, ...rest] = problems;
	const more = rest.length
		? ` (and ${rest.length} more: ${rest
				.slice(0, 5)
				.map((problem) => problem.source)
				.join(', ')}${rest.length > 5 ? '…' : ''})`
		: '';
	return new NodeOperationError(node, `${first.message}${more} [item ${itemIndex}]`, {
		itemIndex,
		description: `${first.fix} Nothing was sent: a sync from a partial HR list would suspend the people missing from it.`,
	});
}
