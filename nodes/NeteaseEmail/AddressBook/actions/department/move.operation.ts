import type {
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { departmentLocator } from '../../descriptions/locators';
import type { Department } from '../../helpers/departments';
import {
	forgetDepartments,
	getDepartments,
	resolveDepartment,
	simplifyDepartment,
} from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { invalid } from '../../helpers/validation';
import { apiRequest, defaultDomain } from '../../transport';
import type { Operation } from '../operation';

const properties: INodeProperties[] = [
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
];

interface Input {
	domain: string;
	department: Department;
	newParent: Department | null;
}

export const move: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['department'], operation: ['move'] } },
		properties,
	),
	concurrency: 1,

	async prepare(this: IExecuteFunctions, i: number) {
		const node = this.getNode();
		const domain = await defaultDomain.call(this);
		const locator = (name: string) =>
			this.getNodeParameter(name, i) as INodeParameterResourceLocator;
		const department = await resolveDepartment.call(
			this,
			locator('department'),
			domain,
			i,
			'Department',
		);
		if (department.isDefault)
			throw invalid(
				node,
				i,
				'Department',
				'is the default department',
				'The default department cannot be moved.',
			);
		const toTopLevel = this.getNodeParameter('toTopLevel', i) as boolean;
		const newParent = toTopLevel
			? null
			: await resolveDepartment.call(
					this,
					locator('newParent'),
					domain,
					i,
					'New Parent Department',
				);
		if (
			newParent &&
			(newParent.id === department.id || newParent.path.startsWith(`${department.path}/`))
		) {
			throw invalid(
				node,
				i,
				'New Parent Department',
				`"${newParent.path}" is inside "${department.path}"`,
				'Choose a parent outside the department being moved.',
			);
		}
		return { domain, department, newParent };
	},

	async execute(this: IExecuteFunctions, { domain, department, newParent }: Input, i: number) {
		const body = newParent
			? { domain, unitId: department.id, unitParentId: newParent.id }
			: { domain, unitId: department.id, unitParentId: '0', parentId: 'root' };
		await apiRequest.call(this, 'unit.move', body, { itemIndex: i, idempotent: true });
		forgetDepartments.call(this, domain);
		const moved = (await getDepartments.call(this, domain, i)).get(department.id);
		return moved
			? simplifyDepartment(moved)
			: { id: department.id, parentId: newParent?.id ?? null };
	},
};
