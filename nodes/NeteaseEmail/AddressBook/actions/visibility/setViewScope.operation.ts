import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import { resolveDepartment } from '../../../shared/directory/departments';
import type { Target } from '../../../shared/directory/targets';
import { readTarget, targetProperties } from '../../../shared/directory/targets';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import type { ApiContext } from '../../../shared/transport';
import type { Scope, ScopeKind } from './viewScope';
import { readScope, sameScope, scopeOutput, writeScope } from './viewScope';

interface Input {
	target: Target;
	scope: Scope;
}

const SCOPES: ScopeKind[] = ['all', 'ownUnit', 'units'];

/** The departments of Selected Departments, resolved by path or ID, each once, in the order given. */
async function viewUnitIds(this: ApiContext, item: Item, domain: string): Promise<string[]> {
	const entries =
		item.param<{ departments?: Array<{ viewDepartment?: INodeParameterResourceLocator }> }>(
			'viewDepartments',
			{},
		)?.departments ?? [];
	const field = item.field('viewDepartments');
	const ids: string[] = [];
	for (const { viewDepartment } of entries) {
		if (!viewDepartment?.value) continue;
		const department = await resolveDepartment.call(
			this,
			viewDepartment,
			domain,
			field,
			item.index,
		);
		if (!ids.includes(department.id)) ids.push(department.id);
	}
	if (ids.length === 0) {
		throw field.invalid(
			'is empty',
			'Add at least one department, or choose another scope than Selected Departments.',
		);
	}
	return ids;
}

export const setViewScope: Operation<Input> = {
	value: 'setViewScope',
	name: 'Set View Scope',
	action: 'Set the view scope of a department or role',
	description:
		'Set which part of the organisation a department or role can see; changes what its people find in the address book',
	// An organisation-wide setting.
	changes: 'destructive',
	properties: [
		...targetProperties('view of the address book'),
		{
			displayName: 'View Scope',
			name: 'viewScope',
			type: 'options',
			default: 'all',
			options: [
				{ name: 'Everyone', value: 'all', description: 'The whole address book' },
				{
					name: 'Own Department and Below',
					value: 'ownUnit',
					description: "The target's own department and the departments below it",
				},
				{
					name: 'Selected Departments',
					value: 'units',
					description: 'Only the departments listed below',
				},
			],
		},
		{
			displayName: 'View Departments',
			name: 'viewDepartments',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Department',
			default: {},
			displayOptions: { show: { viewScope: ['units'] } },
			options: [
				{
					displayName: 'Department',
					name: 'departments',
					values: [departmentLocator({ name: 'viewDepartment' })],
				},
			],
		},
	],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const target = await readTarget.call(this, item);
		const viewScope = item.param<ScopeKind>('viewScope');
		if (!SCOPES.includes(viewScope)) {
			throw item
				.field('viewScope')
				.invalid(`"${String(viewScope)}" is not a scope`, `Use one of: ${SCOPES.join(', ')}.`);
		}
		const ids = viewScope === 'units' ? await viewUnitIds.call(this, item, target.domain) : [];
		return { target, scope: { viewScope, viewUnitIds: ids } };
	},

	async execute(this: IExecuteFunctions, { target, scope }: Input, item: Item) {
		const current = await readScope.call(this, target, item.index);
		const changed = !sameScope(current, scope);
		if (changed) await writeScope.call(this, target, scope, item.index);
		return {
			...(await scopeOutput.call(this, target, changed ? scope : current, item.index)),
			changed,
		};
	},
};
