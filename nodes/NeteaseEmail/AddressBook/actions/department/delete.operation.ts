import type { IExecuteFunctions } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import type { Department } from '../../../shared/directory/departments';
import { forgetDepartments, getDepartments } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { apiRequest, defaultDomain } from '../../../shared/transport';
import { ordinaryDepartmentParam } from './ordinaryDepartment';

interface Input {
	domain: string;
	department: Department;
}

export const remove: Operation<Input> = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a department',
	description: 'Delete an empty department',
	properties: [
		departmentLocator({
			description: 'The department to delete. It must have no sub-departments and no accounts.',
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
			'deleted',
		);
		return { domain, department };
	},

	async execute(this: IExecuteFunctions, { domain, department }: Input, item: Item) {
		const listed = async () =>
			(await getDepartments.call(this, domain, item.index)).get(department.id) !== undefined;
		// Gone already (an earlier item deleted it): refused, and looks just as a deleted one does.
		const existed = await listed();
		const isGone = async () => {
			forgetDepartments.call(this, domain);
			return existed && !(await listed()) ? {} : undefined;
		};
		await apiRequest.call(
			this,
			'unit.delete',
			{ domain, unitId: department.id },
			{ itemIndex: item.index, verify: isGone },
		);
		forgetDepartments.call(this, domain);
		return { deleted: true, id: department.id, path: department.path };
	},
};
