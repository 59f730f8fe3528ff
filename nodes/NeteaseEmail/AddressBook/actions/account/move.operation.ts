import type { IExecuteFunctions } from 'n8n-workflow';

import { accountLocator, departmentLocator } from '../../../shared/descriptions/locators';
import { resolveAccount } from '../../../shared/directory/accounts';
import type { Department } from '../../../shared/directory/departments';
import { departmentParam } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';

interface Input {
	address: AccountAddress;
	department: Department;
}

export const move: Operation<Input> = {
	value: 'move',
	name: 'Move',
	action: 'Move an account',
	description: 'Move an account to another department',
	properties: [
		accountLocator(),
		departmentLocator({ displayName: 'New Department', description: 'Where the account moves to' }),
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const address = await resolveAccount.call(this, item);
		return {
			address,
			department: await departmentParam.call(this, item, 'department', address.domain),
		};
	},

	async execute(this: IExecuteFunctions, { address, department }: Input, item: Item) {
		const body = {
			domain: address.domain,
			accountName: address.accountName,
			unitId: department.id,
		};
		await apiRequest.call(this, 'account.moveUnit', body, { itemIndex: item.index });
		return {
			accountName: address.accountName,
			email: address.email,
			departmentId: department.id,
			departmentPath: department.path,
		};
	},
};
