import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import {
	limitOf,
	optionsCollection,
	returnAllProperties,
	simplifyOption,
	wantsSimplified,
} from '../../../shared/descriptions/options';
import { accountsConverter } from '../../../shared/directory/accounts';
import type { Department } from '../../../shared/directory/departments';
import { optionalDepartmentParam } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { apiRequestAllItems, defaultDomain } from '../../../shared/transport';

interface Input {
	domain: string;
	department?: Department;
	recursive: boolean;
	limit?: number;
	simplify: boolean;
}

export const getAll: Operation<Input> = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many accounts',
	description: 'List accounts, optionally of one department',
	properties: [
		departmentLocator({
			required: false,
			description: 'Only accounts in this department; leave empty for the whole domain',
		}),
		{
			displayName: 'Include Sub-Departments',
			name: 'recursive',
			type: 'boolean',
			default: true,
			description: 'Whether to include accounts of the departments below it',
		},
		...returnAllProperties,
		optionsCollection([simplifyOption]),
	],

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		return {
			domain,
			department: await optionalDepartmentParam.call(this, item, 'department', domain),
			recursive: item.param<boolean>('recursive'),
			limit: limitOf(item),
			simplify: wantsSimplified(item),
		};
	},

	async execute(
		this: IExecuteFunctions,
		{ domain, department, recursive, limit, simplify }: Input,
		item: Item,
	) {
		const body: IDataObject = { domain };
		if (department) Object.assign(body, { unitId: department.id, recursion: recursive });
		else if (recursive) body.recursion = true;
		// Each page becomes output items as it arrives: 20,000 raw accounts are never held at once.
		return await apiRequestAllItems.call(this, 'unit.accounts', body, {
			itemIndex: item.index,
			limit,
			convert: accountsConverter.call(this, domain, simplify, item.index),
		});
	},
};
