import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import { decodeCsvBytes, looksLikeText, parseCsv } from '../../shared/helpers/csv';
import type { Column, RowProblem } from './directoryRows';
import { mapHeaders } from './directoryRows';

/**
 * Where rows come from, for the operations that read many (Directory → Import, Employee → Sync
 * From HR): the input items, one row each, or a CSV file in UTF-8 or GBK with English or the
 * common Chinese headers (姓名, 部门, 工号…), and a column mapping for the others.
 */
export function sourceProperties(itemsDescription: string): INodeProperties[] {
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			default: 'csv',
			options: [
				{
					name: 'CSV File',
					value: 'csv',
					description: 'A CSV file in a binary field of each input item (UTF-8 or GBK)',
				},
				{ name: 'Input Items', value: 'items', description: itemsDescription },
			],
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { source: ['csv'] } },
		},
	];
}

/** Column Mapping and Ignore Unknown Columns, for the operation's Options. */
export function columnOptions(columns: readonly Column[]): INodeProperties[] {
	return [
		{
			displayName: 'Column Mapping',
			name: 'columnMapping',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			description:
				'Which field each column of the file holds, for headers other than the field names and the common Chinese ones (姓名, 部门, 工号…)',
			options: [
				{
					displayName: 'Mapping',
					name: 'mappings',
					values: [
						{
							displayName: 'Column Header',
							name: 'header',
							type: 'string',
							default: '',
							placeholder: 'e.g. 员工姓名',
						},
						{
							displayName: 'Field',
							name: 'column',
							type: 'options',
							default: 'name',
							options: [...columns].sort().map((column) => ({ name: column, value: column })),
						},
					],
				},
			],
		},
		{
			displayName: 'Ignore Unknown Columns',
			name: 'ignoreUnknownColumns',
			type: 'boolean',
			default: false,
			description:
				'Whether to skip columns that map to no field instead of stopping before any write',
		},
	];
}

interface ColumnOptions {
	columnMapping?: { mappings?: Array<{ header: string; column: string }> };
	ignoreUnknownColumns?: boolean;
}

/** One row as read: its values by header, and the column each header maps to. */
export interface SourceRow {
	/** Where the row came from, as errors name it: "Line 4" or "Item 2". */
	source: string;
	values: IDataObject;
	columns: Map<string, Column>;
}

/**
 * Reads one input item's rows: a CSV file (many rows) or the item itself (one row). A file that
 * cannot be read, or a column of it nothing reads, stops the item (nothing of it would be right);
 * an unknown field of an item, or a broken line of a file, comes back as a problem of its row.
 */
export async function readSourceRows(
	this: IExecuteFunctions,
	item: Item,
	columns: readonly Column[],
): Promise<{ rows: SourceRow[]; problems: RowProblem[] }> {
	const options = item.collection<ColumnOptions>('options');
	const mapping = Object.fromEntries(
		(options.columnMapping?.mappings ?? []).map(({ header, column }) => [header.trim(), column]),
	);
	const mapped = (headers: string[]) => {
		const { columns: all, unknown } = mapHeaders(headers, mapping);
		const known = new Map([...all].filter(([, column]) => columns.includes(column)));
		const outside = headers.filter((header) => all.has(header) && !known.has(header));
		return { columns: known, unknown: [...unknown, ...outside] };
	};
	const unplaced = (headers: string[]) => {
		const { unknown } = mapped(headers);
		if (!unknown.length || options.ignoreUnknownColumns) return undefined;
		return {
			problem: `${unknown.map((name) => `"${name}"`).join(', ')} is not a field`,
			fix: `Map it under Options → Column Mapping, switch on Ignore Unknown Columns, or use one of: ${columns.join(', ')}.`,
		};
	};

	if (item.param('source') === 'items') {
		const json = this.getInputData()[item.index].json;
		const source = `Item ${item.index}`;
		const headers = Object.keys(json);
		const unknown = unplaced(headers);
		if (unknown) {
			const problem = { source, message: `${source}: ${unknown.problem}`, fix: unknown.fix };
			return { rows: [], problems: [problem] };
		}
		return { rows: [{ source, values: json, columns: mapped(headers).columns }], problems: [] };
	}
	const field = item.field('binaryPropertyName');
	const property = item.text('binaryPropertyName');
	const binary = this.getInputData()[item.index].binary ?? {};
	if (!binary[property]) {
		const present = Object.keys(binary);
		throw field.invalid(
			`names "${property}", but the input item has no file in a binary field of that name`,
			present.length > 0
				? `The item's binary fields are: ${present.join(', ')}.`
				: 'The item carries no file: read the CSV first (e.g. with Read/Write Files from Disk or HTTP Request).',
		);
	}
	const bytes = await this.helpers.getBinaryDataBuffer(item.index, property);
	const { text } = decodeCsvBytes(bytes);
	if (!looksLikeText(text)) {
		throw field.invalid(
			'is not a CSV text file in UTF-8 or GBK',
			'Save the sheet as "CSV UTF-8" (Excel: File → Save As → CSV UTF-8) and use that file.',
		);
	}
	const { headers, rows, problems } = parseCsv(text);
	const fix =
		'Use a CSV file whose first line names the columns, e.g. accountName,name,department.';
	if (headers.length === 0) throw field.invalid('holds an empty file', fix);
	// A column nothing reads, or one that cannot be told apart, would be dropped from every row:
	// stop before any write instead.
	const unknown = unplaced(headers);
	if (unknown) throw field.invalid(`has the column ${unknown.problem}`, unknown.fix);
	const headerProblem = problems.find(({ message }) => /^Column \d+ of the header /.test(message));
	if (headerProblem) {
		throw field.invalid(
			`has a bad header: ${headerProblem.message.replace(/^Column/, 'column')}`,
			'Give every column of the first line its own name, or delete the columns nothing is in.',
		);
	}
	const { columns: byHeader } = mapped(headers);
	return {
		rows: rows.map(({ line, values }) => ({ source: `Line ${line}`, values, columns: byHeader })),
		problems: problems.map(({ line, message }) => ({
			source: `Line ${line}`,
			message,
			fix: 'Correct the file.',
		})),
	};
}
