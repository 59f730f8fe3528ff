import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	callsTo,
	CREATE_ACCOUNT_FROM_ITEM,
	getAccount,
	locator,
	newHires,
	usePlatform,
} from '../support/netease';
import type { LostAnswerCase } from './lostAnswers.support';
import { expectLostAnswerChangesNothing, runCleanAndLost } from './lostAnswers.support';

const API = '/api/open/account';
const CREATE = `${API}/createAccount`;
const NAME_TAKEN =
	'An account with this name already exists (MAILACCOUNT.NAMEEXIST, code -3) [item 0]';

const DOMAIN = 'sandbox.example.com';
const account = (address: string) => locator(address, 'address');
const named = (name: string) => (accounts: IDataObject[]) =>
	accounts.filter((a) => a.accountName === name);
const create = (accountName: string, extra: IDataObject = {}): INodeParameters => ({
	resource: 'account',
	operation: 'create',
	accountName,
	name: '新同事',
	password: 'Welcome#2026',
	...extra,
});
const reuse = { options: { ifExists: 'reuse' } };
const onAccount = (operation: string, address: string, extra: IDataObject = {}) => ({
	resource: 'account',
	operation,
	account: account(address),
	...extra,
});

const CASES: LostAnswerCase[] = [
	{
		title: 'Create (Fail) a new account in a department, with every field',
		params: create('new.hire', {
			department: locator('研发中心/后端组', 'path'),
			additionalFields: { jobNumber: 'E2001', mobile: '13800138000' },
		}),
		path: CREATE,
		writes: [1, 1],
		succeeds: true,
		expectOutput: ({ json }) =>
			expect(json[0]).toMatchObject({ created: true, status: 'normal', openId: /^sbxa/ }),
		expectHeld: ({ accounts }) =>
			expect(named('new.hire')(accounts)).toEqual([
				expect.objectContaining({ unitName: '后端组', jobNumber: 'E2001' }),
			]),
	},
	{
		title: 'Create (Fail) a new account without a department',
		params: create('new.hire'),
		path: CREATE,
		writes: [1, 1],
		succeeds: true,
	},
	{
		title: 'Create (Return the Existing Account) a new account',
		params: create('new.hire', reuse),
		path: CREATE,
		writes: [1, 1],
		succeeds: true,
		expectOutput: ({ json }) => expect(json[0].created).toBe(true),
	},
	{
		title: 'Create (Fail) an account that existed before the run',
		params: create('li.na'),
		path: CREATE,
		writes: [1, 2],
		succeeds: false,
		expectOutput: ({ error }) => expect(error?.message).toBe(NAME_TAKEN),
	},
	{
		title:
			'Create (Return the Existing Account) an account that existed before, asking another department',
		params: create('li.na', { ...reuse, department: locator('市场部', 'path') }),
		path: CREATE,
		writes: [0, 0],
		succeeds: true,
		expectOutput: ({ json }) =>
			expect(json[0]).toMatchObject({ created: false, departmentPath: '研发中心' }),
	},
	{
		title: 'Create (Return the Existing Account) over a soft-deleted account',
		params: create('zhao.lei', { ...reuse, department: locator('总部', 'path') }),
		path: CREATE,
		writes: [1, 2],
		succeeds: true,
		expectOutput: ({ json }) =>
			expect(json[0]).toMatchObject({
				created: false,
				status: 'deleted',
				departmentPath: '市场部',
			}),
	},
	{
		title: 'Create (Return the Existing Account) of a name held by an alias',
		params: create('ceo', reuse),
		path: CREATE,
		writes: [1, 2],
		succeeds: false,
		expectOutput: ({ error }) => expect(error?.message).toBe(NAME_TAKEN),
	},
	{
		title: 'Update',
		params: onAccount('update', 'li.na', { updateFields: { name: '李娜娜', jobNumber: 'E9' } }),
		path: `${API}/updateAccount`,
		writes: [1, 2],
		succeeds: true,
	},
	{
		title: 'Move',
		params: onAccount('move', 'li.na', { department: locator('市场部', 'path') }),
		path: `${API}/moveUnit`,
		writes: [1, 2],
		succeeds: true,
	},
	{
		title: 'Update Password',
		params: onAccount('updatePassword', 'li.na', {
			password: 'N3w-Passw0rd',
			passwordType: 'plain',
			firstLoginChange: 0,
		}),
		path: `${API}/updatePassword`,
		writes: [1, 2],
		succeeds: true,
	},
	{
		title: 'Suspend',
		params: onAccount('suspend', 'li.na'),
		path: `${API}/suspendAccount`,
		writes: [1, 1],
		succeeds: true,
	},
	{
		title: 'Suspend a soft-deleted account (refused)',
		params: onAccount('suspend', 'zhao.lei'),
		path: `${API}/suspendAccount`,
		writes: [1, 2],
		succeeds: false,
	},
	{
		title: 'Unsuspend',
		params: onAccount('unsuspend', 'chen.jing'),
		path: `${API}/resumeAccount`,
		writes: [1, 2],
		succeeds: true,
	},
	{
		title: 'Unsuspend a soft-deleted account (refused)',
		params: onAccount('unsuspend', 'zhao.lei'),
		path: `${API}/resumeAccount`,
		writes: [1, 2],
		succeeds: false,
	},
	{
		title: 'Delete (recoverable)',
		params: onAccount('delete', 'li.na', { permanent: false }),
		path: `${API}/deleteAccountSim`,
		writes: [1, 1],
		succeeds: true,
	},
	{
		title: 'Delete (recoverable) an account already deleted (refused)',
		params: onAccount('delete', 'zhao.lei', { permanent: false }),
		path: `${API}/deleteAccountSim`,
		writes: [1, 2],
		succeeds: false,
	},
	{
		title: 'Delete (permanent)',
		params: onAccount('delete', 'li.na', { permanent: true }),
		path: `${API}/deleteAccount`,
		writes: [1, 1],
		succeeds: true,
	},
	{
		title: 'Delete (permanent) an account that does not exist (refused)',
		params: onAccount('delete', 'nobody', { permanent: true }),
		path: `${API}/deleteAccount`,
		writes: [1, 2],
		succeeds: false,
	},
	{
		title: 'Restore',
		params: onAccount('restore', 'zhao.lei'),
		path: `${API}/recoverAccount`,
		writes: [1, 1],
		succeeds: true,
	},
	{
		title: 'Restore an account that is not deleted (refused)',
		params: onAccount('restore', 'li.na'),
		path: `${API}/recoverAccount`,
		writes: [1, 2],
		succeeds: false,
	},
	{
		title: 'Set Login Permissions',
		params: onAccount('setLoginPermissions', 'li.na', { channels: { imap: 'deny', pop: 'deny' } }),
		path: `${API}/updateAccountLoginPerm`,
		writes: [2, 3],
		succeeds: true,
	},
	{
		title: 'Add Alias',
		params: onAccount('addAlias', 'li.na', { alias: 'nana' }),
		path: `${API}/addAccountAlias`,
		writes: [1, 2],
		succeeds: true,
		expectOutput: ({ json }) => expect(json[0].changed).toBe(true),
		expectHeld: ({ accounts }) =>
			expect(named('li.na')(accounts)[0].aliasList).toEqual([`cto@${DOMAIN}`, `nana@${DOMAIN}`]),
	},
	{
		title: 'Add Alias the account already has (nothing sent)',
		params: onAccount('addAlias', 'zhang.wei', { alias: 'ceo' }),
		path: `${API}/addAccountAlias`,
		writes: [0, 0],
		succeeds: true,
		expectOutput: ({ json }) => expect(json[0].changed).toBe(false),
	},
	{
		title: "Add Alias of another account's alias (refused)",
		params: onAccount('addAlias', 'li.na', { alias: 'ceo' }),
		path: `${API}/addAccountAlias`,
		writes: [1, 2],
		succeeds: false,
	},
	{
		title: 'Remove Alias',
		params: onAccount('removeAlias', 'zhang.wei', { alias: 'ceo' }),
		path: `${API}/deleteAccountAlias`,
		writes: [1, 1],
		succeeds: true,
		expectOutput: ({ json }) => expect(json[0].changed).toBe(true),
		expectHeld: ({ accounts }) =>
			expect(named('zhang.wei')(accounts)[0].aliasList).toEqual([`wei.zhang@${DOMAIN}`]),
	},
	{
		title: 'Remove Alias the account does not have (nothing sent)',
		params: onAccount('removeAlias', 'li.na', { alias: 'ceo' }),
		path: `${API}/deleteAccountAlias`,
		writes: [0, 0],
		succeeds: true,
		expectOutput: ({ json }) => expect(json[0].changed).toBe(false),
	},
	{
		title: 'Bind Mobile',
		params: onAccount('bindMobile', 'li.na', { mobile: '13700000000' }),
		path: '/api/open/mobile/addMobile',
		writes: [1, 2],
		succeeds: true,
	},
];

describe('Account writes whose answer is lost', () => {
	const platform = usePlatform();
	const control = () => platform.sandbox.control;
	const accountsNamed = (prefix: string) =>
		control()
			.state()
			.accounts.filter((a) => a.accountName.startsWith(prefix));

	test.each(CASES.map((spec) => [spec.title, spec] as const))(
		'%s: same outcome, same items, same platform state',
		async (_title, spec) => {
			await expectLostAnswerChangesNothing(platform, spec);
		},
	);

	test.each([
		['without a department', create('new.hire')],
		['in a department', create('new.hire', { department: locator('市场部', 'path') })],
	])(
		'Create %s outputs what Account → Get shows, whether its answer arrived or not',
		async (_title, params) => {
			const { clean, lost } = await runCleanAndLost(platform, { params, path: CREATE });
			const get = await platform.run(getAccount('new.hire'));
			expect(clean.run.json).toEqual([{ ...get.json[0], created: true }]);
			expect(lost.run.json).toEqual(clean.run.json);
		},
	);

	test('Create whose answer arrives after the 30 s timeout still says created, and creates once', async () => {
		control().injectFault({ path: CREATE, kind: 'slowResponse', delayMs: 31_000 });
		const run = await platform.run(create('slow.hire'));
		expect(run.success).toBe(true);
		expect(run.json[0]).toMatchObject({ accountName: 'slow.hire', created: true });
		expect(accountsNamed('slow.hire')).toHaveLength(1);
		expect(callsTo(platform.sandbox, CREATE).map((call) => call.fault)).toEqual(['slowResponse']);
		// The transport gave up at 30 s and looked the account up instead of sending it again.
		expect(callsTo(platform.sandbox, `${API}/getAccount`)).toHaveLength(1);
	}, 60_000);

	test('Create dropped before it was performed is sent again and creates once', async () => {
		control().injectFault({ path: CREATE, kind: 'drop' });
		const run = await platform.run(create('dropped.hire'));
		expect(run.success).toBe(true);
		expect(run.json[0]).toMatchObject({ accountName: 'dropped.hire', created: true });
		expect(accountsNamed('dropped.hire')).toHaveLength(1);
		expect(callsTo(platform.sandbox, CREATE).map((call) => call.fault ?? call.code)).toEqual([
			'drop',
			0,
		]);
	});

	test('50 creates losing every 5th answer: 50 items created, 50 accounts, no error item', async () => {
		control().injectFault(
			Array.from({ length: 10 }, (_, n) => ({
				path: CREATE,
				kind: 'lostResponse' as const,
				after: 5 * n + 4,
			})),
		);
		const run = await platform.run(CREATE_ACCOUNT_FROM_ITEM, {
			items: newHires(50, 'bulk'),
			continueOnFail: true,
		});
		expect(run.success).toBe(true);
		expect(run.json).toHaveLength(50);
		expect(run.json.filter((item) => item.error)).toEqual([]);
		expect(run.json.map((item) => [item.accountName, item.created])).toEqual(
			newHires(50, 'bulk').map(({ accountName }) => [accountName, true]),
		);
		expect(accountsNamed('bulk')).toHaveLength(50);
		const creates = callsTo(platform.sandbox, CREATE);
		expect(creates).toHaveLength(50);
		expect(creates.filter((call) => call.fault === 'lostResponse')).toHaveLength(10);
		expect(control().faults()).toEqual([]);
	});
});
