import type { INodeParameters } from 'n8n-workflow';

import { fileItem, locator, NODE_TYPE } from '../support/netease';
import type { BadInput } from './badInputCorpus.support';
import { address, describeBadInputs, DOMAIN, longText } from './badInputCorpus.support';

const createAccount = (fields: INodeParameters): INodeParameters => ({
	resource: 'account',
	operation: 'create',
	accountName: 'good.name',
	name: '名字',
	password: 'Welcome#2026',
	...fields,
});

const accountOperation = (operation: string, fields: INodeParameters): INodeParameters => ({
	resource: 'account',
	operation,
	account: address('li.na'),
	...fields,
});

const createMailList = (fields: INodeParameters): INodeParameters => ({
	resource: 'mailList',
	operation: 'create',
	mailList: 'new-list',
	name: '新列表',
	members: `li.na@${DOMAIN}`,
	...fields,
});

const createContact = (fields: INodeParameters): INodeParameters => ({
	resource: 'contact',
	operation: 'create',
	email: 'someone@partner.example.org',
	name: '联系人',
	...fields,
});

const csvImport = (text: string | Buffer, fields: INodeParameters = {}): BadInput['inputItems'] =>
	[fileItem(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)].map((item) => ({
		...item,
		json: { ...item.json, ...fields },
	}));

const IMPORT: INodeParameters = {
	resource: 'directory',
	operation: 'import',
	source: 'csv',
	password: 'Welcome#2026',
};

const rows: BadInput[] = [
	// Account → Create: account names
	{
		case: 'account name: whitespace only',
		parameters: createAccount({ accountName: '   ' }),
		error: 'Account Name is empty [item 0]',
	},
	{
		case: 'account name: null from an expression',
		parameters: createAccount({ accountName: '={{ null }}' }),
		error: 'Account Name is empty [item 0]',
	},
	{
		case: 'account name: an object from an expression',
		parameters: createAccount({ accountName: '={{ {a: 1} }}' }),
		error: 'Account Name is an object, not text [item 0]',
	},
	{
		case: 'account name: an array from an expression',
		parameters: createAccount({ accountName: '={{ ["li.na", "zhang.wei"] }}' }),
		error: 'Account Name is a list, not text [item 0]',
	},
	{
		case: 'account name: a boolean from an expression',
		parameters: createAccount({ accountName: '={{ true }}' }),
		error: 'Account Name is true, not text [item 0]',
	},
	{
		case: 'account name: 65 characters',
		parameters: createAccount({ accountName: longText(65) }),
		error: `Account Name "${longText(65)}" is not a valid account name [item 0]`,
	},
	{
		case: 'account name: over 320 characters with a domain',
		parameters: createAccount({ accountName: `${longText(320)}@${DOMAIN}` }),
		error: 'Account Name is longer than 320 characters [item 0]',
	},
	{
		case: 'account name: starts with a dot',
		parameters: createAccount({ accountName: '.zhang' }),
		error: 'Account Name ".zhang" is not a valid account name [item 0]',
	},
	{
		case: 'account name: a space inside',
		parameters: createAccount({ accountName: 'zhang san' }),
		error: 'Account Name "zhang san" is not a valid account name [item 0]',
	},
	{
		case: 'account name: Cyrillic "а" that looks like a Latin "a"',
		parameters: createAccount({ accountName: 'zh\u0430ng.san' }),
		error:
			'Account Name "zh\u0430ng.san" contains "\u0430" (U+0430, Cyrillic), which only looks like "a" [item 0]',
	},
	{
		case: 'account name: full-width "＠" before the domain',
		parameters: createAccount({ accountName: `zhang.san\uFF20${DOMAIN}` }),
		error: `Account Name "zhang.san\uFF20${DOMAIN}" contains "\uFF20" (U+FF20, full-width), which only looks like "@" [item 0]`,
	},
	{
		case: 'account name: a zero-width space inside',
		parameters: createAccount({ accountName: 'zhang\u200Bsan' }),
		error: 'Account Name contains an invisible character (U+200B, zero-width space) [item 0]',
	},
	{
		case: 'account name: a control character inside',
		parameters: createAccount({ accountName: 'zhang\u0007san' }),
		error: 'Account Name contains a control character (U+0007) [item 0]',
	},
	{
		case: 'account name: a line break inside',
		parameters: createAccount({ accountName: 'zhang\r\nsan' }),
		error: 'Account Name contains a line break [item 0]',
	},
	{
		case: 'account name: SQL injection',
		parameters: createAccount({ accountName: "x'; DROP TABLE accounts;--" }),
		error: `Account Name "x'; DROP TABLE accounts;--" contains capital letters [item 0]`,
	},
	{
		case: 'account name: script tag',
		parameters: createAccount({ accountName: '<script>alert(1)</script>' }),
		error: 'Account Name "<script>alert(1)</script>" is not a valid account name [item 0]',
	},
	{
		case: 'account name: path traversal',
		parameters: createAccount({ accountName: '../../etc/passwd' }),
		error: 'Account Name "../../etc/passwd" is not a valid account name [item 0]',
	},
	{
		case: 'account name: nothing before "@"',
		parameters: createAccount({ accountName: `@${DOMAIN}` }),
		error: `Account Name "@${DOMAIN}" has nothing before "@" [item 0]`,
	},
	{
		case: 'account name: nothing after "@"',
		parameters: createAccount({ accountName: 'zhang.san@' }),
		error: 'Account Name "zhang.san@" has no domain after "@" [item 0]',
	},
	{
		case: 'account name: a domain without a dot',
		parameters: createAccount({ accountName: 'zhang.san@localhost' }),
		error: 'Account Name "localhost" is not a mail domain [item 0]',
	},
	{
		case: 'account name: a domain starting with "-"',
		parameters: createAccount({ accountName: 'zhang.san@-example.com' }),
		error: 'Account Name "-example.com" is not a mail domain [item 0]',
	},
	{
		case: 'account name: a Cyrillic look-alike in the domain',
		parameters: createAccount({ accountName: 'zhang.san@ex\u0430mple.com' }),
		error:
			'Account Name "zhang.san@ex\u0430mple.com" contains "\u0430" (U+0430, Cyrillic), which only looks like "a" [item 0]',
	},
	{
		case: 'the bad one of three items is named',
		parameters: createAccount({ accountName: '={{ $json.accountName }}' }),
		items: [{ accountName: 'first.ok' }, { accountName: 'second.ok' }, { accountName: 'BAD' }],
		error: 'Account Name "BAD" contains capital letters [item 2]',
	},
	// Account → Create: the other fields
	{
		case: 'display name: 65 characters',
		parameters: createAccount({ name: longText(65, '名') }),
		error: 'Display Name is longer than 64 characters [item 0]',
	},
	{
		case: 'display name: a line break inside',
		parameters: createAccount({ name: '张\r\n三' }),
		error: 'Display Name contains a line break [item 0]',
	},
	{
		case: 'display name: an object from an expression',
		parameters: createAccount({ name: '={{ {first: "张", last: "三"} }}' }),
		error: 'Display Name is an object, not text [item 0]',
	},
	{
		case: 'display name: a right-to-left override',
		parameters: createAccount({ name: '张\u202E三' }),
		error: 'Display Name contains an invisible character (U+202E, right-to-left override) [item 0]',
	},
	{
		case: 'password: an object from an expression',
		parameters: createAccount({ password: '={{ {secret: "Welcome#2026"} }}' }),
		error: 'Initial Password is an object, not text [item 0]',
	},
	{
		case: 'password type: not a choice',
		parameters: createAccount({ additionalFields: { passwordType: '={{ "sha1" }}' } }),
		error: 'Password Type "sha1" is not a choice [item 0]',
	},
	{
		case: 'mobile: ten digits',
		parameters: createAccount({ additionalFields: { mobile: '1380013800' } }),
		error: 'Mobile "1380013800" is not a valid mobile number [item 0]',
	},
	{
		case: 'job number: 65 characters',
		parameters: createAccount({ additionalFields: { jobNumber: longText(65, '9') } }),
		error: 'Job Number is longer than 64 characters [item 0]',
	},
	{
		case: 'department path: an empty level',
		parameters: createAccount({ department: locator('研发中心//后端组', 'path') }),
		error: 'Department "研发中心//后端组" has an empty level [item 0]',
	},
	// Other account operations
	{
		case: 'Get: account empty',
		parameters: accountOperation('get', { account: address('={{ "" }}') }),
		error: 'Account is empty [item 0]',
	},
	{
		case: 'Update: mobile country code with letters',
		parameters: accountOperation('update', {
			updateFields: { mobile: '91234567', mobileCountryCode: 'HK' },
		}),
		error: 'Mobile Country Code "HK" is not a country code [item 0]',
	},
	{
		case: 'Update: display name whitespace only',
		parameters: accountOperation('update', { updateFields: { name: '  ' } }),
		error: 'Display Name is empty [item 0]',
	},
	{
		case: 'Bind Mobile: letters',
		parameters: accountOperation('bindMobile', { mobile: 'call me' }),
		error: 'Mobile "call me" is not a valid mobile number [item 0]',
	},
	{
		case: 'Add Alias: an alias in another domain',
		parameters: accountOperation('addAlias', { alias: 'nana@other.example.com' }),
		error: `Alias "nana@other.example.com" is not in the account's domain ${DOMAIN} [item 0]`,
	},
	{
		case: 'Set Login Permissions: a channel neither allowed nor denied',
		parameters: accountOperation('setLoginPermissions', { channels: { imap: '={{ "maybe" }}' } }),
		error: 'IMAP "maybe" is not a choice [item 0]',
	},
	{
		case: 'Update Password: seven characters',
		parameters: accountOperation('updatePassword', { password: 'Abc#123' }),
		error: 'New Password has 7 characters [item 0]',
	},
	{
		case: 'Find by Job Number: empty',
		parameters: { resource: 'account', operation: 'findByJobNumber', jobNumber: '={{ "" }}' },
		error: 'Job Number is empty [item 0]',
	},
	// Limits
	{
		case: 'Account → Get Many: a negative limit',
		parameters: { resource: 'account', operation: 'getAll', limit: -5 },
		error: 'Limit "-5" is not a whole number from 1 to 1000000 [item 0]',
	},
	{
		case: 'Mail List → Get Many: a limit of 0',
		parameters: { resource: 'mailList', operation: 'getAll', limit: 0 },
		error: 'Limit "0" is not a whole number from 1 to 1000000 [item 0]',
	},
	{
		case: 'Contact → Get Many: a fractional limit',
		parameters: { resource: 'contact', operation: 'getAll', limit: 2.5 },
		error: 'Limit "2.5" is not a whole number from 1 to 1000000 [item 0]',
	},
	{
		case: 'Contact Group → Get Many: a huge limit',
		parameters: { resource: 'contactGroup', operation: 'getAll', limit: 1e12 },
		error: 'Limit "1000000000000" is not a whole number from 1 to 1000000 [item 0]',
	},
	{
		case: 'Get Changes: a negative revision',
		parameters: { resource: 'changeFeed', operation: 'getChanges', sinceRevision: -1 },
		error: 'Since Revision "-1" is not a whole number of 0 or more [item 0]',
	},
	{
		case: 'Get Changes: text for the revision',
		parameters: {
			resource: 'changeFeed',
			operation: 'getChanges',
			sinceRevision: '={{ "latest" }}',
		},
		error: 'Since Revision "latest" is not a whole number of 0 or more [item 0]',
	},
	// Departments
	{
		case: 'Department → Create: a "/" in the name',
		parameters: { resource: 'department', operation: 'create', name: '研发/后端' },
		error: 'Name "研发/后端" contains "/" [item 0]',
	},
	{
		case: 'Department → Create: 65 characters',
		parameters: { resource: 'department', operation: 'create', name: longText(65, '部') },
		error: 'Name is longer than 64 characters [item 0]',
	},
	{
		case: 'Department → Create: an object as the description',
		parameters: {
			resource: 'department',
			operation: 'create',
			name: '后端组',
			parentDepartment: locator('研发中心', 'path'),
			options: { description: '={{ {text: "x"} }}' },
		},
		error: 'Description is an object, not text [item 0]',
	},
	{
		case: 'Department → Ensure Path: only slashes',
		parameters: { resource: 'department', operation: 'ensurePath', path: '///' },
		error: 'Path "///" has an empty level [item 0]',
	},
	{
		case: 'Department → Set Rank: a negative rank',
		parameters: {
			resource: 'department',
			operation: 'setRank',
			department: locator('研发中心', 'path'),
			rank: -1,
		},
		error: 'Rank "-1" is not a whole number of 1 or more [item 0]',
	},
	{
		case: 'Department → Update: nothing to change',
		parameters: {
			resource: 'department',
			operation: 'update',
			department: locator('研发中心', 'path'),
			updateFields: {},
		},
		error: 'Update Fields is empty [item 0]',
	},
	// Mail lists
	{
		case: 'Mail List → Create: capital letters in the address',
		parameters: createMailList({ mailList: 'All-Staff' }),
		error: 'Mail List "All-Staff" contains capital letters [item 0]',
	},
	{
		case: 'Mail List → Create: a member that is not an address',
		parameters: createMailList({ members: 'li.na@, wang.fang' }),
		error: 'Members "li.na@" has no valid domain after "@" [item 0]',
	},
	{
		case: 'Mail List → Create: who can send is not a choice',
		parameters: createMailList({ additionalFields: { whoCanSend: '={{ "nobody" }}' } }),
		error: 'Who Can Send "nobody" is not a choice [item 0]',
	},
	{
		case: 'Mail List → Create: display name empty',
		parameters: createMailList({ name: '={{ "" }}' }),
		error: 'Display Name is empty [item 0]',
	},
	{
		case: 'Mail List → Add Members: no members and no departments',
		parameters: { resource: 'mailList', operation: 'addMembers', mailList: 'all-staff' },
		error: 'Members and Member Departments are both empty [item 0]',
	},
	{
		case: 'Mail List → Update: nothing to change',
		parameters: {
			resource: 'mailList',
			operation: 'update',
			mailList: 'all-staff',
			updateFields: {},
		},
		error: 'Update Fields is empty [item 0]',
	},
	// Contacts and contact groups
	{
		case: 'Contact → Create: a number as the address',
		parameters: createContact({ email: '={{ 42 }}' }),
		error: 'Email "42" is not a mail address [item 0]',
	},
	{
		case: 'Contact → Create: CRLF header injection in the address',
		parameters: createContact({ email: 'someone@partner.example.org\r\nBcc: x@evil.example' }),
		error: 'Email contains a line break [item 0]',
	},
	{
		case: 'Contact → Create: a phone number with letters',
		parameters: createContact({ additionalFields: { mobile: '+86 abc' } }),
		error: 'Mobile "+86 abc" is not a phone number [item 0]',
	},
	{
		case: 'Contact → Create: a birthday that is not a date',
		parameters: createContact({ additionalFields: { birthday: 'next spring' } }),
		error: 'Birthday "next spring" is not a date [item 0]',
	},
	{
		case: 'Contact → Delete: only separators',
		parameters: { resource: 'contact', operation: 'delete', contacts: ' , ,' },
		error: 'Contacts is empty [item 0]',
	},
	{
		case: 'Contact → Update: contact locator empty',
		parameters: {
			resource: 'contact',
			operation: 'update',
			contact: locator('={{ "" }}', 'email'),
			updateFields: { name: 'x' },
		},
		error: 'Contact is empty [item 0]',
	},
	{
		case: 'Contact Group → Create: 65 characters',
		parameters: { resource: 'contactGroup', operation: 'create', name: longText(65, '组') },
		error: 'Name is longer than 64 characters [item 0]',
	},
	{
		case: 'Contact Group → Rename: new name whitespace only',
		parameters: {
			resource: 'contactGroup',
			operation: 'rename',
			contactGroup: locator('供应商', 'name'),
			newName: '   ',
		},
		error: 'New Name is empty [item 0]',
	},
	// Visibility
	{
		case: 'Set Account Visibility: "yes" instead of true',
		parameters: {
			resource: 'visibility',
			operation: 'setAccountVisibility',
			account: address('li.na'),
			visible: '={{ "yes" }}',
		},
		error: 'Visible in Address Book "yes" is not true or false [item 0]',
	},
	{
		case: 'Set View Scope: role ID empty',
		parameters: {
			resource: 'visibility',
			operation: 'setViewScope',
			targetType: 'role',
			role: '={{ "" }}',
			viewScope: 'all',
		},
		error: 'Role ID is empty [item 0]',
	},
	{
		case: 'Set View Scope: SQL injection as the role ID',
		parameters: {
			resource: 'visibility',
			operation: 'setViewScope',
			targetType: 'role',
			role: "employee'; DROP TABLE roles;--",
			viewScope: 'all',
		},
		error: `Role ID "employee'; DROP TABLE roles;--" is not a role ID [item 0]`,
	},
	{
		case: 'Set View Scope: not a scope',
		parameters: {
			resource: 'visibility',
			operation: 'setViewScope',
			targetType: 'role',
			role: 'employee',
			viewScope: '={{ "everything" }}',
		},
		error: 'View Scope "everything" is not a scope [item 0]',
	},
	// Directory
	{
		case: 'Export: nothing to include',
		parameters: { resource: 'directory', operation: 'export', include: [] },
		error: 'Include is empty [item 0]',
	},
	{
		case: 'Export: a file name with a path',
		parameters: {
			resource: 'directory',
			operation: 'export',
			output: 'csv',
			fileName: '../../etc/passwd',
		},
		error: 'File Name "../../etc/passwd" contains "/" [item 0]',
	},
	{
		case: 'Import: a zip file named .csv',
		parameters: IMPORT,
		inputItems: csvImport(Buffer.from('504b0304140000000800', 'hex')),
		error: 'Input Binary Field is not a CSV text file in UTF-8 or GBK [item 0]',
	},
	{
		case: 'Import: a column nothing reads',
		parameters: IMPORT,
		inputItems: csvImport('accountName,name,nickname\nnew.one,新,x\n'),
		error: /^Input Binary Field has the column "nickname" is not a field \[item 0\]$/,
	},
	{
		case: 'Import: an empty file',
		parameters: IMPORT,
		inputItems: csvImport(''),
		error: 'Input Binary Field holds an empty file [item 0]',
	},
	{
		case: 'Import: a column name twice in the header',
		parameters: IMPORT,
		inputItems: csvImport('accountName,name,name\nnew.one,新,旧\n'),
		error:
			'Input Binary Field has a bad header: column 3 of the header repeats the name "name" of column 2 [item 0]',
	},
	{
		case: 'Import: "true" as the text of Dry Run',
		parameters: { ...IMPORT, dryRun: '={{ "true" }}' },
		inputItems: csvImport('accountName,name\nnew.one,新\n'),
		error: 'Dry Run "true" is not true or false [item 0]',
	},
	{
		case: 'Import: no file in the binary field',
		parameters: { ...IMPORT, binaryPropertyName: 'upload' },
		inputItems: csvImport('accountName,name\nnew.one,新\n'),
		error:
			'Input Binary Field names "upload", but the input item has no file in a binary field of that name [item 0]',
	},
	{
		case: 'Import: a weak password for new accounts',
		parameters: { ...IMPORT, password: 'password' },
		inputItems: csvImport('accountName,name\nnew.one,新\n'),
		error: 'Initial Password for New Accounts uses only one kind of character [item 0]',
	},
	// Platform Request
	{
		case: 'Platform Request: a path that climbs out with ".."',
		parameters: {
			resource: 'platformRequest',
			operation: 'send',
			endpointSource: 'path',
			path: '/api/open/../../etc/passwd',
		},
		error: 'Path "/api/open/../../etc/passwd" is not a path [item 0]',
	},
	{
		case: 'Platform Request: "yes" as the text of Changes Something',
		parameters: {
			resource: 'platformRequest',
			operation: 'send',
			endpointSource: 'path',
			path: '/api/open/unit/createUnit',
			write: '={{ "yes" }}',
		},
		error: 'Changes Something "yes" is not true or false [item 0]',
	},
	{
		case: 'Platform Request: a body that is a JSON array',
		parameters: { resource: 'platformRequest', operation: 'send', body: '[1, 2]' },
		error: 'Body is not a JSON object [item 0]',
	},
];

describeBadInputs('Bad-input corpus: Address Book', NODE_TYPE, rows);
