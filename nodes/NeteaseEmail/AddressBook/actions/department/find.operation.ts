import type { IExecuteFunctions } from 'n8n-workflow';

import {
	optionsCollection,
	simplifyOption,
	wantsSimplified,
} from '../../../shared/descriptions/options';
import { departmentOutput, getDepartments } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { parseDepartmentPath, validateDepartmentName } from '../../../shared/helpers/validation';
import { defaultDomain } from '../../../shared/transport';

interface Input {
	domain: string;
	names?: string[];
	name?: string;
	simplify: boolean;
}

export const find: Operation<Input> = {
	value: 'find',
	name: 'Find',
	action: 'Find departments',
	description: 'Find departments by name or path',
	properties: [
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
	],

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		const simplify = wantsSimplified(item);
		return item.param('findBy') === 'path'
			? { domain, simplify, names: parseDepartmentPath(item.field('path'), item.param('path')) }
			: { domain, simplify, name: validateDepartmentName(item.field('name'), item.param('name')) };
	},

	async execute(this: IExecuteFunctions, input: Input, item: Item) {
		const directory = await getDepartments.call(this, input.domain, item.index);
		const found = input.names
			? [directory.byPath(input.names)].filter((d) => d !== undefined)
			: directory.byName(input.name!);
		return found.map((d) => departmentOutput(d, input.simplify));
	},
};
