import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions/locators';
import { resolveAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import {
	requireText,
	validateCountryCode,
	validateMobile,
} from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';

interface Fields {
	name?: string;
	jobNumber?: string;
	mobile?: string;
	mobileCountryCode?: string;
	visibleInAddressBook?: boolean;
}

interface Input {
	address: AccountAddress;
	changes: IDataObject;
	/** The Update Fields the user set, by their parameter names. */
	updated: string[];
}

export const update: Operation<Input> = {
	value: 'update',
	name: 'Update',
	action: 'Update an account',
	description: "Update an account's details",
	properties: [
		accountLocator(),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Display Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Job Number', name: 'jobNumber', type: 'string', default: '' },
				{
					displayName: 'Mobile',
					name: 'mobile',
					type: 'string',
					default: '',
					placeholder: 'e.g. 13800138000',
				},
				{
					displayName: 'Mobile Country Code',
					name: 'mobileCountryCode',
					type: 'string',
					default: '',
					placeholder: 'e.g. 852',
					description: 'Digits only; leave empty for Chinese mainland numbers',
				},
				{
					displayName: 'Visible in Address Book',
					name: 'visibleInAddressBook',
					type: 'boolean',
					default: true,
					description: 'Whether colleagues can find the account in the corporate address book',
				},
			],
		},
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const address = await resolveAccount.call(this, item);
		const fields = item.collection<Fields>('updateFields');
		const changes: IDataObject = {};
		if (fields.name !== undefined) changes.name = requireText(item.field('name'), fields.name, 64);
		if (fields.jobNumber !== undefined)
			changes.jobNumber = requireText(item.field('jobNumber'), fields.jobNumber, 64);
		const countryCode = validateCountryCode(
			item.field('mobileCountryCode'),
			fields.mobileCountryCode,
		);
		if (fields.mobile !== undefined) {
			changes.bindmobile = validateMobile(item.field('mobile'), fields.mobile, countryCode);
			if (countryCode) changes.mobilePrefix = countryCode;
		}
		if (fields.visibleInAddressBook !== undefined)
			changes.visibleInAddr = fields.visibleInAddressBook ? 1 : 0;
		if (Object.keys(changes).length === 0) {
			throw item.field('updateFields').invalid('is empty', 'Add at least one field to change.');
		}
		return { address, changes, updated: Object.keys(fields) };
	},

	async execute(this: IExecuteFunctions, { address, changes, updated }: Input, item: Item) {
		const body = { domain: address.domain, accountName: address.accountName, ...changes };
		await apiRequest.call(this, 'account.update', body, { itemIndex: item.index });
		return { accountName: address.accountName, email: address.email, updated };
	},
};
