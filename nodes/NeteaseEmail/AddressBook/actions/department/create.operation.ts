import type {
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { departmentLocator } from '../../descriptions/locators';
import type { Department } from '../../helpers/departments';
import { createDepartment, resolveDepartment, simplifyDepartment } from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { invalid, requireText } from '../../helpers/validation';
import { defaultDomain } from '../../transport';
import { ifExistsOption } from '../../descriptions/options';
import type { Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 后端组',
	},
	departmentLocator({
		displayName: 'Parent Department',
		name: 'parentDepartment',
		required: false,
		description: 'Leave empty to create a top-level department',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
			},
			ifExistsOption('Department', 'Makes re-running the workflow safe'),
		],
	},
];

interface Input {
	domain: string;
	name: string;
	parent: Department | null;
	description: string;
	reuseExisting: boolean;
}

export const create: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['department'], operation: ['create'] } },
		properties,
	),
	// Items may create each other's parents: run them in order.
	concurrency: 1,

	async prepare(this: IExecuteFunctions, i: number) {
		const node = this.getNode();
		const domain = await defaultDomain.call(this);
		const name = requireText(node, i, 'Name', this.getNodeParameter('name', i), 64);
		if (name.includes('/')) {
			throw invalid(
				node,
				i,
				'Name',
				'contains "/"',
				'Create one level at a time, or use Department → Ensure Path for a whole path.',
			);
		}
		const locator = this.getNodeParameter('parentDepartment', i) as INodeParameterResourceLocator;
		const parent = locator?.value
			? await resolveDepartment.call(this, locator, domain, i, 'Parent Department')
			: null;
		const options = this.getNodeParameter('options', i, {}) as {
			description?: string;
			ifExists?: string;
		};
		return {
			domain,
			name,
			parent,
			description: options.description ?? '',
			reuseExisting: options.ifExists === 'reuse',
		};
	},

	async execute(this: IExecuteFunctions, input: Input, i: number) {
		const { department, created } = await createDepartment.call(
			this,
			input.domain,
			input.name,
			input.parent,
			input.description,
			i,
			input.reuseExisting,
		);
		return { ...simplifyDepartment(department), created };
	},
};
