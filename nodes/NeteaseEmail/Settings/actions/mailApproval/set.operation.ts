import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import {
	itemField,
	parseAccountAddress,
	validateBoolean,
} from '../../../shared/helpers/validation';
import { apiRequest, defaultDomain } from '../../../shared/transport';
import { dryRunProperty } from '../../helpers/perAccount';
import { checkActiveAccount, inOwnDomain } from '../../helpers/organisationAccount';
import { readSettingsToChange, settingsToChange } from '../../helpers/settingsToChange';
import type { Approval, Departments } from './approvals';
import {
	departmentOf,
	departmentProperties,
	forEachDepartment,
	readApproval,
	readDepartments,
} from './approvals';

const SCOPES = ['all', 'external'];

interface Fields {
	enabled?: boolean;
	approver?: string;
	scope?: string;
}

interface Input {
	target: Departments;
	wanted: Partial<Approval>;
	dryRun: boolean;
}

/** What is wanted, checked without any request; the approver's address is checked later. */
function readWanted(item: Item, domain: string): Partial<Approval> {
	const fields = readSettingsToChange<Fields>(item);
	const wanted: Partial<Approval> = {};
	if (fields.enabled !== undefined)
		wanted.enabled = validateBoolean(item.field('enabled'), fields.enabled);
	if ('approver' in fields) {
		const text = String(fields.approver ?? '').trim();
		wanted.approver = text ? approverAddress(item, text, domain).email : null;
	}
	if (fields.scope !== undefined) {
		if (!SCOPES.includes(fields.scope)) {
			throw item
				.field('scope')
				.invalid(`"${fields.scope}" is not a choice`, 'Use all or external.');
		}
		wanted.scope = fields.scope;
	}
	if (wanted.enabled && !wanted.approver) {
		throw item
			.field('approver')
			.invalid(
				'is not set while approval is switched on',
				'Add Approver with the account that approves the mail, e.g. zhang.san.',
			);
	}
	if (Object.keys(wanted).length === 0) {
		throw item
			.field('settingsToChange')
			.invalid('has nothing to set', 'Add at least one setting to change.');
	}
	return wanted;
}

const APPROVER = 'an account to approve the mail';

function approverAddress(item: Item, text: string, domain: string): AccountAddress {
	const field = item.field('approver');
	return inOwnDomain(field, parseAccountAddress(field, text, domain), domain, APPROVER);
}

/** Each wanted field that differs from the current one, current → wanted. */
function changesOf(current: Approval, wanted: Partial<Approval>) {
	const changes: IDataObject = {};
	for (const [field, to] of Object.entries(wanted)) {
		if (current[field] !== to) changes[field] = { from: current[field], to };
	}
	return changes;
}

export const set: Operation<Input> = {
	value: 'set',
	name: 'Set',
	action: "Set a department's mail approval",
	description:
		"Change a department's mail approval where it differs; a dry run shows current → wanted and sends nothing",
	properties: [
		...departmentProperties,
		{
			...settingsToChange([
				{
					displayName: 'Approver',
					name: 'approver',
					type: 'string',
					default: '',
					placeholder: 'e.g. zhang.san or zhang.san@example.com',
					description:
						'The account that approves the mail; needed to switch approval on. Empty: none.',
				},
				{
					displayName: 'Enabled',
					name: 'enabled',
					type: 'boolean',
					default: true,
					description: "Whether the department's mail waits for the approver before it is sent",
				},
				{
					displayName: 'Scope',
					name: 'scope',
					type: 'options',
					default: 'external',
					description: 'Which mail waits for approval',
					options: [
						{ name: 'All Mail', value: 'all' },
						{
							name: 'External Mail Only',
							value: 'external',
							description: 'Mail leaving the domain',
						},
					],
				},
			]),
			description: 'Settings left out stay as they are in each department',
		},
		dryRunProperty,
	],

	async prepare(this: IExecuteFunctions, item: Item) {
		const dryRun = validateBoolean(item.field('dryRun'), item.param('dryRun'));
		const wanted = readWanted(item, await defaultDomain.call(this));
		const target = await readDepartments.call(this, item);
		if (wanted.approver) {
			const address = approverAddress(item, wanted.approver, target.domain);
			await checkActiveAccount.call(this, item.field('approver'), address, APPROVER, item.index);
		}
		return { target, wanted, dryRun };
	},

	async execute(this: IExecuteFunctions, { target, wanted, dryRun }: Input, item: Item) {
		const i = item.index;
		return await forEachDepartment(target, async (department) => {
			const current = await readApproval.call(this, target.domain, department, i);
			const changes = changesOf(current, wanted);
			const after = { ...current, ...wanted };
			const output = (state: Approval, outcome: string) => ({
				...departmentOf(department),
				...state,
				outcome,
				changes,
			});
			if (Object.keys(changes).length === 0) return output(current, 'unchanged');
			if (after.enabled && !after.approver) {
				throw itemField(this.getNode(), i, 'Approver').invalid(
					`is not set for ${department.path}, where approval would be switched on`,
					'Add Approver with the account that approves the mail.',
				);
			}
			if (dryRun) return output(current, 'wouldChange');
			const body: IDataObject = { domain: target.domain, unitId: department.id };
			if (wanted.enabled !== undefined) body.enabled = wanted.enabled ? 1 : 0;
			if (wanted.approver !== undefined) body.approver = wanted.approver ?? '';
			if (wanted.scope !== undefined) body.scope = wanted.scope;
			await apiRequest.call(this, 'approval.update', body, { itemIndex: i });
			return output(after, 'changed');
		});
	},
};
