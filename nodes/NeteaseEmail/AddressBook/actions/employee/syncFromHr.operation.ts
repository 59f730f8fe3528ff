import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import { optionsCollection } from '../../../shared/descriptions/options';
import type { Department } from '../../../shared/directory/departments';
import { optionalDepartmentParam } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { NAMING_RULES } from '../../../shared/helpers/pinyin';
import { numberOf, validateBoolean, validateChoice } from '../../../shared/helpers/validation';
import { defaultDomain } from '../../../shared/transport';
import { firstLoginChangeField, newAccountSettings } from '../../descriptions/password';
import { loadAddressBook } from '../../helpers/addressBookSnapshot';
import { problemOf } from '../../helpers/directoryRows';
import type { HrRecord } from '../../helpers/employee/hrRecords';
import {
	duplicateProblems,
	HR_COLUMNS,
	readHrRecord,
	recordsError,
} from '../../helpers/employee/hrRecords';
import type { SyncSettings } from '../../helpers/employee/syncApply';
import { checkAllItemsRead, checkSafetyLimit, scopeOf } from '../../helpers/employee/syncGuards';
import { applySync } from '../../helpers/employee/syncApply';
import type { SyncNaming } from '../../helpers/employee/syncNaming';
import { nameNewAccounts } from '../../helpers/employee/syncNaming';
import { syncOutput } from '../../helpers/employee/syncOutput';
import { planSync, scopedAccountCount } from '../../helpers/employee/syncPlan';
import { columnOptions, readSourceRows, sourceProperties } from '../../helpers/sourceRows';

interface Input {
	domain: string;
	root?: Department;
	records: HrRecord[];
	dryRun: boolean;
	maxShareSuspended: number;
	naming: SyncNaming;
	settings: SyncSettings;
}

const NAMING_OPTIONS = [
	...NAMING_RULES,
	{
		name: 'None (Account Name Column Required)',
		value: 'none',
		description: 'New people need an account name in the HR list',
	},
].sort((a, b) => a.name.localeCompare(b.name));

async function readRecords(this: IExecuteFunctions, item: Item, domain: string) {
	const node = this.getNode();
	const { rows, problems } = await readSourceRows.call(this, item, HR_COLUMNS);
	const records: HrRecord[] = [];
	for (const { source, values, columns } of rows) {
		try {
			records.push(readHrRecord(values, columns, source, { node, domain, itemIndex: item.index }));
		} catch (error) {
			problems.push(problemOf(source, error));
		}
	}
	if (problems.length) throw recordsError(node, problems, item.index);
	return records;
}

function readMaxShare(item: Item): number {
	const field = item.field('maxShareSuspended');
	const value = item.param<unknown>('maxShareSuspended');
	const share = numberOf(value);
	if (share === undefined || share < 0 || share > 100) {
		throw field.invalid(
			`must be a percentage from 0 to 100, not "${String(value)}"`,
			'Enter e.g. 10 to let the sync suspend at most 10 % of the accounts under the Department Root.',
		);
	}
	return share;
}

export const syncFromHr: Operation<Input> = {
	value: 'syncFromHr',
	name: 'Sync From HR',
	action: 'Sync accounts from an HR list',
	description:
		'Compare the full HR list (items or a CSV file) with the address book and plan, per account, create, update, move, suspend or leave; with Dry Run off it applies the plan (suspends capped by Max Share Suspended)',
	properties: [
		...sourceProperties(
			'Each input item is one person, its fields named like the columns; all items together are the full HR list',
		),
		departmentLocator({
			displayName: 'Department Root',
			name: 'departmentRoot',
			required: false,
			description:
				'Only accounts in this department and below are synced; accounts elsewhere are never changed. Empty: the whole organisation.',
		}),
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: true,
			description:
				'Whether to only report the plan (current → wanted for each account), sending no write. Switch off to apply it.',
		},
		{
			displayName: 'Max Share Suspended',
			name: 'maxShareSuspended',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 10,
			description:
				'The most accounts the sync may suspend, in percent of the accounts under the Department Root; a plan suspending more stops before any write',
		},
		{
			displayName: 'Initial Password for New Accounts',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Used for people the address book does not have yet, when the HR list has no password column',
		},
		optionsCollection([
			{ ...firstLoginChangeField, displayName: 'Change Password at First Login' },
			...columnOptions(HR_COLUMNS),
			{
				displayName: 'Naming Rule',
				name: 'namingRule',
				type: 'options',
				default: 'fullPinyin',
				description:
					'How new accounts without an account name in the HR list are named, from the name; a taken name gets 2, 3…',
				options: NAMING_OPTIONS,
			},
		]),
	],

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		const options = item.collection<{ firstLoginChange?: number; namingRule?: string }>('options');
		// The records first: a bad file fails before any request.
		const records = await readRecords.call(this, item, domain);
		return {
			domain,
			records,
			root: await optionalDepartmentParam.call(this, item, 'departmentRoot', domain),
			dryRun: validateBoolean(item.field('dryRun'), item.param('dryRun')),
			maxShareSuspended: readMaxShare(item),
			naming: validateChoice(
				item.field('namingRule'),
				options.namingRule ?? 'fullPinyin',
				NAMING_OPTIONS,
			) as SyncNaming,
			settings: newAccountSettings(item, options.firstLoginChange),
		};
	},

	async executeBatch(this: IExecuteFunctions, inputs: Map<number, Input>) {
		checkAllItemsRead.call(this, inputs);
		const [[firstIndex, first]] = [...inputs];
		const records = [...inputs.values()].flatMap((input) => input.records);
		const duplicates = duplicateProblems(records);
		if (duplicates.length) throw recordsError(this.getNode(), duplicates, firstIndex);

		const snapshot = await loadAddressBook.call(this, first.domain, firstIndex, true);
		const scope = scopeOf.call(this, first.root, snapshot.departments, firstIndex);
		// Accounts the list leaves out belong to no record: they follow the last item's.
		const lastIndex = Math.max(...inputs.keys());
		const entries = planSync(records, snapshot, scope, first.settings.password, lastIndex);
		await nameNewAccounts.call(this, entries, snapshot, first.naming, firstIndex);
		if (!first.dryRun) {
			const scoped = scopedAccountCount(snapshot, scope);
			checkSafetyLimit.call(this, entries, scoped, first, firstIndex);
			await applySync.call(this, entries, first.domain, first.settings, firstIndex);
		}
		const outputs = new Map<number, IDataObject[]>([...inputs.keys()].map((index) => [index, []]));
		for (const entry of entries)
			outputs.get(entry.itemIndex)!.push(syncOutput(entry, first.domain, first.dryRun));
		return outputs;
	},
};
