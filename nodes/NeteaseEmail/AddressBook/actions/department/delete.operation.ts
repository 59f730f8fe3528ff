import type {
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { departmentLocator } from '../../descriptions/locators';
import type { Department } from '../../helpers/departments';
import { forgetDepartments, getDepartments, resolveDepartment } from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { invalid } from '../../helpers/validation';
import { apiRequest, defaultDomain } from '../../transport';
import type { Operation } from '../operation';

const properties: INodeProperties[] = [
	departmentLocator({
		description: 'The department to delete. It must have no sub-departments and no accounts.',
	}),
];

interface Input {
	domain: string;
	department: Department;
}

export const remove: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['department'], operation: ['delete'] } },
		properties,
	),
	concurrency: 1,

	async prepare(this: IExecuteFunctions, i: number) {
		const domain = await defaultDomain.call(this);
		const locator = this.getNodeParameter('department', i) as INodeParameterResourceLocator;
		const department = await resolveDepartment.call(this, locator, domain, i, 'Department');
		if (department.isDefault) {
			throw invalid(
				this.getNode(),
				i,
				'Department',
				'is the default department',
				'The default department cannot be deleted.',
			);
		}
		return { domain, department };
	},

	async execute(this: IExecuteFunctions, { domain, department }: Input, i: number) {
		const isGone = async () => {
			forgetDepartments.call(this, domain);
			return (await getDepartments.call(this, domain, i)).get(department.id) ? undefined : {};
		};
		await apiRequest.call(
			this,
			'unit.delete',
			{ domain, unitId: department.id },
			{ itemIndex: i, verify: isGone },
		);
		forgetDepartments.call(this, domain);
		return { deleted: true, id: department.id, path: department.path };
	},
};
