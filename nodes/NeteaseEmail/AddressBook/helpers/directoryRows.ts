import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import type { AccountAddress, Field } from '../../shared/helpers/validation';
import {
	optionalText,
	parseAccountAddress,
	parseDepartmentPath,
	requireText,
	validateEmail,
	validateMobile,
	validatePassword,
} from '../../shared/helpers/validation';

/**
 * The address book as rows, the one format Export writes and Import reads: a `type` column says
 * what a row is; an empty cell leaves that value as it is.
 */
export const COLUMNS = [
	'type',
	'accountName',
	'name',
	'department',
	'jobNumber',
	'mobile',
	'visibleInAddressBook',
	'description',
	'members',
	'memberDepartments',
	'password',
] as const;

export type Column = (typeof COLUMNS)[number];

/** Export leaves out only the password, which the platform never gives back. */
export const EXPORT_COLUMNS = COLUMNS.filter((column) => column !== 'password');

/** Headers a Chinese HR export commonly uses, read without a column mapping. */
const HEADER_ALIASES: Record<string, Column> = {
	类型: 'type',
	账号: 'accountName',
	帐号: 'accountName',
	邮箱: 'accountName',
	email: 'accountName',
	姓名: 'name',
	名称: 'name',
	部门: 'department',
	工号: 'jobNumber',
	手机: 'mobile',
	手机号: 'mobile',
	通讯录可见: 'visibleInAddressBook',
	描述: 'description',
	成员: 'members',
	成员部门: 'memberDepartments',
	密码: 'password',
	初始密码: 'password',
};

/** Joins list cells: members and member departments. */
export const LIST_SEPARATOR = ';';

const ROW_TYPES = ['account', 'department', 'mailList'] as const;
export type RowType = (typeof ROW_TYPES)[number];

interface RowBase {
	/** Where the row came from, as errors name it: "Line 4" or "Item 2". */
	source: string;
}

export interface DepartmentRow extends RowBase {
	type: 'department';
	path: string[];
	description?: string;
}

export interface AccountRow extends RowBase {
	type: 'account';
	address: AccountAddress;
	name?: string;
	/** `[]` is the default department. */
	department?: string[];
	jobNumber?: string;
	mobile?: string;
	visible?: boolean;
	password?: string;
}

export interface MailListRow extends RowBase {
	type: 'mailList';
	address: AccountAddress;
	name?: string;
	members?: string[];
	memberDepartments?: string[][];
	visible?: boolean;
}

export type DirectoryRow = DepartmentRow | AccountRow | MailListRow;

/** A row that could not be read, with what to fix. */
export interface RowProblem {
	source: string;
	message: string;
	fix: string;
}

/**
 * Maps the file's headers (or an item's keys) to columns: the user's mapping first, then the
 * column names themselves (any case), then the common Chinese headers. Returns the headers that
 * map to nothing as well.
 */
export function mapHeaders(
	headers: string[],
	mapping: Record<string, string>,
): { columns: Map<string, Column>; unknown: string[] } {
	const byLowerName = new Map<string, Column>(
		COLUMNS.map((column) => [column.toLowerCase(), column]),
	);
	const columns = new Map<string, Column>();
	const unknown: string[] = [];
	for (const header of headers) {
		const target = mapping[header] ?? header;
		const column = byLowerName.get(target.trim().toLowerCase()) ?? HEADER_ALIASES[target.trim()];
		if (column) columns.set(header, column);
		else unknown.push(header);
	}
	return { columns, unknown };
}

/** A cell of a row as a `Field`: errors name the row and the column. */
export function cellField(node: INode, source: string, header: string): Field {
	const label = `${source}, column "${header}"`;
	return {
		label,
		invalid: (problem, fix) =>
			new NodeOperationError(node, `${label}: ${problem}`, { description: fix }),
	};
}

export function parseBoolean(field: Field, text: string): boolean {
	if (/^(true|yes|1|是|y)$/i.test(text)) return true;
	if (/^(false|no|0|否|n)$/i.test(text)) return false;
	throw field.invalid(`"${text}" is not yes or no`, 'Use true or false (是 or 否).');
}

/** Members may be separated by `;` or `,`; department paths only by `;` (names may hold commas). */
function splitList(text: string, separators: RegExp): string[] {
	return [
		...new Set(
			text
				.split(separators)
				.map((part) => part.trim())
				.filter(Boolean),
		),
	];
}

export interface RowContext {
	node: INode;
	domain: string;
}

/**
 * One row's non-empty cells by column: `text` gives a cell's trimmed text, `field` names it in
 * errors (by its header, or by the column when the row has no such cell).
 */
export function rowCells(
	values: Record<string, unknown>,
	columns: Map<string, Column>,
	source: string,
	node: INode,
) {
	const cells = new Map<Column, { text: string; field: Field }>();
	for (const [header, raw] of Object.entries(values)) {
		const column = columns.get(header);
		const text = raw === undefined || raw === null ? '' : String(raw).trim();
		if (column && text) cells.set(column, { text, field: cellField(node, source, header) });
	}
	return {
		text: (column: Column) => cells.get(column)?.text,
		field: (column: Column) => cells.get(column)?.field ?? cellField(node, source, column),
		has: (column: Column) => cells.has(column),
	};
}

/**
 * Reads one row: values by header, mapped to columns. Every value is checked here, before anything
 * is sent; a bad value throws a NodeOperationError naming the row, the column and the value.
 */
export function readRow(
	values: Record<string, unknown>,
	columns: Map<string, Column>,
	source: string,
	{ node, domain }: RowContext,
): DirectoryRow {
	const { text, field, has } = rowCells(values, columns, source, node);
	const typeText = text('type') ?? (has('accountName') ? 'account' : 'department');
	const type = ROW_TYPES.find((candidate) => candidate.toLowerCase() === typeText.toLowerCase());
	if (!type) {
		throw field('type').invalid(
			`"${typeText}" is not a row type`,
			'Use account, department or mailList (or leave it empty for an account).',
		);
	}
	const visible = text('visibleInAddressBook');
	const visibility =
		visible === undefined ? undefined : parseBoolean(field('visibleInAddressBook'), visible);
	const path = (column: Column) => {
		const value = text(column);
		return value === undefined ? undefined : parseDepartmentPath(field(column), value);
	};

	if (type === 'department') {
		const departmentPath = path('department');
		if (!departmentPath) {
			throw field('department').invalid(
				'is empty',
				'Give the department path, e.g. 研发中心/后端组.',
			);
		}
		return {
			type,
			source,
			path: departmentPath,
			description: optionalText(field('description'), text('description'), 256, 'multiline'),
		};
	}

	const address = parseAccountAddress(field('accountName'), text('accountName'), domain);
	const name = optionalText(field('name'), text('name'), 64);
	if (type === 'mailList') {
		const departments = text('memberDepartments');
		return {
			type,
			source,
			address,
			name,
			visible: visibility,
			members: text('members')
				? splitList(text('members')!, /[;；,，\n]/).map((member) =>
						validateEmail(field('members'), member),
					)
				: undefined,
			memberDepartments: departments
				? splitList(departments, /[;；\n]/).map((each) =>
						parseDepartmentPath(field('memberDepartments'), each),
					)
				: undefined,
		};
	}
	const mobile = text('mobile');
	const password = text('password');
	return {
		type,
		source,
		address,
		name,
		department: text('department') === undefined ? undefined : path('department'),
		jobNumber:
			text('jobNumber') === undefined
				? undefined
				: requireText(field('jobNumber'), text('jobNumber'), 64),
		mobile: mobile === undefined ? undefined : validateMobile(field('mobile'), mobile),
		visible: visibility,
		password:
			password === undefined
				? undefined
				: validatePassword(field('password'), password, 'plain', address.accountName),
	};
}

/** The key two rows about the same thing share. */
export function rowKey(row: DirectoryRow): string {
	return row.type === 'department'
		? `department:${row.path.join('/')}`
		: `address:${row.address.email}`;
}

/** What a row says, for telling a repeated row from a contradicting one. */
export function rowContent(row: DirectoryRow): string {
	return JSON.stringify({ ...row, source: undefined });
}

/** The row label output items carry: the address, or the department path. */
export function rowLabel(row: DirectoryRow): string {
	return row.type === 'department' ? row.path.join('/') : row.address.email;
}

export function problemOf(source: string, error: unknown): RowProblem {
	const { message, description } = error as NodeOperationError;
	return { source, message, fix: String(description ?? '') };
}
