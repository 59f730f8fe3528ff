import { Client, useSandbox } from './helpers';

const sandbox = useSandbox();
const client = new Client(sandbox);
const DOMAIN = 'sandbox.example.com';

const newAccount = (accountName: string, extra: Record<string, unknown> = {}) => ({
	accountName,
	name: '测试用户',
	password: 'Welcome#2024',
	passType: 0,
	passChangeFirstLogin: 1,
	visibleInAddr: 1,
	...extra,
});

beforeEach(() => sandbox().control.reset('demo'));

describe('units', () => {
	it('lists the default department and the demo units flat', async () => {
		const units = await client.ok<Array<Record<string, unknown>>>('/api/open/unit/getUnitList');
		expect(units[0]).toEqual({
			unitId: `${sandbox().identity.orgOpenId}_default`,
			unitOpenId: null,
			unitParentId: '0',
			unitName: '默认部门',
			unitDesc: '',
			rank: 99999,
		});
		const names = units.map((unit) => unit.unitName);
		expect(names).toEqual(['默认部门', '总部', '研发中心', '后端组', '前端组', '市场部']);
		const rd = units.find((unit) => unit.unitName === '研发中心')!;
		expect(rd.unitId).toMatch(/^\d{15}$/);
		expect(rd.unitOpenId).toHaveLength(10);
		expect(units.find((unit) => unit.unitName === '后端组')!.unitParentId).toBe(rd.unitId);
	});

	it('creates units with names unique among siblings (UNIT.EXIST) under known parents (UNIT.NOTEXIST)', async () => {
		const duplicate = await client.call('/api/open/unit/createUnit', { unitName: '总部' });
		expect(duplicate).toEqual({
			code: -3,
			success: false,
			message: '通用业务操作失败: UNIT.EXIST',
			data: null,
		});
		const { unitId } = await client.ok('/api/open/unit/createUnit', {
			unitName: '测试部',
			unitDesc: 'QA',
		});
		expect(unitId).toBe('100000000000006');
		const nested = await client.ok('/api/open/unit/createUnit', {
			unitName: '总部',
			parentId: unitId,
		});
		expect(nested.unitId).toBe('100000000000007');
		const orphan = await client.call('/api/open/unit/createUnit', {
			unitName: 'x',
			parentId: '999999999999999',
		});
		expect(orphan.message).toBe('通用业务操作失败: UNIT.NOTEXIST');
		expect((await client.call('/api/open/unit/createUnit', {})).message).toBe(
			'请求参数异常: unitName',
		);
	});

	it('checks the domain of every call (DOMAIN.NOTEXIST) and requires it (-401)', async () => {
		expect(
			(await client.call('/api/open/unit/getUnitList', { domain: 'other.example.com' })).message,
		).toBe('通用业务操作失败: DOMAIN.NOTEXIST');
		expect((await client.call('/api/open/unit/getUnitList', { domain: '' })).message).toBe(
			'请求参数异常: domain',
		);
	});

	it('moves units, refusing a move below itself (UNIT.MOVEERROR)', async () => {
		const state = sandbox().control.state();
		const id = (name: string) => state.units.find((unit) => unit.unitName === name)!.unitId;
		const underChild = await client.call('/api/open/unit/moveUnit', {
			unitId: id('研发中心'),
			unitParentId: id('后端组'),
		});
		expect(underChild.message).toBe('通用业务操作失败: UNIT.MOVEERROR');
		expect(
			await client.ok('/api/open/unit/moveUnit', {
				unitId: id('后端组'),
				unitParentId: id('总部'),
			}),
		).toEqual({ unitId: id('后端组') });
		await client.ok('/api/open/unit/moveUnit', {
			unitId: id('后端组'),
			unitParentId: '',
			parentId: 'root',
		});
		const moved = sandbox()
			.control.state()
			.units.find((unit) => unit.unitName === '后端组')!;
		expect(moved.unitParentId).toBe('0');
		expect((await client.call('/api/open/unit/moveUnit', { unitId: id('前端组') })).code).toBe(
			-401,
		);
	});

	it('deletes only empty units (UNIT.HASCHILD, UNIT.HASACCOUNT) and ranks them', async () => {
		const state = sandbox().control.state();
		const id = (name: string) => state.units.find((unit) => unit.unitName === name)!.unitId;
		expect(
			(await client.call('/api/open/unit/deleteUnit', { unitId: id('研发中心') })).message,
		).toBe('通用业务操作失败: UNIT.HASCHILD');
		expect((await client.call('/api/open/unit/deleteUnit', { unitId: id('后端组') })).message).toBe(
			'通用业务操作失败: UNIT.HASACCOUNT',
		);
		const { unitId } = await client.ok('/api/open/unit/createUnit', { unitName: '临时组' });
		await client.ok('/api/open/unit/updateUnitRank', { unitId, rank: 1 });
		expect(
			sandbox()
				.control.state()
				.units.find((unit) => unit.unitId === unitId)!.rank,
		).toBe(1);
		expect((await client.call('/api/open/unit/updateUnitRank', { unitId, rank: 0 })).message).toBe(
			'请求参数异常: rank',
		);
		expect((await client.call('/api/open/unit/deleteUnit', { unitId })).code).toBe(0);
		expect((await client.call('/api/open/unit/deleteUnit', { unitId })).message).toBe(
			'通用业务操作失败: UNIT.NOTEXIST',
		);
	});
});

describe('getAccountList', () => {
	const names = (data: { list: Array<{ accountName: string }> }) =>
		data.list.map((account) => account.accountName);

	it('lists the whole domain without soft-deleted accounts, in creation order', async () => {
		const data = await client.ok('/api/open/unit/getAccountList', {});
		expect(names(data)).toEqual([
			'zhang.wei',
			'li.na',
			'wang.fang',
			'liu.yang',
			'chen.jing',
			'service',
		]);
		expect(data.count).toBe(6);
	});

	it('scopes to a unit, with sub-units on recursion (true, 1 or "true"), and accepts "default"', async () => {
		const rd = sandbox()
			.control.state()
			.units.find((unit) => unit.unitName === '研发中心')!.unitId;
		expect(names(await client.ok('/api/open/unit/getAccountList', { unitId: rd }))).toEqual([
			'li.na',
		]);
		for (const recursion of [true, 1, 'true']) {
			expect(
				names(await client.ok('/api/open/unit/getAccountList', { unitId: rd, recursion })),
			).toEqual(['li.na', 'wang.fang', 'liu.yang']);
		}
		expect(names(await client.ok('/api/open/unit/getAccountList', { unitId: 'default' }))).toEqual([
			'service',
		]);
		expect((await client.call('/api/open/unit/getAccountList', { unitId: '123' })).message).toBe(
			'通用业务操作失败: UNIT.NOTEXIST',
		);
	});

	it('follows every write between two reads: soft delete, recovery, permanent delete, creation, moves', async () => {
		const list = async (body: Record<string, unknown> = {}) =>
			names(await client.ok('/api/open/unit/getAccountList', body));
		const rd = sandbox()
			.control.state()
			.units.find((unit) => unit.unitName === '研发中心')!.unitId;
		const before = await list();
		await client.ok('/api/open/account/deleteAccountSim', { accountName: 'li.na' });
		expect(await list()).toEqual(before.filter((name) => name !== 'li.na'));
		await client.ok('/api/open/account/recoverAccount', { accountName: 'li.na' });
		expect(await list()).toEqual(before);
		await client.ok('/api/open/account/deleteAccount', { accountName: 'wang.fang' });
		await client.ok('/api/open/account/createAccount', newAccount('new.hire'));
		const after = [...before.filter((name) => name !== 'wang.fang'), 'new.hire'];
		expect(await list()).toEqual(after);
		expect(await list({ pageNum: 2, pageSize: 4 })).toEqual(after.slice(4));
		await client.ok('/api/open/account/moveUnit', { accountName: 'new.hire', unitId: rd });
		expect(await list({ unitId: rd })).toEqual(['li.na', 'new.hire']);
	});

	it('pages with pageNum / pageSize and reports the total count', async () => {
		sandbox().control.reset('empty');
		for (let index = 1; index <= 25; index++)
			await client.ok('/api/open/account/createAccount', newAccount(`user${index}`));
		const defaults = await client.ok('/api/open/unit/getAccountList', {});
		expect(defaults.list).toHaveLength(20);
		expect(defaults.count).toBe(25);
		const third = await client.ok('/api/open/unit/getAccountList', { pageNum: 3, pageSize: 10 });
		expect(names(third)).toEqual(['user21', 'user22', 'user23', 'user24', 'user25']);
		expect(third.count).toBe(25);
		expect(
			(await client.ok('/api/open/unit/getAccountList', { pageNum: 4, pageSize: 10 })).list,
		).toEqual([]);
		for (const pageSize of [0, 501]) {
			expect((await client.call('/api/open/unit/getAccountList', { pageSize })).message).toBe(
				'请求参数异常: pageSize',
			);
		}
		expect((await client.ok('/api/open/unit/getAccountList', { pageSize: 500 })).list).toHaveLength(
			25,
		);
	});
});

describe('accounts', () => {
	it('creates an account and reads it back without secrets', async () => {
		const rd = sandbox()
			.control.state()
			.units.find((unit) => unit.unitName === '研发中心')!.unitId;
		const created = await client.ok(
			'/api/open/account/createAccount',
			newAccount('new.hire', {
				unitId: rd,
				jobNumber: 'E2001',
				bindMobile: '13900001111',
				job: '工程师',
				gender: 1,
			}),
		);
		expect(created).toEqual({
			accountName: 'new.hire',
			domain: DOMAIN,
			accountOpenId: expect.any(String),
		});
		const account = await client.ok('/api/open/account/getAccount', { accountName: 'new.hire' });
		expect(account).toMatchObject({
			accountName: 'new.hire',
			accountOpenId: created.accountOpenId,
			name: '测试用户',
			mobile: '13900001111',
			jobNumber: 'E2001',
			unitId: rd,
			unitName: '研发中心',
			unitList: [rd],
			status: 0,
			domain: DOMAIN,
			visibleInAddr: 1,
			passChangeFirstLogin: 1,
			loginPerms: { web: 1, flashmail: 1, yixin: 1, imap: 1, pop: 1, smtp: 1 },
			aliasList: [],
		});
		expect(JSON.stringify(account)).not.toMatch(/password"|Welcome/i);
	});

	it('answers ACCOUNT.NOTEXIST with the address for unknown accounts', async () => {
		const missing = await client.call('/api/open/account/getAccount', { accountName: 'bob' });
		expect(missing).toEqual({
			code: -3,
			success: false,
			message: `通用业务操作失败: ACCOUNT.NOTEXIST:bob@${DOMAIN}账号不存在`,
			data: null,
		});
		expect(
			(await client.call('/api/open/account/suspendAccount', { accountName: 'bob' })).message,
		).toContain('ACCOUNT.NOTEXIST');
	});

	it('refuses taken names (MAILACCOUNT.NAMEEXIST) until an account is permanently deleted', async () => {
		const taken = await client.call('/api/open/account/createAccount', newAccount('zhang.wei'));
		expect(taken.message).toBe('通用业务操作失败: MAILACCOUNT.NAMEEXIST');
		expect(
			(await client.call('/api/open/account/createAccount', newAccount('zhao.lei'))).message,
		).toBe('通用业务操作失败: MAILACCOUNT.NAMEEXIST');
		expect(
			(await client.call('/api/open/account/createAccount', newAccount('all-staff'))).message,
		).toBe('通用业务操作失败: MAILACCOUNT.NAMEEXIST');
		await client.ok('/api/open/account/deleteAccount', { accountName: 'zhao.lei' });
		expect(
			(await client.call('/api/open/account/createAccount', newAccount('zhao.lei'))).code,
		).toBe(0);
	});

	it('validates names, passwords, units and mobiles', async () => {
		const expectMessage = async (body: Record<string, unknown>, message: string) =>
			expect((await client.call('/api/open/account/createAccount', body)).message).toBe(message);
		await expectMessage(newAccount('Bad..Name'), '请求参数异常: accountName');
		await expectMessage(newAccount('.dot'), '请求参数异常: accountName');
		await expectMessage(newAccount('ok', { name: '' }), '请求参数异常: name');
		await expectMessage(
			newAccount('ok', { password: 'short1' }),
			'通用业务操作失败: PASSWORD.INVALID:密码长度应为8-32位',
		);
		await expectMessage(
			newAccount('ok', { password: 'onlyletters' }),
			'通用业务操作失败: PASSWORD.INVALID:密码须包含字母、数字、符号中的至少两类',
		);
		await expectMessage(
			newAccount('kate', { password: 'kate12345' }),
			'通用业务操作失败: PASSWORD.INVALID:密码不能包含账号名',
		);
		await expectMessage(
			newAccount('ok', { passType: 1, password: 'not-md5' }),
			'请求参数异常: password',
		);
		await expectMessage(newAccount('ok', { passType: 2 }), '请求参数异常: passType');
		await expectMessage(
			newAccount('ok', { unitId: '100000000000999' }),
			'通用业务操作失败: UNIT.NOTEXIST',
		);
		await expectMessage(newAccount('ok', { mobile: '12345' }), '请求参数异常: mobile');
		expect(
			(
				await client.call(
					'/api/open/account/createAccount',
					newAccount('ok', { mobile: '62812345', mobilePrefix: '62' }),
				)
			).code,
		).toBe(0);
		const md5 = await client.call(
			'/api/open/account/createAccount',
			newAccount('hashed', { passType: 1, password: 'E10ADC3949BA59ABBE56E057F20F883E' }),
		);
		expect(md5.code).toBe(0);
		expect(
			sandbox()
				.control.state()
				.accounts.find((account) => account.accountName === 'hashed')!.passwordMd5,
		).toBe('e10adc3949ba59abbe56e057f20f883e');
	});

	it('walks the status machine: suspend, soft delete, writes refused, recover', async () => {
		const status = async () =>
			(await client.ok('/api/open/account/getAccount', { accountName: 'liu.yang' })).status;
		await client.ok('/api/open/account/suspendAccount', { accountName: 'liu.yang' });
		expect(await status()).toBe(1);
		await client.ok('/api/open/account/deleteAccountSim', { accountName: 'liu.yang' });
		expect(await status()).toBe(2);
		const write = await client.call('/api/open/account/updateAccount', {
			accountName: 'liu.yang',
			name: '改名',
		});
		expect(write.message).toBe('通用业务操作失败: ACCOUNT.STATUSERROR');
		await client.ok('/api/open/account/recoverAccount', { accountName: 'liu.yang' });
		expect(await status()).toBe(0);
		expect(
			(await client.call('/api/open/account/recoverAccount', { accountName: 'liu.yang' })).message,
		).toBe('通用业务操作失败: ACCOUNT.STATUSERROR');
		await client.ok('/api/open/account/deleteAccount', { accountName: 'liu.yang' });
		expect(
			(await client.call('/api/open/account/getAccount', { accountName: 'liu.yang' })).message,
		).toContain('ACCOUNT.NOTEXIST');
	});

	it('updates fields, password, login permission, unit and mobile', async () => {
		await client.ok('/api/open/account/updateAccount', {
			accountName: 'wang.fang',
			name: '王芳芳',
			bindmobile: '13900002222',
			unitId: 'default',
			remark: '调岗',
		});
		let account = await client.ok('/api/open/account/getAccount', { accountName: 'wang.fang' });
		expect(account).toMatchObject({
			name: '王芳芳',
			mobile: '13900002222',
			unitName: '默认部门',
			remark: '调岗',
			job: '后端工程师',
		});
		await client.ok('/api/open/account/updatePassword', {
			accountName: 'wang.fang',
			password: 'N3w-Passw0rd',
			passType: 0,
			passChangeFirstLogin: 2,
		});
		await client.ok('/api/open/account/updateAccountLoginPerm', {
			accountName: 'wang.fang',
			loginType: 'imap',
			loginPerm: 0,
		});
		expect(
			(
				await client.call('/api/open/account/updateAccountLoginPerm', {
					accountName: 'wang.fang',
					loginType: 'ftp',
					loginPerm: 0,
				})
			).message,
		).toBe('请求参数异常: loginType');
		const hq = sandbox()
			.control.state()
			.units.find((unit) => unit.unitName === '总部')!.unitId;
		await client.ok('/api/open/account/moveUnit', { accountName: 'wang.fang', unitId: hq });
		await client.ok('/api/open/mobile/addMobile', {
			accountName: 'wang.fang',
			mobile: '13900003333',
		});
		expect(await client.ok('/api/open/mobile/getMobile', { accountName: 'wang.fang' })).toEqual({
			mobile: '13900003333',
		});
		account = await client.ok('/api/open/account/getAccount', { accountName: 'wang.fang' });
		expect(account).toMatchObject({
			unitId: hq,
			passChangeFirstLogin: 2,
			loginPerms: { imap: 0, web: 1 },
		});
	});

	it('finds accounts by job number or nickname and lists aliases', async () => {
		const byJob = await client.ok('/api/open/account/getAccountListByNicknameAndJobNo', {
			jobNumber: 'E1002',
		});
		expect(byJob.list.map((account: { accountName: string }) => account.accountName)).toEqual([
			'li.na',
		]);
		const byName = await client.ok('/api/open/account/getAccountListByNicknameAndJobNo', {
			nickname: '赵磊',
		});
		expect(byName.list).toEqual([expect.objectContaining({ accountName: 'zhao.lei', status: 2 })]);
		expect((await client.call('/api/open/account/getAccountListByNicknameAndJobNo', {})).code).toBe(
			-401,
		);
		expect(
			await client.ok('/api/open/account/getAccountAliasList', { accountName: 'zhang.wei' }),
		).toEqual({
			alias: [`ceo@${DOMAIN}`, `wei.zhang@${DOMAIN}`],
		});
	});
});

describe('revisions', () => {
	it('appends a revision for every account write and answers -4 for a missing one', async () => {
		const orgOpenId = sandbox().identity.orgOpenId;
		const { revision: before } = await client.ok('/api/open/address/getMaxRevision', { orgOpenId });
		expect(before).toBe(7);
		await client.ok('/api/open/account/createAccount', newAccount('rev.test'));
		await client.ok('/api/open/account/updateAccount', { accountName: 'rev.test', job: '测试' });
		await client.ok('/api/open/account/deleteAccount', { accountName: 'rev.test' });
		expect(await client.ok('/api/open/address/getMaxRevision', { orgOpenId })).toEqual({
			revision: before + 3,
		});
		const ops = [];
		for (let revision = before + 1; revision <= before + 3; revision++) {
			const record = await client.ok('/api/open/address/getRevisionData', { orgOpenId, revision });
			expect(record).toMatchObject({
				domain: DOMAIN,
				revision,
				orgOpenId,
				account: { accountName: 'rev.test' },
			});
			ops.push(record.op);
		}
		expect(ops).toEqual(['ADD', 'UPDATE', 'DELETE']);
		expect(
			(await client.call('/api/open/address/getRevisionData', { orgOpenId, revision: before + 4 }))
				.code,
		).toBe(-4);
		expect(
			(await client.call('/api/open/address/getMaxRevision', { orgOpenId: '0000000000000000' }))
				.code,
		).toBe(-200);
	});
});

describe('mail lists and public contacts', () => {
	it('edits an existing list only (MAILLIST.NOTEXIST), needs members or memberUnits, and adds members', async () => {
		const unknown = await client.call('/api/open/maillist/updateMaillist', {
			accountName: 'nope',
			members: `a@${DOMAIN}`,
		});
		expect(unknown.message).toBe('通用业务操作失败: MAILLIST.NOTEXIST');
		expect(
			(
				await client.call('/api/open/maillist/updateMaillist', {
					accountName: 'all-staff',
					name: 'x',
				})
			).message,
		).toBe('请求参数异常: members');
		await client.ok('/api/open/maillist/updateMaillist', {
			accountName: 'all-staff',
			name: '全员',
			mailListUserType: 2,
			members: `zhang.wei@${DOMAIN},li.na@${DOMAIN}`,
			authMembers: `zhang.wei@${DOMAIN}`,
		});
		await client.ok('/api/open/maillist/addMaillistForwardList', {
			accountName: 'all-staff',
			members: `li.na@${DOMAIN},partner@example.org`,
		});
		const list = sandbox()
			.control.state()
			.mailLists.find((candidate) => candidate.accountName === 'all-staff')!;
		expect(list).toMatchObject({
			name: '全员',
			mailListUserType: 2,
			members: [`zhang.wei@${DOMAIN}`, `li.na@${DOMAIN}`, 'partner@example.org'],
		});
		expect(
			(
				await client.call('/api/open/maillist/updateMaillist', {
					accountName: 'all-staff',
					members: 'x',
					mailListUserType: 1,
				})
			).code,
		).toBe(-401);
	});

	it('creates and deletes public contacts', async () => {
		const { addressId } = await client.ok('/api/open/pubaddress/createPubAddress', {
			email: 'new@partner.example.org',
			name: '新联系人',
			birthday: 1536314172,
		});
		expect(
			sandbox()
				.control.state()
				.pubAddresses.map((address) => address.addressId),
		).toContain(addressId);
		const partly = await client.call('/api/open/pubaddress/deletePubAddress', {
			addressIds: `${addressId},999`,
		});
		expect(partly.message).toBe('通用业务操作失败: PUBADDRESS.NOTEXIST:999');
		await client.ok('/api/open/pubaddress/deletePubAddress', { addressIds: addressId });
		expect(
			sandbox()
				.control.state()
				.pubAddresses.map((address) => address.addressId),
		).not.toContain(addressId);
	});
});
