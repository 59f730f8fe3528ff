import type { IDataObject } from 'n8n-workflow';

import { callsTo, locator, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';

describe('Account operations against the sandbox', () => {
	const platform = usePlatform();
	const account = (name: string) =>
		platform.sandbox.control.state().accounts.find((a) => a.accountName === name);
	const unitId = (name: string) =>
		platform.sandbox.control.state().units.find((u) => u.unitName === name)!.unitId;
	const run = (parameters: IDataObject, items?: IDataObject[]) =>
		platform.run({ resource: 'account', ...parameters }, { items });

	test('Create sends every field and places the account in the department given by path', async () => {
		const result = await run({
			operation: 'create',
			accountName: 'new.hire',
			name: '新同事',
			password: 'Welcome#2026',
			department: locator('研发中心/后端组', 'path'),
			additionalFields: {
				jobNumber: 'E2001',
				mobile: '138 0013 8000',
				firstLoginChange: 2,
				visibleInAddressBook: false,
			},
		});
		expect(result.success).toBe(true);
		expect(result.json[0]).toMatchObject({
			accountName: 'new.hire',
			email: `new.hire@${DOMAIN}`,
			departmentPath: '研发中心/后端组',
			status: 'normal',
			created: true,
		});
		expect(result.json[0]).not.toHaveProperty('password');
		const [sent] = callsTo(platform.sandbox, '/api/open/account/createAccount');
		expect(sent.body).toEqual({
			domain: DOMAIN,
			accountName: 'new.hire',
			name: '新同事',
			password: 'Welcome#2026',
			passType: 0,
			passChangeFirstLogin: 2,
			visibleInAddr: 0,
			unitId: unitId('后端组'),
			jobNumber: 'E2001',
			bindMobile: '13800138000',
		});
		expect(account('new.hire')).toMatchObject({
			unitId: unitId('后端组'),
			jobNumber: 'E2001',
			status: 0,
		});
	});

	test('Create of a taken name fails in plain words, or returns the existing account when asked', async () => {
		const params = {
			operation: 'create',
			accountName: 'li.na',
			name: '李娜',
			password: 'Welcome#2026',
		};
		const failed = await run(params);
		expect(failed.success).toBe(false);
		expect(failed.error?.message).toMatch(
			/An account with this name already exists \(MAILACCOUNT\.NAMEEXIST, code -3\) \[item 0\]/,
		);

		const reused = await run({ ...params, options: { ifExists: 'reuse' } });
		expect(reused.json[0]).toMatchObject({
			accountName: 'li.na',
			created: false,
			departmentPath: '研发中心',
			jobNumber: 'E1002',
		});
	});

	test('Get returns the simplified account with its department path, or the raw record', async () => {
		const simple = await run({
			operation: 'get',
			account: locator(`wang.fang@${DOMAIN}`, 'address'),
		});
		expect(simple.json[0]).toEqual({
			accountName: 'wang.fang',
			email: `wang.fang@${DOMAIN}`,
			name: '王芳',
			status: 'normal',
			departmentId: unitId('后端组'),
			departmentPath: '研发中心/后端组',
			jobNumber: 'E1003',
			job: '后端工程师',
			mobile: '13900000003',
			openId: expect.any(String),
		});
		const raw = await run({
			operation: 'get',
			account: locator('wang.fang', 'address'),
			options: { simplify: false },
		});
		expect(raw.json[0]).toMatchObject({
			accountName: 'wang.fang',
			unitId: unitId('后端组'),
			gender: 2,
		});
	});

	test('Get of an unknown account says so and names the item', async () => {
		const result = await run({ operation: 'get', account: locator('nobody', 'address') });
		expect(result.success).toBe(false);
		expect(result.error?.message).toBe(
			'The account does not exist (ACCOUNT.NOTEXIST, code -3) [item 0]',
		);
	});

	test('Get Many pages through every account, or stops at the limit', async () => {
		for (let n = 0; n < 130; n++) {
			await run({
				operation: 'create',
				accountName: `bulk${n}`,
				name: `批量${n}`,
				password: 'Welcome#2026',
			});
		}
		platform.sandbox.control.clearRequests();
		const all = await run({
			operation: 'getAll',
			department: locator(''),
			recursive: true,
			returnAll: true,
		});
		const listed = platform.sandbox.control.state().accounts.filter((a) => a.status !== 2).length;
		expect(all.json).toHaveLength(listed);
		expect(new Set(all.json.map((a) => a.email)).size).toBe(listed);
		const pages = callsTo(platform.sandbox, '/api/open/unit/getAccountList');
		expect(pages.map((p) => (p.body as IDataObject).pageNum)).toEqual([1, 2]);

		const limited = await run({
			operation: 'getAll',
			department: locator(''),
			recursive: true,
			returnAll: false,
			limit: 3,
		});
		expect(limited.json).toHaveLength(3);
	});

	test('Get Many of one department includes sub-departments only when asked', async () => {
		const base = { operation: 'getAll', department: locator('研发中心', 'path'), returnAll: true };
		const deep = await run({ ...base, recursive: true });
		expect(deep.json.map((a) => a.accountName).sort()).toEqual(['li.na', 'liu.yang', 'wang.fang']);
		const shallow = await run({ ...base, recursive: false });
		expect(shallow.json.map((a) => a.accountName)).toEqual(['li.na']);
	});

	test('Update sends only the fields given', async () => {
		const result = await run({
			operation: 'update',
			account: locator('liu.yang', 'address'),
			updateFields: {
				name: '刘洋洋',
				mobile: '61234567',
				mobileCountryCode: '852',
				visibleInAddressBook: false,
			},
		});
		expect(result.json[0]).toMatchObject({
			accountName: 'liu.yang',
			updated: ['name', 'mobile', 'mobileCountryCode', 'visibleInAddressBook'],
		});
		expect(callsTo(platform.sandbox, '/api/open/account/updateAccount')[0].body).toEqual({
			domain: DOMAIN,
			accountName: 'liu.yang',
			name: '刘洋洋',
			bindmobile: '61234567',
			mobilePrefix: '852',
			visibleInAddr: 0,
		});
		expect(account('liu.yang')).toMatchObject({
			name: '刘洋洋',
			mobile: '61234567',
			visibleInAddr: 0,
		});
	});

	test('Move changes the department', async () => {
		const result = await run({
			operation: 'move',
			account: locator('liu.yang', 'address'),
			department: locator('市场部', 'path'),
		});
		expect(result.json[0]).toMatchObject({ departmentPath: '市场部' });
		expect(account('liu.yang')?.unitId).toBe(unitId('市场部'));
	});

	test('Update Password sends the password policy and never echoes the password', async () => {
		const result = await run({
			operation: 'updatePassword',
			account: locator('liu.yang', 'address'),
			password: 'N3w-Passw0rd',
			passwordType: 'plain',
			firstLoginChange: 0,
		});
		expect(result.json[0]).toEqual({
			accountName: 'liu.yang',
			email: `liu.yang@${DOMAIN}`,
			passwordUpdated: true,
		});
		expect(callsTo(platform.sandbox, '/api/open/account/updatePassword')[0].body).toMatchObject({
			password: 'N3w-Passw0rd',
			passType: 0,
			passChangeFirstLogin: 0,
		});
	});

	test('Suspend, delete (recoverable), restore and permanent delete walk the lifecycle', async () => {
		const target = locator('liu.yang', 'address');
		expect((await run({ operation: 'suspend', account: target })).json[0]).toMatchObject({
			status: 'suspended',
		});
		expect(account('liu.yang')?.status).toBe(1);

		const removed = await run({ operation: 'delete', account: target, permanent: false });
		expect(removed.json[0]).toMatchObject({ deleted: true, recoverable: true });
		expect(account('liu.yang')?.status).toBe(2);
		expect(callsTo(platform.sandbox, '/api/open/account/deleteAccount')).toHaveLength(0);

		expect((await run({ operation: 'restore', account: target })).json[0]).toMatchObject({
			restored: true,
		});
		expect(account('liu.yang')?.status).toBe(0);

		const gone = await run({ operation: 'delete', account: target, permanent: true });
		expect(gone.json[0]).toMatchObject({ deleted: true, recoverable: false });
		expect(account('liu.yang')).toBeUndefined();
	});

	test('Delete is permanent only for the literal true, not for a truthy expression', async () => {
		const result = await run({
			operation: 'delete',
			account: locator('liu.yang', 'address'),
			permanent: '={{ "yes" }}',
		});
		expect(result.json[0]).toMatchObject({ recoverable: true });
		expect(account('liu.yang')?.status).toBe(2);
	});

	test('Set Login Permissions sends one call per channel', async () => {
		const result = await run({
			operation: 'setLoginPermissions',
			account: locator('liu.yang', 'address'),
			channels: { imap: 'deny', web: 'allow' },
		});
		expect(result.json[0]).toMatchObject({ permissions: { imap: 'deny', web: 'allow' } });
		const sent = callsTo(platform.sandbox, '/api/open/account/updateAccountLoginPerm').map(
			(c) => c.body as IDataObject,
		);
		expect(sent.map(({ loginType, loginPerm }) => [loginType, loginPerm])).toEqual([
			['imap', 0],
			['web', 1],
		]);
		expect(account('liu.yang')?.loginPerms).toMatchObject({ imap: 0, web: 1 });
	});

	test('Find by Job Number returns the matching account, or nothing', async () => {
		const found = await run({ operation: 'findByJobNumber', jobNumber: 'E1004' });
		expect(found.json.map((a) => a.accountName)).toEqual(['liu.yang']);
		const none = await run({ operation: 'findByJobNumber', jobNumber: 'E9999' });
		expect(none.success).toBe(true);
		expect(none.json).toEqual([]);
	});

	test('Get Aliases, Bind Mobile and Get Mobile', async () => {
		const aliases = await run({
			operation: 'getAliases',
			account: locator('zhang.wei', 'address'),
		});
		expect(aliases.json[0]).toMatchObject({ aliases: [`ceo@${DOMAIN}`, `wei.zhang@${DOMAIN}`] });

		const bound = await run({
			operation: 'bindMobile',
			account: locator('zhang.wei', 'address'),
			mobile: '+8613700000000',
		});
		expect(bound.json[0]).toMatchObject({ mobile: '13700000000' });
		const mobile = await run({ operation: 'getMobile', account: locator('zhang.wei', 'address') });
		expect(mobile.json[0]).toMatchObject({ mobile: '13700000000' });
	});

	test('Unsuspend lets a suspended account log in again', async () => {
		expect(account('chen.jing')!.status).toBe(1);
		const result = await run({ operation: 'unsuspend', account: locator('chen.jing', 'address') });
		expect(result.json).toEqual([
			{ accountName: 'chen.jing', email: `chen.jing@${DOMAIN}`, status: 'normal' },
		]);
		expect(callsTo(platform.sandbox, '/api/open/account/resumeAccount')[0].body).toEqual({
			domain: DOMAIN,
			accountName: 'chen.jing',
		});
		expect(account('chen.jing')!.status).toBe(0);
	});

	test('Add Alias and Remove Alias change only what is not so already', async () => {
		const alias = (operation: string, value: string) =>
			run({ operation, account: locator('li.na', 'address'), alias: value });
		const added = await alias('addAlias', 'nana');
		expect(added.json[0]).toEqual({
			accountName: 'li.na',
			email: `li.na@${DOMAIN}`,
			alias: `nana@${DOMAIN}`,
			changed: true,
		});
		expect(callsTo(platform.sandbox, '/api/open/account/addAccountAlias')[0].body).toEqual({
			domain: DOMAIN,
			accountName: 'li.na',
			alias: 'nana',
		});
		expect((await alias('addAlias', `nana@${DOMAIN}`)).json[0].changed).toBe(false);
		expect(callsTo(platform.sandbox, '/api/open/account/addAccountAlias')).toHaveLength(1);
		expect(account('li.na')!.aliasList).toEqual([`cto@${DOMAIN}`, `nana@${DOMAIN}`]);

		expect((await alias('removeAlias', 'cto')).json[0].changed).toBe(true);
		expect((await alias('removeAlias', 'cto')).json[0].changed).toBe(false);
		expect(callsTo(platform.sandbox, '/api/open/account/deleteAccountAlias')).toHaveLength(1);
		expect(account('li.na')!.aliasList).toEqual([`nana@${DOMAIN}`]);

		const other = await alias('addAlias', 'x@other.example.com');
		expect(other.error?.message).toBe(
			`Alias "x@other.example.com" is not in the account's domain ${DOMAIN} [item 0]`,
		);
	});
});
