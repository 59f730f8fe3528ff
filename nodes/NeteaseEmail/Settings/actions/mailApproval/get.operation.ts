import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import type { Departments } from './approvals';
import {
	departmentOf,
	departmentProperties,
	forEachDepartment,
	readApproval,
	readDepartments,
} from './approvals';

export const get: Operation<Departments> = {
	value: 'get',
	name: 'Get',
	action: "Get a department's mail approval",
	description: 'Read whether the outgoing mail of a department waits for an approver',
	properties: departmentProperties,

	async prepare(this: IExecuteFunctions, item: Item) {
		return await readDepartments.call(this, item);
	},

	async execute(this: IExecuteFunctions, input: Departments, item: Item) {
		return await forEachDepartment(input, async (department) => ({
			...departmentOf(department),
			...(await readApproval.call(this, input.domain, department, item.index)),
		}));
	},
};
