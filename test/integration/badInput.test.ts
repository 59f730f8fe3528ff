import type { IDataObject } from 'n8n-workflow';

import {
	callsTo,
	CREATE_ACCOUNT_FROM_ITEM,
	getAccount,
	locator,
	usePlatform,
} from '../support/netease';

const hires = (...accountNames: string[]) =>
	accountNames.map((accountName) => ({ accountName, name: 'x' }));

const WRITE_PATHS = [
	'/api/open/account/createAccount',
	'/api/open/unit/createUnit',
	'/api/open/account/updateAccount',
];

describe('Bad input', () => {
	const platform = usePlatform();
	const writes = () => WRITE_PATHS.flatMap((path) => callsTo(platform.sandbox, path));
	const create = (fields: IDataObject) =>
		platform.run({
			resource: 'account',
			operation: 'create',
			accountName: 'good.name',
			name: '名字',
			password: 'Welcome#2026',
			...fields,
		});

	test.each([
		[{ accountName: '={{ "" }}' }, 'Account Name is empty [item 0]'],
		[{ accountName: 'Zhang.San' }, 'Account Name "Zhang.San" contains capital letters [item 0]'],
		[
			{ accountName: 'zhang..san' },
			'Account Name "zhang..san" is not a valid account name [item 0]',
		],
		[{ accountName: '-zhang' }, 'Account Name "-zhang" is not a valid account name [item 0]'],
		[
			{ accountName: 'zhang@bad_domain' },
			'Account Name "bad_domain" is not a mail domain [item 0]',
		],
		[{ name: '   ' }, 'Display Name is empty [item 0]'],
		[{ password: 'short1' }, 'Initial Password has 6 characters [item 0]'],
		[{ password: 'onlyletters' }, 'Initial Password uses only one kind of character [item 0]'],
		[{ password: 'has space 123' }, 'Initial Password contains spaces [item 0]'],
		[{ password: 'good.name#2026' }, 'Initial Password contains the account name [item 0]'],
		[
			{ additionalFields: { passwordType: 'md5' } },
			'Initial Password is not an MD5 digest [item 0]',
		],
		[
			{ additionalFields: { mobile: '12345' } },
			'Mobile "12345" is not a valid mobile number [item 0]',
		],
		[
			{ department: locator('不存在/部门', 'path') },
			'Department "不存在/部门" does not exist [item 0]',
		],
		[{ department: locator('a//b', 'path') }, 'Department "a//b" has an empty level [item 0]'],
	])('%j is refused with the field named, before any write', async (fields, message) => {
		const run = await create(fields);
		expect(run.success).toBe(false);
		expect(run.error?.message).toBe(message);
		expect(run.error?.description).toBeTruthy();
		expect(writes()).toHaveLength(0);
	});

	test('One bad item stops the run before any item is written', async () => {
		const run = await platform.run(CREATE_ACCOUNT_FROM_ITEM, {
			items: hires('first.ok', 'second.ok', 'BAD'),
		});
		expect(run.success).toBe(false);
		expect(run.error?.message).toBe('Account Name "BAD" contains capital letters [item 2]');
		expect(writes()).toHaveLength(0);
	});

	test('With continue on fail, bad and refused items get an error item and the others still run', async () => {
		const run = await platform.run(CREATE_ACCOUNT_FROM_ITEM, {
			items: hires('first.ok', 'BAD', 'li.na', 'last.ok'),
			continueOnFail: true,
		});
		expect(run.success).toBe(true);
		expect(run.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(run.json[0]).toMatchObject({ accountName: 'first.ok', created: true });
		expect(run.json[1]).toMatchObject({
			error: 'Account Name "BAD" contains capital letters [item 1]',
		});
		expect(run.json[2]).toMatchObject({
			error: expect.stringMatching(/already exists.*\[item 2\]/),
		});
		expect(run.json[3]).toMatchObject({ accountName: 'last.ok', created: true });
		const created = platform.sandbox.control.state().accounts.map((a) => a.accountName);
		expect(created).toEqual(expect.arrayContaining(['first.ok', 'last.ok']));
	});

	test('Update with nothing to change is refused', async () => {
		const run = await platform.run({
			resource: 'account',
			operation: 'update',
			account: locator('li.na', 'address'),
			updateFields: {},
		});
		expect(run.error?.message).toBe('Update Fields is empty [item 0]');
		expect(writes()).toHaveLength(0);
	});

	test('Unusable endpoint overrides in the credential are reported before any request', async () => {
		platform.changeCredential({ endpointOverrides: '{"account.nope": "/x"}' });
		const run = await platform.run(getAccount('li.na'));
		expect(run.error?.message).toBe(
			'The credential\'s Endpoint Path Overrides cannot be used: "account.nope" is not an endpoint key (see the README\'s endpoint table)',
		);
		expect(platform.sandbox.control.requests()).toHaveLength(0);
	});

	test('Endpoint overrides re-route a call without code changes', async () => {
		platform.changeCredential({
			endpointOverrides: { 'account.get': '/api/open/account/getAccountMoved' },
		});
		const run = await platform.run(getAccount('li.na'));
		expect(run.success).toBe(false);
		expect(callsTo(platform.sandbox, '/api/open/account/getAccountMoved')).toHaveLength(1);
	});
});
