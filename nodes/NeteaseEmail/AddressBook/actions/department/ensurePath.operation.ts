import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Department } from '../../helpers/departments';
import { createDepartment, getDepartments, simplifyDepartment } from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { parseDepartmentPath } from '../../helpers/validation';
import { defaultDomain } from '../../transport';
import type { Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 研发中心/后端组',
		description:
			'Department names from the top level down, separated by "/". Missing levels are created; existing ones are reused.',
	},
];

interface Input {
	domain: string;
	names: string[];
}

export const ensurePath: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['department'], operation: ['ensurePath'] } },
		properties,
	),
	concurrency: 1,

	async prepare(this: IExecuteFunctions, i: number) {
		const names = parseDepartmentPath(this.getNode(), i, 'Path', this.getNodeParameter('path', i));
		return { domain: await defaultDomain.call(this), names };
	},

	async execute(this: IExecuteFunctions, { domain, names }: Input, i: number) {
		const directory = await getDepartments.call(this, domain, i);
		const createdPaths: string[] = [];
		let parent = null as Department | null;
		for (const name of names) {
			const existing: Department | undefined = directory
				.children(parent?.id ?? null)
				.find((child) => child.name === name);
			if (existing && createdPaths.length === 0) {
				parent = existing;
				continue;
			}
			const { department, created } = await createDepartment.call(
				this,
				domain,
				name,
				parent,
				'',
				i,
				true,
			);
			if (created) createdPaths.push(department.path);
			parent = department;
		}
		return { ...simplifyDepartment(parent!), createdPaths };
	},
};
