import type { IExecuteFunctions } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions/locators';
import { resolveAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress, PasswordType } from '../../../shared/helpers/validation';
import { validatePassword } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import {
	firstLoginChangeField,
	firstLoginChangeOf,
	PASS_TYPE,
	passwordTypeField,
	passwordTypeOf,
} from '../../descriptions/password';

interface Input {
	address: AccountAddress;
	password: string;
	passwordType: PasswordType;
	firstLoginChange: number;
}

export const updatePassword: Operation<Input> = {
	value: 'updatePassword',
	name: 'Update Password',
	action: 'Update the password of an account',
	description: 'Set a new password for an account; the old one stops working at once',
	// Locks the person out until they learn the new password.
	changes: 'destructive',
	properties: [
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
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const address = await resolveAccount.call(this, item);
		const passwordType = passwordTypeOf(item.field('passwordType'), item.param('passwordType'));
		return {
			address,
			password: validatePassword(
				item.field('password'),
				item.param('password'),
				passwordType,
				address.accountName,
			),
			passwordType,
			firstLoginChange: firstLoginChangeOf(
				item.field('firstLoginChange'),
				item.param('firstLoginChange'),
			),
		};
	},

	async execute(
		this: IExecuteFunctions,
		{ address, password, passwordType, firstLoginChange }: Input,
		item: Item,
	) {
		const body = {
			domain: address.domain,
			accountName: address.accountName,
			password,
			passType: PASS_TYPE[passwordType],
			passChangeFirstLogin: firstLoginChange,
		};
		await apiRequest.call(this, 'account.updatePassword', body, { itemIndex: item.index });
		return { accountName: address.accountName, email: address.email, passwordUpdated: true };
	},
};
