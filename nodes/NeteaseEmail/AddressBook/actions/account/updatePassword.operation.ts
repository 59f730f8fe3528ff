import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator } from '../../descriptions/locators';
import { firstLoginChangeField, PASS_TYPE, passwordTypeField } from '../../descriptions/password';
import { resolveAccount } from '../../helpers/accounts';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { AccountAddress, PasswordType } from '../../helpers/validation';
import { validatePassword } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import type { Operation } from '../operation';
import { ACCOUNT_CONCURRENCY } from '../operation';

const properties: INodeProperties[] = [
	accountLocator(),
	{
		displayName: 'New Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'8–32 characters mixing at least two of letters, digits and symbols, not containing the account name',
	},
	{ ...passwordTypeField },
	{ ...firstLoginChangeField, displayName: 'Change Password at Next Login' },
];

interface Input {
	address: AccountAddress;
	password: string;
	passwordType: PasswordType;
	firstLoginChange: number;
}

export const updatePassword: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['account'], operation: ['updatePassword'] } },
		properties,
	),
	concurrency: ACCOUNT_CONCURRENCY,

	async prepare(this: IExecuteFunctions, i: number) {
		const address = await resolveAccount.call(this, i);
		const passwordType = this.getNodeParameter('passwordType', i) as PasswordType;
		const password = validatePassword(
			this.getNode(),
			i,
			this.getNodeParameter('password', i),
			passwordType,
			address.accountName,
		);
		return {
			address,
			password,
			passwordType,
			firstLoginChange: this.getNodeParameter('firstLoginChange', i) as number,
		};
	},

	async execute(
		this: IExecuteFunctions,
		{ address, password, passwordType, firstLoginChange }: Input,
		i: number,
	) {
		const body = {
			domain: address.domain,
			accountName: address.accountName,
			password,
			passType: PASS_TYPE[passwordType],
			passChangeFirstLogin: firstLoginChange,
		};
		await apiRequest.call(this, 'account.updatePassword', body, { itemIndex: i, idempotent: true });
		return { accountName: address.accountName, email: address.email, passwordUpdated: true };
	},
};
