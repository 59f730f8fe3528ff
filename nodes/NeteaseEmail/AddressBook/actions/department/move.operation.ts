import type { IExecuteFunctions } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import type { Department } from '../../../shared/directory/departments';
import { departmentParam } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { apiRequest, defaultDomain } from '../../../shared/transport';
import { ordinaryDepartmentParam } from './ordinaryDepartment';
import { changedDepartment } from './changedDepartment';

interface Input {
	domain: string;
	department: Department;
	newParent: Department | null;
}

export const move: Operation<Input> = {
	value: 'move',
	name: 'Move',
	action: 'Move a department',
	description: 'Move a department under another parent',
	properties: [
		departmentLocator({ description: 'The department to move' }),
		{
			displayName: 'To Top Level',
			name: 'toTopLevel',
			type: 'boolean',
			default: false,
			description: 'Whether to make it a top-level department',
		},
		departmentLocator({
			displayName: 'New Parent Department',
			name: 'newParent',
			displayOptions: { show: { toTopLevel: [false] } },
		}),
	],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		const department = await ordinaryDepartmentParam.call(
			this,
			item,
			'department',
			domain,
			'moved',
		);
		const newParent = item.param<boolean>('toTopLevel')
			? null
			: await departmentParam.call(this, item, 'newParent', domain);
		const field = item.field('newParent');
		const fix = 'Choose a parent outside the department being moved.';
		if (newParent?.id === department.id) {
			throw field.invalid(`"${newParent.path}" is the department being moved`, fix);
		}
		if (newParent?.path.startsWith(`${department.path}/`)) {
			throw field.invalid(`"${newParent.path}" is below "${department.path}"`, fix);
		}
		return { domain, department, newParent };
	},

	async execute(this: IExecuteFunctions, { domain, department, newParent }: Input, item: Item) {
		const body = newParent
			? { domain, unitId: department.id, unitParentId: newParent.id }
			: { domain, unitId: department.id, unitParentId: '0', parentId: 'root' };
		await apiRequest.call(this, 'unit.move', body, { itemIndex: item.index });
		return await changedDepartment.call(this, domain, department, item);
	},
};
