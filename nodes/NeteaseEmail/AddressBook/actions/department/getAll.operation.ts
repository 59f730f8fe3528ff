import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { departmentLocator } from '../../descriptions/locators';
import { simplifyOption } from '../../descriptions/options';
import type { Department, DepartmentDirectory } from '../../helpers/departments';
import { departmentOutput, getDepartments, resolveDepartment } from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { defaultDomain } from '../../transport';
import type { Operation } from '../operation';

const properties: INodeProperties[] = [
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
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
		],
	},
];

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
	description: updateDisplayOptions(
		{ show: { resource: ['department'], operation: ['getAll'] } },
		properties,
	),

	async prepare(this: IExecuteFunctions, i: number) {
		const tree = this.getNodeParameter('output', i) === 'tree';
		const options = this.getNodeParameter('options', i, {}) as {
			root?: INodeParameterResourceLocator;
			includeDefault?: boolean;
			simplify?: boolean;
		};
		return {
			domain: await defaultDomain.call(this),
			tree,
			root: options.root?.value ? options.root : undefined,
			includeDefault: options.includeDefault ?? false,
			simplify: options.simplify ?? true,
		};
	},

	async execute(this: IExecuteFunctions, input: Input, i: number) {
		const directory = await getDepartments.call(this, input.domain, i);
		const root = input.root
			? await resolveDepartment.call(this, input.root, input.domain, i, 'Under Department')
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
