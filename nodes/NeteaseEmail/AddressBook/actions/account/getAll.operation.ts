import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { departmentLocator } from '../../descriptions/locators';
import { optionsCollection, simplifyOption, wantsSimplified } from '../../descriptions/options';
import { accountsOutput } from '../../helpers/accounts';
import type { Department } from '../../helpers/departments';
import { resolveDepartment } from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { apiRequestAllItems, defaultDomain } from '../../transport';
import type { Operation } from '../operation';

const properties: INodeProperties[] = [
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
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	optionsCollection([simplifyOption]),
];

interface Input {
	domain: string;
	department?: Department;
	recursive: boolean;
	limit?: number;
	simplify: boolean;
}

export const getAll: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['account'], operation: ['getAll'] } },
		properties,
	),

	async prepare(this: IExecuteFunctions, i: number) {
		const domain = await defaultDomain.call(this);
		const locator = this.getNodeParameter('department', i) as INodeParameterResourceLocator;
		const department = locator?.value
			? await resolveDepartment.call(this, locator, domain, i, 'Department')
			: undefined;
		const returnAll = this.getNodeParameter('returnAll', i) as boolean;
		return {
			domain,
			department,
			recursive: this.getNodeParameter('recursive', i) as boolean,
			limit: returnAll ? undefined : (this.getNodeParameter('limit', i) as number),
			simplify: wantsSimplified.call(this, i),
		};
	},

	async execute(
		this: IExecuteFunctions,
		{ domain, department, recursive, limit, simplify }: Input,
		i: number,
	) {
		const body: IDataObject = { domain };
		if (department) Object.assign(body, { unitId: department.id, recursion: recursive });
		else if (recursive) body.recursion = true;
		const accounts = await apiRequestAllItems.call(this, 'unit.accounts', body, {
			itemIndex: i,
			limit,
		});
		return await accountsOutput.call(this, accounts, domain, simplify, i);
	},
};
