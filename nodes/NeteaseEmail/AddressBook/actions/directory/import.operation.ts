import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { decodeCsvBytes, looksLikeText, parseCsv } from '../../../shared/helpers/csv';
import { validateBoolean, validatePassword } from '../../../shared/helpers/validation';
import { defaultDomain } from '../../../shared/transport';
import { firstLoginChangeField, firstLoginChangeOf } from '../../descriptions/password';
import { loadAddressBook } from '../../helpers/addressBookSnapshot';
import { COLUMNS, mapHeaders, problemOf, readRow, rowLabel } from '../../helpers/directoryRows';
import type { ImportSettings } from '../../helpers/importApply';
import { applyImport } from '../../helpers/importApply';
import type { RowState } from '../../helpers/importPlan';
import { fromProblem, planImport } from '../../helpers/importPlan';

interface Input {
	domain: string;
	rows: RowState[];
	dryRun: boolean;
	settings: ImportSettings;
}

interface Options {
	columnMapping?: { mappings?: Array<{ header: string; column: string }> };
	ignoreUnknownColumns?: boolean;
	firstLoginChange?: number;
}

/** Reads one input item: a CSV file (many rows) or the item itself (one row). */
async function readRows(this: IExecuteFunctions, item: Item, domain: string): Promise<RowState[]> {
	const node = this.getNode();
	const options = item.collection<Options>('options');
	const mapping = Object.fromEntries(
		(options.columnMapping?.mappings ?? []).map(({ header, column }) => [header.trim(), column]),
	);
	const unplaced = (headers: string[]) => {
		const { unknown } = mapHeaders(headers, mapping);
		if (!unknown.length || options.ignoreUnknownColumns) return undefined;
		return {
			problem: `${unknown.map((name) => `"${name}"`).join(', ')} is not a field`,
			fix: `Map it under Options → Column Mapping, switch on Ignore Unknown Columns, or use one of: ${COLUMNS.join(', ')}.`,
		};
	};
	const read = (values: IDataObject, source: string, headers: string[]): RowState => {
		try {
			const { columns } = mapHeaders(headers, mapping);
			return {
				itemIndex: item.index,
				source,
				row: readRow(values, columns, source, { node, domain }),
			};
		} catch (error) {
			return fromProblem(item.index, problemOf(source, error));
		}
	};

	if (item.param('source') === 'items') {
		const json = this.getInputData()[item.index].json;
		const source = `Item ${item.index}`;
		const unknown = unplaced(Object.keys(json));
		if (unknown) {
			return [
				fromProblem(item.index, {
					source,
					message: `${source}: ${unknown.problem}`,
					fix: unknown.fix,
				}),
			];
		}
		return [read(json, source, Object.keys(json))];
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
	const states = rows.map(({ line, values }) => read(values, `Line ${line}`, headers));
	for (const { line, message } of problems) {
		states.push(
			fromProblem(item.index, { source: `Line ${line}`, message, fix: 'Correct the file.' }),
		);
	}
	return states;
}

function outcomeOf(state: RowState, dryRun: boolean): string {
	if (state.failure) return 'failed';
	if (state.action === 'none') return 'unchanged';
	if (dryRun) return state.action === 'create' ? 'wouldCreate' : 'wouldUpdate';
	return state.action === 'create' ? 'created' : 'updated';
}

function resultOf(state: RowState, dryRun: boolean): IDataObject {
	const result: IDataObject = {
		row: state.source,
		type: state.row?.type ?? null,
		key: state.row ? rowLabel(state.row) : null,
		outcome: outcomeOf(state, dryRun),
	};
	if (state.changes && Object.keys(state.changes).length) result.changes = state.changes;
	if (state.failure)
		Object.assign(result, { error: state.failure.message, fix: state.failure.fix });
	return result;
}

export const importOperation: Operation<Input> = {
	value: 'import',
	name: 'Import',
	action: 'Import accounts, departments and mail lists',
	description:
		'Create or update accounts, departments and mail lists from items or a CSV file, with one result per row',
	properties: [
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
				{
					name: 'Input Items',
					value: 'items',
					description: 'Each input item is one row, its fields named like the columns',
				},
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
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to only report what each row would change (current → wanted), sending no write',
		},
		{
			displayName: 'Initial Password for New Accounts',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Used for rows that create an account and have no password column; existing accounts keep theirs',
		},
		optionsCollection([
			{ ...firstLoginChangeField, displayName: 'Change Password at First Login' },
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
								options: [...COLUMNS].sort().map((column) => ({ name: column, value: column })),
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
		]),
	],

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		const password = item.param<string>('password', '');
		const options = item.collection<Options>('options');
		return {
			domain,
			rows: await readRows.call(this, item, domain),
			dryRun: validateBoolean(item.field('dryRun'), item.param('dryRun')),
			settings: {
				password: password
					? validatePassword(item.field('password'), password, 'plain')
					: undefined,
				firstLoginChange: firstLoginChangeOf(
					item.field('firstLoginChange'),
					options.firstLoginChange,
				),
			},
		};
	},

	async executeBatch(this: IExecuteFunctions, inputs: Map<number, Input>) {
		const [[firstIndex, first]] = [...inputs];
		const states = [...inputs.values()].flatMap((input) => input.rows);
		const snapshot = await loadAddressBook.call(this, first.domain, firstIndex, true);
		planImport(states, snapshot, first.settings.password);
		if (!first.dryRun) await applyImport.call(this, states, snapshot, first.settings, firstIndex);
		const outputs = new Map<number, IDataObject[]>([...inputs.keys()].map((index) => [index, []]));
		for (const state of states) outputs.get(state.itemIndex)!.push(resultOf(state, first.dryRun));
		return outputs;
	},
};
