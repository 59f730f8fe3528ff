import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import type { Department } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { requireText, validateDepartmentName } from '../../../shared/helpers/validation';
import { apiRequest, defaultDomain } from '../../../shared/transport';
import { ordinaryDepartmentParam } from './ordinaryDepartment';
import { changedDepartment } from './changedDepartment';

interface Input {
	domain: string;
	department: Department;
	changes: IDataObject;
}

export const update: Operation<Input> = {
	value: 'update',
	name: 'Update',
	action: 'Update a department',
	description: 'Rename a department or change its description',
	properties: [
		departmentLocator(),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. 后端组',
				},
			],
		},
	],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		const fields = item.collection<{ name?: string; description?: string }>('updateFields');
		const changes: IDataObject = {};
		if (fields.name !== undefined)
			changes.unitName = validateDepartmentName(item.field('name'), fields.name);
		if (fields.description !== undefined)
			changes.unitDesc =
				fields.description === ''
					? ''
					: requireText(item.field('description'), fields.description, 256, 'multiline');
		if (Object.keys(changes).length === 0) {
			throw item
				.field('updateFields')
				.invalid('is empty', 'Add a name or a description to change.');
		}
		const department = await ordinaryDepartmentParam.call(
			this,
			item,
			'department',
			domain,
			'renamed',
		);
		return { domain, department, changes };
	},

	async execute(this: IExecuteFunctions, { domain, department, changes }: Input, item: Item) {
		const unchanged =
			(changes.unitName ?? department.name) === department.name &&
			(changes.unitDesc ?? department.description) === department.description;
		if (!unchanged) {
			await apiRequest.call(
				this,
				'unit.update',
				{ domain, unitId: department.id, ...changes },
				{ itemIndex: item.index },
			);
		}
		return {
			...(await changedDepartment.call(this, domain, department, item)),
			changed: !unchanged,
		};
	},
};
