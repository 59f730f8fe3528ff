import type {
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { departmentLocator } from '../../descriptions/locators';
import type { Department } from '../../helpers/departments';
import { forgetDepartments, resolveDepartment } from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { validateRank } from '../../helpers/validation';
import { apiRequest, defaultDomain } from '../../transport';
import type { Operation } from '../operation';

const properties: INodeProperties[] = [
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
];

interface Input {
	domain: string;
	department: Department;
	rank: number;
}

export const setRank: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['department'], operation: ['setRank'] } },
		properties,
	),

	async prepare(this: IExecuteFunctions, i: number) {
		const domain = await defaultDomain.call(this);
		const locator = this.getNodeParameter('department', i) as INodeParameterResourceLocator;
		const department = await resolveDepartment.call(this, locator, domain, i, 'Department');
		return {
			domain,
			department,
			rank: validateRank(this.getNode(), i, this.getNodeParameter('rank', i)),
		};
	},

	async execute(this: IExecuteFunctions, { domain, department, rank }: Input, i: number) {
		await apiRequest.call(
			this,
			'unit.updateRank',
			{ domain, unitId: department.id, rank },
			{ itemIndex: i, idempotent: true },
		);
		forgetDepartments.call(this, domain);
		return { id: department.id, path: department.path, rank };
	},
};
