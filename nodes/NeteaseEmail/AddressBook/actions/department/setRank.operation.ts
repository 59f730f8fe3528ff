import type { IExecuteFunctions } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import type { Department } from '../../../shared/directory/departments';
import { departmentParam } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { validateRank } from '../../../shared/helpers/validation';
import { apiRequest, defaultDomain } from '../../../shared/transport';
import { changedDepartment } from './changedDepartment';

interface Input {
	domain: string;
	department: Department;
	rank: number;
}

export const setRank: Operation<Input> = {
	value: 'setRank',
	name: 'Set Rank',
	action: 'Set a department rank',
	description: "Set a department's sort position",
	properties: [
		departmentLocator(),
		{
			displayName: 'Rank',
			name: 'rank',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			required: true,
			description: 'Sort position among its sibling departments; 1 is first',
		},
	],

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		const rank = validateRank(item.field('rank'), item.param('rank'));
		return {
			domain,
			department: await departmentParam.call(this, item, 'department', domain),
			rank,
		};
	},

	async execute(this: IExecuteFunctions, { domain, department, rank }: Input, item: Item) {
		await apiRequest.call(
			this,
			'unit.updateRank',
			{ domain, unitId: department.id, rank },
			{ itemIndex: item.index },
		);
		return { ...(await changedDepartment.call(this, domain, department, item)), rank };
	},
};
