import type { IExecuteFunctions } from 'n8n-workflow';

import { ensureDepartmentPath } from '../../../shared/directory/departmentPaths';
import { simplifyDepartment } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { parseDepartmentPath } from '../../../shared/helpers/validation';
import { defaultDomain } from '../../../shared/transport';

interface Input {
	domain: string;
	names: string[];
}

export const ensurePath: Operation<Input> = {
	value: 'ensurePath',
	name: 'Ensure Path',
	action: 'Ensure a department path exists',
	description: 'Create each missing department along a path',
	properties: [
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
	],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		return {
			domain: await defaultDomain.call(this),
			names: parseDepartmentPath(item.field('path'), item.param('path')),
		};
	},

	async execute(this: IExecuteFunctions, { domain, names }: Input, item: Item) {
		const { department, createdPaths } = await ensureDepartmentPath.call(
			this,
			domain,
			names,
			item.index,
		);
		return { ...simplifyDepartment(department), createdPaths };
	},
};
