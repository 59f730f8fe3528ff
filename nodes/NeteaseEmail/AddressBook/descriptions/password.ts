import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import type { Field, PasswordType } from '../../shared/helpers/validation';
import { validateChoice, validatePassword } from '../../shared/helpers/validation';

export const passwordTypeField: INodeProperties = {
	displayName: 'Password Type',
	name: 'passwordType',
	type: 'options',
	default: 'plain',
	options: [
		{ name: 'Plain Text', value: 'plain' },
		{
			name: 'MD5 Digest',
			value: 'md5',
			description: 'The 32-character hexadecimal MD5 of the password',
		},
	],
};

export const firstLoginChangeField: INodeProperties = {
	displayName: 'Change Password at First Login',
	name: 'firstLoginChange',
	type: 'options',
	default: 1,
	options: [
		{ name: 'Not Required', value: 0 },
		{ name: 'Required at First Web Login', value: 1 },
		{ name: 'Required, Mail Clients Blocked Until Changed', value: 2 },
	],
};

export const PASS_TYPE = { plain: 0, md5: 1 } as const;

/** Change Password at First Login as given (an expression may give anything), 1 when not set. */
export function firstLoginChangeOf(field: Field, value: unknown): number {
	if (value === undefined) return 1;
	const choices = firstLoginChangeField.options as Array<INodePropertyOptions & { value: number }>;
	return validateChoice(field, value, choices);
}

/** Password Type as given (an expression may give anything), `plain` when not set. */
export function passwordTypeOf(field: Field, value: unknown): PasswordType {
	if (value === undefined) return 'plain';
	const choices = passwordTypeField.options as Array<
		INodePropertyOptions & { value: PasswordType }
	>;
	return validateChoice(field, value, choices);
}

/** Initial Password and Change Password at First Login, for the accounts a bulk run creates. */
export function newAccountSettings(
	item: Item,
	firstLoginChange: unknown,
): { password?: string; firstLoginChange: number } {
	const password = item.param<string>('password', '');
	return {
		password: password ? validatePassword(item.field('password'), password, 'plain') : undefined,
		firstLoginChange: firstLoginChangeOf(item.field('firstLoginChange'), firstLoginChange),
	};
}
