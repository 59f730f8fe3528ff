import { Client, control, useSandbox, type Json } from './helpers';

/** The inferred (not publicly documented) address-book paths, reference §11. */

const sandbox = useSandbox();
const client = new Client(sandbox);
const DOMAIN = 'sandbox.example.com';
const BUSINESS = '通用业务操作失败: ';
const PARAM = '请求参数异常: ';

const HQ = '100000000000001';
const RD = '100000000000002';
const BACKEND = '100000000000003';
const FRONTEND = '100000000000004';
const MARKETING = '100000000000005';
const COUNSEL = '200001';
const SUPPLIER_SALES = '200002';
const SUPPLIERS = '300001';

const message = async (path: string, body: Record<string, unknown> = {}) =>
	(await client.call(path, body)).message;

const unit = (unitId: string) =>
	sandbox()
		.control.state()
		.units.find((candidate) => candidate.unitId === unitId);

const account = (accountName: string) =>
	sandbox()
		.control.state()
		.accounts.find((candidate) => candidate.accountName === accountName)!;

const maxRevision = async (): Promise<number> =>
	(await client.ok('/api/open/address/getMaxRevision', { orgOpenId: sandbox().identity.orgOpenId }))
		.revision;

const revision = (revision: number): Promise<Json> =>
	client.ok('/api/open/address/getRevisionData', {
		orgOpenId: sandbox().identity.orgOpenId,
		revision,
	});

beforeEach(() => sandbox().control.reset('demo'));

describe('unit/updateUnit', () => {
	const UPDATE = '/api/open/unit/updateUnit';

	it('renames and re-describes an ordinary unit, only the fields present', async () => {
		expect(await client.ok(UPDATE, { unitId: BACKEND, unitName: ' 服务端组 ' })).toEqual({
			unitId: BACKEND,
		});
		expect(unit(BACKEND)).toMatchObject({ unitName: '服务端组', unitDesc: '服务端开发' });
		await client.ok(UPDATE, { unitId: BACKEND, unitDesc: '' });
		expect(unit(BACKEND)).toMatchObject({
			unitName: '服务端组',
			unitDesc: '',
			unitParentId: RD,
		});
		await client.ok(UPDATE, { unitId: Number(BACKEND), unitName: '服务端组', unitDesc: 'API' });
		expect(unit(BACKEND)).toMatchObject({ unitName: '服务端组', unitDesc: 'API' });
	});

	it('keeps names unique among siblings (UNIT.EXIST) and validates the name', async () => {
		expect(await message(UPDATE, { unitId: BACKEND, unitName: '前端组' })).toBe(
			`${BUSINESS}UNIT.EXIST`,
		);
		// Same name under another parent is fine.
		await client.ok(UPDATE, { unitId: BACKEND, unitName: '市场部' });
		expect(await message(UPDATE, { unitId: HQ, unitName: '市场部' })).toBe(`${BUSINESS}UNIT.EXIST`);
		expect(await message(UPDATE, { unitId: BACKEND })).toBe(`${PARAM}unitName`);
		expect(await message(UPDATE, { unitId: BACKEND, unitName: '  ' })).toBe(`${PARAM}unitName`);
		expect(await message(UPDATE, { unitId: BACKEND, unitName: 'x'.repeat(65) })).toBe(
			`${PARAM}unitName`,
		);
		await client.ok(UPDATE, { unitId: BACKEND, unitName: 'x'.repeat(64) });
	});

	it('refuses the default department (-401 unitId) and unknown units (UNIT.NOTEXIST)', async () => {
		expect(await message(UPDATE, { unitId: 'default', unitName: 'x' })).toBe(`${PARAM}unitId`);
		expect(await message(UPDATE, { unitId: '100000000000999', unitName: 'x' })).toBe(
			`${BUSINESS}UNIT.NOTEXIST`,
		);
		expect(await message(UPDATE, { unitName: 'x' })).toBe(`${PARAM}unitId`);
		expect(await message(UPDATE, { unitId: BACKEND, unitName: 'x', domain: 'other.example' })).toBe(
			`${BUSINESS}DOMAIN.NOTEXIST`,
		);
	});
});

describe('unit changes in the revision feed (sandbox choice)', () => {
	it('appends {domain, revision, op, orgOpenId, unit} for create, update, move, rank and delete', async () => {
		const orgOpenId = sandbox().identity.orgOpenId;
		expect(await maxRevision()).toBe(7);
		const { unitId } = await client.ok('/api/open/unit/createUnit', { unitName: '审计部' });
		await client.ok('/api/open/unit/updateUnit', { unitId, unitDesc: '内审' });
		await client.ok('/api/open/unit/moveUnit', { unitId, unitParentId: HQ });
		await client.ok('/api/open/unit/updateUnitRank', { unitId, rank: 3 });
		await client.ok('/api/open/unit/deleteUnit', { unitId });
		expect(await maxRevision()).toBe(12);

		const records = [];
		for (let number = 8; number <= 12; number++) records.push(await revision(number));
		expect(records.map((record) => record.op)).toEqual([
			'ADD',
			'UPDATE',
			'UPDATE',
			'UPDATE',
			'DELETE',
		]);
		for (const record of records) {
			expect(Object.keys(record)).toEqual(['domain', 'revision', 'op', 'orgOpenId', 'unit']);
			expect(record).toMatchObject({ domain: DOMAIN, orgOpenId, unit: { unitId } });
		}
		expect(records[0].unit).toEqual({
			unitId,
			unitOpenId: expect.any(String),
			unitParentId: '0',
			unitName: '审计部',
			unitDesc: '',
			rank: 99999,
		});
		expect(records[1].unit.unitDesc).toBe('内审');
		expect(records[2].unit.unitParentId).toBe(HQ);
		expect(records[3].unit.rank).toBe(3);
		expect(records[4].unit).toMatchObject({ unitName: '审计部', unitParentId: HQ, rank: 3 });
	});

	it('adds none for a refused unit change; account records keep their shape', async () => {
		await client.call('/api/open/unit/createUnit', { unitName: '总部' });
		await client.call('/api/open/unit/updateUnit', { unitId: BACKEND, unitName: '前端组' });
		await client.call('/api/open/unit/deleteUnit', { unitId: RD });
		expect(await maxRevision()).toBe(7);
		await client.ok('/api/open/account/suspendAccount', { accountName: 'li.na' });
		const record = await revision(8);
		expect(Object.keys(record)).toEqual(['domain', 'revision', 'op', 'orgOpenId', 'account']);
		expect(record).toMatchObject({ op: 'UPDATE', account: { accountName: 'li.na', status: 1 } });
	});

	it('carries the revision number in UNIT_* orgevent payloads', async () => {
		sandbox().control.configure({ pushRetries: 0 });
		await client.ok('/api/open/push/addDynamicSubscribe', {
			orgOpenId: sandbox().identity.orgOpenId,
			url: 'http://127.0.0.1:1/unreachable',
			source: 'orgevent',
		});
		await client.ok('/api/open/unit/updateUnit', { unitId: MARKETING, unitName: '品牌部' });
		await sandbox().control.waitForPushes();
		const [delivery] = sandbox().control.pushDeliveries();
		expect(delivery.payload).toMatchObject({
			eventType: 'UNIT_UPDATE',
			revision: 8,
			unit: { unitId: MARKETING, unitName: '品牌部' },
		});
	});
});

describe('account/resumeAccount', () => {
	const RESUME = '/api/open/account/resumeAccount';

	it('un-suspends (status 1 → 0) with an UPDATE revision', async () => {
		expect(account('chen.jing').status).toBe(1);
		expect(await client.ok(RESUME, { accountName: 'chen.jing' })).toBeNull();
		expect(account('chen.jing').status).toBe(0);
		expect(await maxRevision()).toBe(8);
		expect(await revision(8)).toMatchObject({
			op: 'UPDATE',
			account: { accountName: 'chen.jing', status: 0 },
		});
		await client.ok('/api/open/account/suspendAccount', { accountName: `li.na@${DOMAIN}` });
		await client.ok(RESUME, { accountName: `li.na@${DOMAIN}` });
		expect(account('li.na').status).toBe(0);
	});

	it('is idempotent on a normal account (no revision)', async () => {
		expect(await client.ok(RESUME, { accountName: 'zhang.wei' })).toBeNull();
		expect(account('zhang.wei').status).toBe(0);
		expect(await maxRevision()).toBe(7);
	});

	it('refuses deleted (ACCOUNT.DELETED) and unknown (ACCOUNT.NOTEXIST) accounts', async () => {
		expect(await message(RESUME, { accountName: 'zhao.lei' })).toBe(`${BUSINESS}ACCOUNT.DELETED`);
		expect(account('zhao.lei').status).toBe(2);
		expect(await message(RESUME, { accountName: 'nobody' })).toBe(
			`${BUSINESS}ACCOUNT.NOTEXIST:nobody@${DOMAIN}账号不存在`,
		);
		expect(await message(RESUME, {})).toBe(`${PARAM}accountName`);
		expect(await maxRevision()).toBe(7);
	});
});

describe('account aliases', () => {
	const ADD = '/api/open/account/addAccountAlias';
	const DELETE = '/api/open/account/deleteAccountAlias';
	const aliases = async (accountName: string) =>
		(await client.ok('/api/open/account/getAccountAliasList', { accountName })).alias;

	it('adds a local part or an address of this domain, idempotently, with an UPDATE revision', async () => {
		expect(await client.ok(ADD, { accountName: 'wang.fang', alias: 'fang' })).toBeNull();
		expect(
			await client.ok(ADD, { accountName: 'wang.fang', alias: `backend@${DOMAIN}` }),
		).toBeNull();
		expect(await aliases('wang.fang')).toEqual([`fang@${DOMAIN}`, `backend@${DOMAIN}`]);
		expect(await maxRevision()).toBe(9);
		expect(await revision(9)).toMatchObject({
			op: 'UPDATE',
			account: { accountName: 'wang.fang', aliasList: [`fang@${DOMAIN}`, `backend@${DOMAIN}`] },
		});
		expect(await client.ok(ADD, { accountName: 'wang.fang', alias: 'fang' })).toBeNull();
		expect(await aliases('wang.fang')).toHaveLength(2);
		expect(await maxRevision()).toBe(9);
		// The new alias now blocks the name for accounts.
		const created = await client.call('/api/open/account/createAccount', {
			accountName: 'fang',
			name: '方',
			password: 'Welcome#2024',
			passType: 0,
			passChangeFirstLogin: 0,
			visibleInAddr: 1,
		});
		expect(created.message).toBe(`${BUSINESS}MAILACCOUNT.NAMEEXIST`);
	});

	it('refuses names already in use (ALIAS.EXIST)', async () => {
		for (const alias of ['li.na', 'wang.fang', 'zhao.lei', 'cto', 'all-staff', `rd@${DOMAIN}`]) {
			expect(await message(ADD, { accountName: 'wang.fang', alias })).toBe(
				`${BUSINESS}ALIAS.EXIST`,
			);
		}
		expect(await aliases('wang.fang')).toEqual([]);
		expect(await maxRevision()).toBe(7);
	});

	it('allows at most 10 aliases per account (ALIAS.LIMIT)', async () => {
		for (let index = 1; index <= 10; index++)
			await client.ok(ADD, { accountName: 'liu.yang', alias: `ly${index}` });
		expect(await message(ADD, { accountName: 'liu.yang', alias: 'ly11' })).toBe(
			`${BUSINESS}ALIAS.LIMIT`,
		);
		expect(await client.ok(ADD, { accountName: 'liu.yang', alias: 'ly10' })).toBeNull();
		expect(await aliases('liu.yang')).toHaveLength(10);
	});

	it('validates the alias and the account', async () => {
		for (const alias of ['', 'Bad..Alias', 'x@other.example.com', '.dot'])
			expect(await message(ADD, { accountName: 'wang.fang', alias })).toBe(`${PARAM}alias`);
		expect(await message(ADD, { accountName: 'nobody', alias: 'x' })).toContain('ACCOUNT.NOTEXIST');
		expect(await message(ADD, { accountName: 'zhao.lei', alias: 'x' })).toBe(
			`${BUSINESS}ACCOUNT.STATUSERROR`,
		);
	});

	it('deletes an alias (ALIAS.NOTEXIST when the account does not have it)', async () => {
		expect(
			await client.ok(DELETE, { accountName: 'zhang.wei', alias: `ceo@${DOMAIN}` }),
		).toBeNull();
		expect(await aliases('zhang.wei')).toEqual([`wei.zhang@${DOMAIN}`]);
		expect(await revision(8)).toMatchObject({
			op: 'UPDATE',
			account: { accountName: 'zhang.wei', aliasList: [`wei.zhang@${DOMAIN}`] },
		});
		expect(await message(DELETE, { accountName: 'zhang.wei', alias: 'ceo' })).toBe(
			`${BUSINESS}ALIAS.NOTEXIST`,
		);
		expect(await message(DELETE, { accountName: 'zhang.wei', alias: 'cto' })).toBe(
			`${BUSINESS}ALIAS.NOTEXIST`,
		);
		expect(await message(DELETE, { accountName: 'zhang.wei' })).toBe(`${PARAM}alias`);
		expect(await maxRevision()).toBe(8);
		// The freed name can be taken again.
		await client.ok(ADD, { accountName: 'li.na', alias: 'ceo' });
		expect(await aliases('li.na')).toEqual([`cto@${DOMAIN}`, `ceo@${DOMAIN}`]);
	});
});

describe('mail lists', () => {
	const CREATE = '/api/open/maillist/createMaillist';
	const GET = '/api/open/maillist/getMaillist';
	const LIST = '/api/open/maillist/getMaillistList';

	it('creates a list with defaults and reads it back', async () => {
		expect(await client.ok(CREATE, { accountName: 'ops', name: '运维' })).toEqual({
			accountName: 'ops',
		});
		expect(await client.ok(GET, { accountName: 'ops' })).toEqual({
			accountName: 'ops',
			email: `ops@${DOMAIN}`,
			name: '运维',
			visibleInAddr: 1,
			mailListUserType: 0,
			members: [],
			memberUnits: [],
			authMembers: [],
		});
	});

	it('creates a list with members, member units and authorised senders', async () => {
		await client.ok(CREATE, {
			accountName: `tech@${DOMAIN}`,
			name: '技术',
			visibleInAddr: 0,
			mailListUserType: '3',
			members: `wang.fang@${DOMAIN},cto@${DOMAIN},all-staff@${DOMAIN},zhao.lei@${DOMAIN},partner@example.org`,
			memberUnits: [BACKEND, 'default'],
			authMembers: `zhang.wei@${DOMAIN}`,
		});
		expect(await client.ok(GET, { accountName: `tech@${DOMAIN}` })).toEqual({
			accountName: 'tech',
			email: `tech@${DOMAIN}`,
			name: '技术',
			visibleInAddr: 0,
			mailListUserType: 3,
			members: [
				`wang.fang@${DOMAIN}`,
				`cto@${DOMAIN}`,
				`all-staff@${DOMAIN}`,
				`zhao.lei@${DOMAIN}`,
				'partner@example.org',
			],
			memberUnits: [BACKEND, `${sandbox().identity.orgOpenId}_default`],
			authMembers: [`zhang.wei@${DOMAIN}`],
		});
	});

	it('refuses taken names (MAILLIST.EXIST, MAILACCOUNT.NAMEEXIST)', async () => {
		expect(await message(CREATE, { accountName: 'rd', name: 'x' })).toBe(
			`${BUSINESS}MAILLIST.EXIST`,
		);
		for (const accountName of ['li.na', 'chen.jing', 'zhao.lei', 'ceo'])
			expect(await message(CREATE, { accountName, name: 'x' })).toBe(
				`${BUSINESS}MAILACCOUNT.NAMEEXIST`,
			);
		// And the other way round: a list name is refused for accounts.
		await client.ok(CREATE, { accountName: 'ops', name: '运维' });
		const account = await client.call('/api/open/account/createAccount', {
			accountName: 'ops',
			name: '运维',
			password: 'Welcome#2024',
			passType: 0,
			passChangeFirstLogin: 0,
			visibleInAddr: 1,
		});
		expect(account.message).toBe(`${BUSINESS}MAILACCOUNT.NAMEEXIST`);
	});

	it('refuses unknown members of this domain (MAILLIST.MEMBERNOTEXIST) and unknown units', async () => {
		expect(
			await message(CREATE, {
				accountName: 'ops',
				name: '运维',
				members: `li.na@${DOMAIN},ghost@${DOMAIN},other@example.org`,
			}),
		).toBe(`${BUSINESS}MAILLIST.MEMBERNOTEXIST:ghost@${DOMAIN}`);
		expect(
			await message(CREATE, { accountName: 'ops', name: '运维', memberUnits: '100000000000999' }),
		).toBe(`${BUSINESS}UNIT.NOTEXIST`);
		expect(await client.call(GET, { accountName: 'ops' })).toMatchObject({
			code: -3,
			message: `${BUSINESS}MAILLIST.NOTEXIST`,
		});
	});

	it('validates the parameters (-401)', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ name: 'x' }, 'accountName'],
			[{ accountName: 'Bad..Name', name: 'x' }, 'accountName'],
			[{ accountName: 'ops@other.example.com', name: 'x' }, 'accountName'],
			[{ accountName: 'ops' }, 'name'],
			[{ accountName: 'ops', name: 'x'.repeat(65) }, 'name'],
			[{ accountName: 'ops', name: 'x', visibleInAddr: 2 }, 'visibleInAddr'],
			[{ accountName: 'ops', name: 'x', mailListUserType: 1 }, 'mailListUserType'],
			[{ accountName: 'ops', name: 'x', members: 'not-an-address' }, 'members'],
			[{ accountName: 'ops', name: 'x', authMembers: 'nope' }, 'authMembers'],
		];
		for (const [body, param] of cases) expect(await message(CREATE, body)).toBe(`${PARAM}${param}`);
		expect(await message(GET, {})).toBe(`${PARAM}accountName`);
	});

	it('lists every list in creation order, paged', async () => {
		for (let index = 1; index <= 5; index++)
			await client.ok(CREATE, { accountName: `team${index}`, name: `团队${index}` });
		const all = await client.ok(LIST, {});
		expect(all.count).toBe(7);
		expect(all.list.map((list: Json) => list.accountName)).toEqual([
			'all-staff',
			'rd',
			'team1',
			'team2',
			'team3',
			'team4',
			'team5',
		]);
		expect(all.list[1]).toEqual({
			accountName: 'rd',
			email: `rd@${DOMAIN}`,
			name: '研发中心',
			visibleInAddr: 1,
			mailListUserType: 2,
			members: [],
			memberUnits: [RD],
			authMembers: [`zhang.wei@${DOMAIN}`],
		});
		const second = await client.ok(LIST, { pageNum: 2, pageSize: 3 });
		expect(second).toEqual({ list: expect.any(Array), count: 7 });
		expect(second.list.map((list: Json) => list.accountName)).toEqual(['team2', 'team3', 'team4']);
		expect((await client.ok(LIST, { pageNum: 4, pageSize: 3 })).list).toEqual([]);
		expect(await message(LIST, { pageSize: 501 })).toBe(`${PARAM}pageSize`);
		expect(await message(LIST, { pageNum: 0 })).toBe(`${PARAM}pageNum`);
	});

	it('removes members, ignoring addresses not in the list', async () => {
		const REMOVE = '/api/open/maillist/deleteMaillistForwardList';
		expect(
			await client.ok(REMOVE, {
				accountName: 'all-staff',
				members: `LI.NA@${DOMAIN},stranger@example.org`,
			}),
		).toBeNull();
		expect((await client.ok(GET, { accountName: 'all-staff' })).members).toEqual([
			`zhang.wei@${DOMAIN}`,
			`wang.fang@${DOMAIN}`,
			`liu.yang@${DOMAIN}`,
			`service@${DOMAIN}`,
		]);
		await client.ok(REMOVE, { accountName: 'all-staff', members: [`service@${DOMAIN}`] });
		expect((await client.ok(GET, { accountName: 'all-staff' })).members).toHaveLength(3);
		expect(await message(REMOVE, { accountName: 'all-staff' })).toBe(`${PARAM}members`);
		expect(await message(REMOVE, { accountName: 'all-staff', members: '' })).toBe(
			`${PARAM}members`,
		);
		expect(await message(REMOVE, { accountName: 'all-staff', members: 'x' })).toBe(
			`${PARAM}members`,
		);
		expect(await message(REMOVE, { accountName: 'nope', members: `a@${DOMAIN}` })).toBe(
			`${BUSINESS}MAILLIST.NOTEXIST`,
		);
	});

	it('deletes a list (MAILLIST.NOTEXIST when unknown), freeing the name', async () => {
		const DELETE = '/api/open/maillist/deleteMaillist';
		expect(await client.ok(DELETE, { accountName: 'rd' })).toBeNull();
		expect(await message(GET, { accountName: 'rd' })).toBe(`${BUSINESS}MAILLIST.NOTEXIST`);
		expect(await message(DELETE, { accountName: 'rd' })).toBe(`${BUSINESS}MAILLIST.NOTEXIST`);
		expect((await client.ok(LIST, {})).count).toBe(1);
		await client.ok(CREATE, { accountName: 'rd', name: '研发' });
		expect(await maxRevision()).toBe(7);
	});
});

describe('public contacts and contact groups', () => {
	const LIST = '/api/open/pubaddress/getPubAddressList';
	const UPDATE = '/api/open/pubaddress/updatePubAddress';
	const CREATE = '/api/open/pubaddress/createPubAddress';
	const CREATE_GROUP = '/api/open/pubaddress/createPubAddressGroup';
	const GROUPS = '/api/open/pubaddress/getPubAddressGroupList';
	const UPDATE_GROUP = '/api/open/pubaddress/updatePubAddressGroup';
	const DELETE_GROUP = '/api/open/pubaddress/deletePubAddressGroup';

	it('seeds one group, 供应商, holding the supplier contact', async () => {
		expect(await client.ok(GROUPS)).toEqual([
			{ groupId: SUPPLIERS, groupName: '供应商', memberCount: 1 },
		]);
		expect(await client.ok(LIST, {})).toEqual({
			list: [
				{
					addressId: COUNSEL,
					email: 'counsel@partner.example.org',
					name: '周律师',
					mobile: '13900000101',
					company: '示例律师事务所',
					department: '法务部',
					fax: '',
					birthday: null,
					groupIds: [],
				},
				{
					addressId: SUPPLIER_SALES,
					email: 'sales@supplier.example.net',
					name: '供应商销售',
					mobile: '',
					company: '示例供应商',
					department: '销售部',
					fax: '010-00000000',
					birthday: null,
					groupIds: [SUPPLIERS],
				},
			],
			count: 2,
		});
	});

	it('pages contacts and filters them by group', async () => {
		for (let index = 1; index <= 4; index++)
			await client.ok(CREATE, {
				email: `c${index}@example.org`,
				name: `联系人${index}`,
				groupIds: index % 2 === 0 ? SUPPLIERS : '',
			});
		const page = await client.ok(LIST, { pageNum: 2, pageSize: 2 });
		expect(page.count).toBe(6);
		expect(page.list.map((address: Json) => address.email)).toEqual([
			'c1@example.org',
			'c2@example.org',
		]);
		const suppliers = await client.ok(LIST, { groupId: SUPPLIERS, pageSize: 2 });
		expect(suppliers.count).toBe(3);
		expect(suppliers.list.map((address: Json) => address.addressId)).toEqual([
			SUPPLIER_SALES,
			'200004',
		]);
		expect(await message(LIST, { groupId: '399999' })).toBe(`${BUSINESS}PUBGROUP.NOTEXIST:399999`);
		expect(await message(LIST, { pageSize: 0 })).toBe(`${PARAM}pageSize`);
	});

	it('createPubAddress checks groups (PUBGROUP.NOTEXIST:<id>) and refuses duplicate e-mails (PUBADDRESS.EXIST)', async () => {
		expect(
			await message(CREATE, { email: 'x@example.org', name: 'x', groupIds: `${SUPPLIERS},399999` }),
		).toBe(`${BUSINESS}PUBGROUP.NOTEXIST:399999`);
		expect(await message(CREATE, { email: 'SALES@supplier.example.net', name: 'x' })).toBe(
			`${BUSINESS}PUBADDRESS.EXIST`,
		);
		expect(sandbox().control.state().pubAddresses).toHaveLength(2);
		const { addressId } = await client.ok(CREATE, {
			email: 'x@example.org',
			name: 'x',
			groupIds: [SUPPLIERS],
		});
		expect(addressId).toBe('200003');
	});

	it('updates only the fields present; groupIds replaces the groups', async () => {
		const { groupId } = await client.ok(CREATE_GROUP, { groupName: '律所' });
		expect(
			await client.ok(UPDATE, {
				addressId: COUNSEL,
				mobile: '13900000199',
				birthday: '1536314172',
				groupIds: `${groupId},${SUPPLIERS}`,
			}),
		).toBeNull();
		await client.ok(UPDATE, { addressId: Number(SUPPLIER_SALES), groupIds: '' });
		await client.ok(UPDATE, {
			addressId: SUPPLIER_SALES,
			email: 'sales2@supplier.example.net',
			name: '销售二部',
			company: '示例供应商集团',
			department: '',
			fax: '010-11111111',
		});
		const { list } = await client.ok(LIST, {});
		expect(list[0]).toEqual({
			addressId: COUNSEL,
			email: 'counsel@partner.example.org',
			name: '周律师',
			mobile: '13900000199',
			company: '示例律师事务所',
			department: '法务部',
			fax: '',
			birthday: 1536314172,
			groupIds: [groupId, SUPPLIERS],
		});
		expect(list[1]).toEqual({
			addressId: SUPPLIER_SALES,
			email: 'sales2@supplier.example.net',
			name: '销售二部',
			mobile: '',
			company: '示例供应商集团',
			department: '',
			fax: '010-11111111',
			birthday: null,
			groupIds: [],
		});
		// Its own e-mail again is fine; another contact's is not.
		await client.ok(UPDATE, { addressId: COUNSEL, email: 'counsel@partner.example.org' });
		expect(
			await message(UPDATE, { addressId: COUNSEL, email: 'sales2@supplier.example.net' }),
		).toBe(`${BUSINESS}PUBADDRESS.EXIST`);
	});

	it('refuses unknown contacts and groups, and malformed fields', async () => {
		expect(await message(UPDATE, { addressId: '299999', name: 'x' })).toBe(
			`${BUSINESS}PUBADDRESS.NOTEXIST`,
		);
		expect(await message(UPDATE, { addressId: COUNSEL, groupIds: '399999' })).toBe(
			`${BUSINESS}PUBGROUP.NOTEXIST:399999`,
		);
		expect(await message(UPDATE, { name: 'x' })).toBe(`${PARAM}addressId`);
		expect(await message(UPDATE, { addressId: COUNSEL, email: 'nope' })).toBe(`${PARAM}email`);
		expect(await message(UPDATE, { addressId: COUNSEL, name: '' })).toBe(`${PARAM}name`);
		expect(await message(UPDATE, { addressId: COUNSEL, birthday: 'soon' })).toBe(
			`${PARAM}birthday`,
		);
		expect(sandbox().control.state().pubAddresses[0].groupIds).toEqual([]);
	});

	it('creates, renames and lists groups with member counts', async () => {
		const first = await client.ok(CREATE_GROUP, { groupName: ' 客户 ' });
		expect(first).toEqual({ groupId: '300002' });
		expect((await client.ok(CREATE_GROUP, { groupName: '合作伙伴' })).groupId).toBe('300003');
		await client.ok(UPDATE, { addressId: COUNSEL, groupIds: `${first.groupId},${SUPPLIERS}` });
		expect(
			await client.ok(UPDATE_GROUP, { groupId: first.groupId, groupName: '重要客户' }),
		).toBeNull();
		await client.ok(UPDATE_GROUP, { groupId: first.groupId, groupName: '重要客户' });
		expect(await client.ok(GROUPS)).toEqual([
			{ groupId: SUPPLIERS, groupName: '供应商', memberCount: 2 },
			{ groupId: '300002', groupName: '重要客户', memberCount: 1 },
			{ groupId: '300003', groupName: '合作伙伴', memberCount: 0 },
		]);
	});

	it('refuses duplicate group names (PUBGROUP.EXIST), unknown groups and bad names', async () => {
		expect(await message(CREATE_GROUP, { groupName: '供应商' })).toBe(`${BUSINESS}PUBGROUP.EXIST`);
		const { groupId } = await client.ok(CREATE_GROUP, { groupName: '客户' });
		expect(await message(UPDATE_GROUP, { groupId, groupName: '供应商' })).toBe(
			`${BUSINESS}PUBGROUP.EXIST`,
		);
		expect(await message(UPDATE_GROUP, { groupId: '399999', groupName: 'x' })).toBe(
			`${BUSINESS}PUBGROUP.NOTEXIST`,
		);
		expect(await message(CREATE_GROUP, {})).toBe(`${PARAM}groupName`);
		expect(await message(CREATE_GROUP, { groupName: 'x'.repeat(65) })).toBe(`${PARAM}groupName`);
		expect(await message(UPDATE_GROUP, { groupId })).toBe(`${PARAM}groupName`);
		expect(await message(UPDATE_GROUP, { groupName: 'x' })).toBe(`${PARAM}groupId`);
		await client.ok(CREATE_GROUP, { groupName: 'x'.repeat(64) });
	});

	it('deletes a group, removing it from every contact (PUBGROUP.NOTEXIST when unknown)', async () => {
		const { groupId } = await client.ok(CREATE_GROUP, { groupName: '客户' });
		await client.ok(UPDATE, { addressId: SUPPLIER_SALES, groupIds: `${groupId},${SUPPLIERS}` });
		expect(await client.ok(DELETE_GROUP, { groupId: SUPPLIERS })).toBeNull();
		expect(await client.ok(GROUPS)).toEqual([{ groupId, groupName: '客户', memberCount: 1 }]);
		expect(
			sandbox()
				.control.state()
				.pubAddresses.map((address) => address.groupIds),
		).toEqual([[], [groupId]]);
		expect(await message(DELETE_GROUP, { groupId: SUPPLIERS })).toBe(
			`${BUSINESS}PUBGROUP.NOTEXIST`,
		);
		expect(await message(DELETE_GROUP, {})).toBe(`${PARAM}groupId`);
		// The name is free again.
		await client.ok(CREATE_GROUP, { groupName: '供应商' });
	});
});

describe('address-book view scope', () => {
	const GET = '/api/open/address/getViewScope';
	const SET = '/api/open/address/updateViewScope';

	it('answers `all` for targets never set', async () => {
		expect(await client.ok(GET, { targetType: 'unit', targetId: RD })).toEqual({
			targetType: 'unit',
			targetId: RD,
			viewScope: 'all',
			viewUnitIds: [],
		});
		expect(await client.ok(GET, { targetType: 'role', targetId: 'employee' })).toEqual({
			targetType: 'role',
			targetId: 'employee',
			viewScope: 'all',
			viewUnitIds: [],
		});
	});

	it('sets ownUnit and units scopes for units and roles', async () => {
		expect(
			await client.ok(SET, {
				targetType: 'unit',
				targetId: MARKETING,
				viewScope: 'ownUnit',
				viewUnitIds: '100000000000999',
			}),
		).toBeNull();
		expect(await client.ok(GET, { targetType: 'unit', targetId: MARKETING })).toEqual({
			targetType: 'unit',
			targetId: MARKETING,
			viewScope: 'ownUnit',
			viewUnitIds: [],
		});
		await client.ok(SET, {
			targetType: 'role',
			targetId: 'employee',
			viewScope: 'units',
			viewUnitIds: `${HQ},${FRONTEND},${HQ}`,
		});
		expect(await client.ok(GET, { targetType: 'role', targetId: 'employee' })).toMatchObject({
			viewScope: 'units',
			viewUnitIds: [HQ, FRONTEND],
		});
		// Other targets are untouched; the default department works as "default".
		expect((await client.ok(GET, { targetType: 'role', targetId: 'manager' })).viewScope).toBe(
			'all',
		);
		await client.ok(SET, {
			targetType: 'unit',
			targetId: 'default',
			viewScope: 'units',
			viewUnitIds: ['default'],
		});
		const defaultId = `${sandbox().identity.orgOpenId}_default`;
		expect(await client.ok(GET, { targetType: 'unit', targetId: defaultId })).toEqual({
			targetType: 'unit',
			targetId: defaultId,
			viewScope: 'units',
			viewUnitIds: [defaultId],
		});
		// Back to all.
		await client.ok(SET, { targetType: 'role', targetId: 'employee', viewScope: 'all' });
		expect(await client.ok(GET, { targetType: 'role', targetId: 'employee' })).toMatchObject({
			viewScope: 'all',
			viewUnitIds: [],
		});
		expect(await maxRevision()).toBe(7);
	});

	it('validates target, scope and units', async () => {
		const cases: Array<[string, Record<string, unknown>, string]> = [
			[GET, { targetType: 'team', targetId: RD }, `${PARAM}targetType`],
			[GET, { targetId: RD }, `${PARAM}targetType`],
			[GET, { targetType: 'role' }, `${PARAM}targetId`],
			[GET, { targetType: 'role', targetId: ' ' }, `${PARAM}targetId`],
			[GET, { targetType: 'unit', targetId: '100000000000999' }, `${BUSINESS}UNIT.NOTEXIST`],
			[SET, { targetType: 'unit', targetId: RD }, `${PARAM}viewScope`],
			[SET, { targetType: 'unit', targetId: RD, viewScope: 'some' }, `${PARAM}viewScope`],
			[SET, { targetType: 'unit', targetId: RD, viewScope: 'units' }, `${PARAM}viewUnitIds`],
			[
				SET,
				{ targetType: 'unit', targetId: RD, viewScope: 'units', viewUnitIds: '' },
				`${PARAM}viewUnitIds`,
			],
			[
				SET,
				{
					targetType: 'unit',
					targetId: RD,
					viewScope: 'units',
					viewUnitIds: `${HQ},100000000000999`,
				},
				`${BUSINESS}UNIT.NOTEXIST`,
			],
			[
				SET,
				{ targetType: 'unit', targetId: '100000000000999', viewScope: 'all' },
				`${BUSINESS}UNIT.NOTEXIST`,
			],
		];
		for (const [path, body, expected] of cases) expect(await message(path, body)).toBe(expected);
		expect(sandbox().control.state().viewScopes).toEqual([]);
	});

	it('forgets a deleted unit in every scope', async () => {
		const { unitId } = await client.ok('/api/open/unit/createUnit', { unitName: '临时组' });
		await client.ok(SET, { targetType: 'unit', targetId: unitId, viewScope: 'ownUnit' });
		await client.ok(SET, {
			targetType: 'role',
			targetId: 'employee',
			viewScope: 'units',
			viewUnitIds: `${unitId},${HQ}`,
		});
		await client.ok('/api/open/unit/deleteUnit', { unitId });
		expect(sandbox().control.state().viewScopes).toEqual([
			{ targetType: 'role', targetId: 'employee', viewScope: 'units', viewUnitIds: [HQ] },
		]);
	});
});

describe('control', () => {
	it('snapshots the new state and reset clears it', async () => {
		await client.ok('/api/open/pubaddress/createPubAddressGroup', { groupName: '客户' });
		await client.ok('/api/open/address/updateViewScope', {
			targetType: 'role',
			targetId: 'employee',
			viewScope: 'ownUnit',
		});
		await client.ok('/api/open/maillist/createMaillist', { accountName: 'ops', name: '运维' });
		await client.ok('/api/open/account/addAccountAlias', { accountName: 'li.na', alias: 'lina' });
		await client.ok('/api/open/unit/updateUnit', { unitId: HQ, unitName: '集团' });

		const { json } = await control(sandbox(), 'GET', '/state');
		expect(json.pubAddressGroups).toEqual([
			{ groupId: SUPPLIERS, groupName: '供应商' },
			{ groupId: '300002', groupName: '客户' },
		]);
		expect(json.viewScopes).toEqual([
			{ targetType: 'role', targetId: 'employee', viewScope: 'ownUnit', viewUnitIds: [] },
		]);
		expect(json.mailLists.map((list: Json) => list.accountName)).toEqual([
			'all-staff',
			'rd',
			'ops',
		]);
		expect(json.revisions).toHaveLength(9);
		expect(json.revisions[8]).toMatchObject({
			revision: 9,
			op: 'UPDATE',
			unit: { unitName: '集团' },
		});

		expect((await control(sandbox(), 'POST', '/reset', { seed: 'demo' })).status).toBe(200);
		let state = sandbox().control.state();
		expect(state.pubAddressGroups).toEqual([{ groupId: SUPPLIERS, groupName: '供应商' }]);
		expect(state.viewScopes).toEqual([]);
		expect(state.mailLists.map((list) => list.accountName)).toEqual(['all-staff', 'rd']);
		expect(state.revisions).toHaveLength(7);
		expect(account('li.na').aliasList).toEqual([`cto@${DOMAIN}`]);
		expect(unit(HQ)!.unitName).toBe('总部');
		// Ids start again from the seed's counters.
		expect(
			await client.ok('/api/open/pubaddress/createPubAddressGroup', { groupName: '客户' }),
		).toEqual({ groupId: '300002' });

		sandbox().control.reset('empty');
		state = sandbox().control.state();
		expect(state.pubAddressGroups).toEqual([]);
		expect(state.viewScopes).toEqual([]);
		expect(state.mailLists).toEqual([]);
		expect(state.pubAddresses).toEqual([]);
		expect(
			await client.ok('/api/open/pubaddress/createPubAddressGroup', { groupName: '客户' }),
		).toEqual({ groupId: '300001' });
	});
});
