import type { INodeParameters } from 'n8n-workflow';

import { locator, SSO_NODE_TYPE } from '../support/netease';
import type { BadInput } from './badInputCorpus.support';
import { address, describeBadInputs, DOMAIN } from './badInputCorpus.support';

const loginLink = (fields: INodeParameters): INodeParameters => ({
	resource: 'loginLink',
	operation: 'get',
	account: address('li.na'),
	...fields,
});

const setAccess = (fields: INodeParameters): INodeParameters => ({
	resource: 'loginAccess',
	operation: 'set',
	targetType: 'role',
	role: 'employee',
	modules: ['mail'],
	...fields,
});

const rows: BadInput[] = [
	{
		case: 'Login Link: an account of another domain',
		parameters: loginLink({ account: address('li.na@other.example.com') }),
		error: `Account "li.na@other.example.com" is not in the organisation's domain ${DOMAIN} [item 0]`,
	},
	{
		case: 'Login Link: a Cyrillic look-alike in the account',
		parameters: loginLink({ account: address('li.n\u0430') }),
		error:
			'Account "li.n\u0430" contains "\u0430" (U+0430, Cyrillic), which only looks like "a" [item 0]',
	},
	{
		case: 'Login Link: message ID whitespace only',
		parameters: loginLink({ open: 'message', messageId: '  ' }),
		error: 'Message ID is empty [item 0]',
	},
	{
		case: 'Login Link: path traversal as the message ID',
		parameters: loginLink({ open: 'message', messageId: '../../etc/passwd' }),
		error: 'Message ID "../../etc/passwd" is not a message ID [item 0]',
	},
	{
		case: 'Login Link: folder 9',
		parameters: loginLink({ open: 'folder', folder: '={{ 9 }}' }),
		error: 'Folder "9" is not a choice [item 0]',
	},
	{
		case: 'Login Link: language 7',
		parameters: loginLink({ language: '={{ 7 }}' }),
		error: 'Language "7" is not a choice [item 0]',
	},
	{
		case: 'Login Access → Set: no function',
		parameters: setAccess({ modules: '={{ [] }}' }),
		error: 'Functions is empty [item 0]',
	},
	{
		case: 'Login Access → Set: a function that does not exist',
		parameters: setAccess({ modules: '={{ ["mail", "admin"] }}' }),
		error: 'Functions "admin" is not a choice [item 0]',
	},
	{
		case: 'Login Access → Set: role ID with a script tag',
		parameters: setAccess({ role: '<script>alert(1)</script>' }),
		error: 'Role ID "<script>alert(1)</script>" is not a role ID [item 0]',
	},
	{
		case: 'Login Access → Get: role ID with a line break',
		parameters: { resource: 'loginAccess', operation: 'get', targetType: 'role', role: 'a\r\nb' },
		error: 'Role ID contains a line break [item 0]',
	},
	{
		case: 'Login Access → Get: department path with an empty level',
		parameters: {
			resource: 'loginAccess',
			operation: 'get',
			targetType: 'department',
			department: locator('研发中心//后端组', 'path'),
		},
		error: 'Department "研发中心//后端组" has an empty level [item 0]',
	},
	{
		case: 'Login Access → Get: not a target type',
		parameters: {
			resource: 'loginAccess',
			operation: 'get',
			targetType: '={{ "team" }}',
			department: locator('研发中心', 'path'),
			role: 'employee',
		},
		error: 'Target Type "team" is not a choice [item 0]',
	},
];

describeBadInputs('Bad-input corpus: SSO', SSO_NODE_TYPE, rows);
