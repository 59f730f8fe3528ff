import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { validateBoolean } from '../../../shared/helpers/validation';
import { defaultDomain } from '../../../shared/transport';
import { firstLoginChangeField, newAccountSettings } from '../../descriptions/password';
import { loadAddressBook } from '../../helpers/addressBookSnapshot';
import { COLUMNS, problemOf, readRow, rowLabel } from '../../helpers/directoryRows';
import type { ImportSettings } from '../../helpers/importApply';
import { applyImport } from '../../helpers/importApply';
import type { RowState } from '../../helpers/importPlan';
import { fromProblem, planImport } from '../../helpers/importPlan';
import { columnOptions, readSourceRows, sourceProperties } from '../../helpers/sourceRows';

interface Input {
	domain: string;
	rows: RowState[];
	dryRun: boolean;
	settings: ImportSettings;
}

interface Options {
	firstLoginChange?: number;
}

/** Reads one input item: a CSV file (many rows) or the item itself (one row). */
async function readRows(this: IExecuteFunctions, item: Item, domain: string): Promise<RowState[]> {
	const node = this.getNode();
	const { rows, problems } = await readSourceRows.call(this, item, COLUMNS);
	const states = rows.map(({ source, values, columns }): RowState => {
		try {
			return {
				itemIndex: item.index,
				source,
				row: readRow(values, columns, source, { node, domain }),
			};
		} catch (error) {
			return fromProblem(item.index, problemOf(source, error));
		}
	});
	return [...states, ...problems.map((problem) => fromProblem(item.index, problem))];
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
		...sourceProperties('Each input item is one row, its fields named like the columns'),
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
			...columnOptions(COLUMNS),
		]),
	],

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		const options = item.collection<Options>('options');
		return {
			domain,
			rows: await readRows.call(this, item, domain),
			dryRun: validateBoolean(item.field('dryRun'), item.param('dryRun')),
			settings: newAccountSettings(item, options.firstLoginChange),
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
