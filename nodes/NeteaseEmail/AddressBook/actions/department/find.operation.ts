import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, simplifyOption, wantsSimplified } from '../../descriptions/options';
import { departmentOutput, getDepartments } from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { parseDepartmentPath, requireText } from '../../helpers/validation';
import { defaultDomain } from '../../transport';
import type { Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		default: 'path',
		options: [
			{
				name: 'Name',
				value: 'name',
				description: 'Every department with this exact name, wherever it sits',
			},
			{ name: 'Path', value: 'path', description: 'The one department at this path' },
		],
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 后端组',
		displayOptions: { show: { findBy: ['name'] } },
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 研发中心/后端组',
		displayOptions: { show: { findBy: ['path'] } },
	},
	optionsCollection([simplifyOption]),
];

interface Input {
	domain: string;
	names?: string[];
	name?: string;
	simplify: boolean;
}

export const find: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['department'], operation: ['find'] } },
		properties,
	),

	async prepare(this: IExecuteFunctions, i: number) {
		const node = this.getNode();
		const byPath = this.getNodeParameter('findBy', i) === 'path';
		const simplify = wantsSimplified.call(this, i);
		const domain = await defaultDomain.call(this);
		return byPath
			? {
					domain,
					simplify,
					names: parseDepartmentPath(node, i, 'Path', this.getNodeParameter('path', i)),
				}
			: { domain, simplify, name: requireText(node, i, 'Name', this.getNodeParameter('name', i)) };
	},

	async execute(this: IExecuteFunctions, input: Input, i: number) {
		const directory = await getDepartments.call(this, input.domain, i);
		const found = input.names
			? [directory.byPath(input.names)].filter((d) => d !== undefined)
			: directory.byName(input.name!);
		return found.map((d) => departmentOutput(d, input.simplify));
	},
};
