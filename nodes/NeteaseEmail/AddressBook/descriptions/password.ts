import type { INodeProperties } from 'n8n-workflow';

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
