import type {
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { accountLocator, departmentLocator } from '../../descriptions/locators';
import { resolveAccount } from '../../helpers/accounts';
import type { Department } from '../../helpers/departments';
import { resolveDepartment } from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { AccountAddress } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import type { Operation } from '../operation';
import { ACCOUNT_CONCURRENCY } from '../operation';

const properties: INodeProperties[] = [
	accountLocator(),
	departmentLocator({ displayName: 'New Department', description: 'Where the account moves to' }),
];

interface Input {
	address: AccountAddress;
	department: Department;
}

export const move: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['account'], operation: ['move'] } },
		properties,
	),
	concurrency: ACCOUNT_CONCURRENCY,

	async prepare(this: IExecuteFunctions, i: number) {
		const address = await resolveAccount.call(this, i);
		const locator = this.getNodeParameter('department', i) as INodeParameterResourceLocator;
		return {
			address,
			department: await resolveDepartment.call(this, locator, address.domain, i, 'New Department'),
		};
	},

	async execute(this: IExecuteFunctions, { address, department }: Input, i: number) {
		const body = {
			domain: address.domain,
			accountName: address.accountName,
			unitId: department.id,
		};
		await apiRequest.call(this, 'account.moveUnit', body, { itemIndex: i, idempotent: true });
		return {
			accountName: address.accountName,
			email: address.email,
			departmentId: department.id,
			departmentPath: department.path,
		};
	},
};
