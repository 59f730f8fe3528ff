import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import { optionsCollection, simplifyOption } from '../../../shared/descriptions/options';
import type { Department, DepartmentDirectory } from '../../../shared/directory/departments';
import {
	departmentOutput,
	getDepartments,
	resolveDepartment,
} from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { defaultDomain } from '../../../shared/transport';

interface Input {
	domain: string;
	tree: boolean;
	root?: INodeParameterResourceLocator;
	includeDefault: boolean;
	simplify: boolean;
}

function nest(
	directory: DepartmentDirectory,
	department: Department,
	simplify: boolean,
): IDataObject {
	return {
		...departmentOutput(department, simplify),
		children: directory.children(department.id).map((child) => nest(directory, child, simplify)),
	};
}

export const getAll: Operation<Input> = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many departments',
	description: 'List departments as a flat list or a tree',
	properties: [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'flat',
			options: [
				{
					name: 'Flat List',
					value: 'flat',
					description: 'One item per department, with its full path',
				},
				{
					name: 'Tree',
					value: 'tree',
					description: 'One item per top department, sub-departments nested under "children"',
				},
			],
		},
		optionsCollection([
			departmentLocator({
				displayName: 'Under Department',
				name: 'root',
				required: false,
				description: 'Only this department and the ones below it',
			}),
			{
				displayName: 'Include Default Department',
				name: 'includeDefault',
				type: 'boolean',
				default: false,
				description:
					'Whether to include the virtual default department that holds accounts without one',
			},
			simplifyOption,
		]),
	],

	async prepare(this: IExecuteFunctions, item: Item) {
		const tree = item.param('output') === 'tree';
		const options = item.collection<{
			root?: INodeParameterResourceLocator;
			includeDefault?: boolean;
			simplify?: boolean;
		}>('options');
		return {
			domain: await defaultDomain.call(this),
			tree,
			root: options.root?.value ? options.root : undefined,
			includeDefault: options.includeDefault ?? false,
			simplify: options.simplify ?? true,
		};
	},

	async execute(this: IExecuteFunctions, input: Input, item: Item) {
		const directory = await getDepartments.call(this, input.domain, item.index);
		const root = input.root
			? await resolveDepartment.call(this, input.root, input.domain, item.field('root'), item.index)
			: undefined;
		const keep = (d: Department) => input.includeDefault || !d.isDefault;
		if (input.tree) {
			const tops = root ? [root] : directory.children(null);
			return tops.filter(keep).map((d) => nest(directory, d, input.simplify));
		}
		const departments = (root ? directory.subtree(root.id) : directory.all()).filter(keep);
		return departments.map((d) => departmentOutput(d, input.simplify));
	},
};
