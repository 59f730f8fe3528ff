import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator } from '../../descriptions/locators';
import { resolveAccount } from '../../helpers/accounts';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { AccountAddress } from '../../helpers/validation';
import { invalid, requireText, validateMobile } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import type { Operation } from '../operation';
import { ACCOUNT_CONCURRENCY } from '../operation';

const properties: INodeProperties[] = [
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
];

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
}

export const update: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['account'], operation: ['update'] } },
		properties,
	),
	concurrency: ACCOUNT_CONCURRENCY,

	async prepare(this: IExecuteFunctions, i: number) {
		const node = this.getNode();
		const address = await resolveAccount.call(this, i);
		const fields = this.getNodeParameter('updateFields', i, {}) as Fields;
		const changes: IDataObject = {};
		if (fields.name !== undefined)
			changes.name = requireText(node, i, 'Display Name', fields.name, 64);
		if (fields.jobNumber !== undefined)
			changes.jobNumber = requireText(node, i, 'Job Number', fields.jobNumber, 64);
		const countryCode = (fields.mobileCountryCode ?? '').replace(/^\+/, '').trim();
		if (countryCode && !/^\d{1,4}$/.test(countryCode)) {
			throw invalid(
				node,
				i,
				'Mobile Country Code',
				`"${countryCode}" is not a country code`,
				'Use 1–4 digits, e.g. 852.',
			);
		}
		if (fields.mobile !== undefined) {
			changes.bindmobile = validateMobile(node, i, fields.mobile, countryCode);
			if (countryCode) changes.mobilePrefix = countryCode;
		}
		if (fields.visibleInAddressBook !== undefined)
			changes.visibleInAddr = fields.visibleInAddressBook ? 1 : 0;
		if (Object.keys(changes).length === 0) {
			throw invalid(node, i, 'Update Fields', 'is empty', 'Add at least one field to change.');
		}
		return { address, changes };
	},

	async execute(this: IExecuteFunctions, { address, changes }: Input, i: number) {
		const body = { domain: address.domain, accountName: address.accountName, ...changes };
		await apiRequest.call(this, 'account.update', body, { itemIndex: i, idempotent: true });
		return {
			accountName: address.accountName,
			email: address.email,
			updated: Object.keys(changes),
		};
	},
};
