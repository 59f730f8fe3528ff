import type { IExecuteFunctions } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import {
	ifExistsOption,
	optionsCollection,
	reusesExisting,
} from '../../../shared/descriptions/options';
import type { Department } from '../../../shared/directory/departments';
import {
	createDepartment,
	optionalDepartmentParam,
	simplifyDepartment,
} from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { optionalText, validateDepartmentName } from '../../../shared/helpers/validation';
import { defaultDomain } from '../../../shared/transport';

interface Input {
	domain: string;
	name: string;
	parent: Department | null;
	description: string;
	reuseExisting: boolean;
}

export const create: Operation<Input> = {
	value: 'create',
	name: 'Create',
	action: 'Create a department',
	description: 'Create a department with a name, under a parent department or at the top',
	properties: [
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
		optionsCollection([
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			ifExistsOption('Department', 'Makes re-running the workflow safe'),
		]),
	],
	// Items may create each other's parents: run them in order.
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		const name = validateDepartmentName(item.field('name'), item.param('name'));
		const given = item.collection<{ description?: unknown }>('options').description;
		const description = optionalText(item.field('description'), given, 256, 'multiline') ?? '';
		return {
			domain,
			name,
			parent: (await optionalDepartmentParam.call(this, item, 'parentDepartment', domain)) ?? null,
			description,
			reuseExisting: reusesExisting(item),
		};
	},

	async execute(this: IExecuteFunctions, input: Input, item: Item) {
		const { department, created } = await createDepartment.call(
			this,
			input.domain,
			input.name,
			input.parent,
			input.description,
			item.index,
			input.reuseExisting,
		);
		return { ...simplifyDepartment(department), created };
	},
};
