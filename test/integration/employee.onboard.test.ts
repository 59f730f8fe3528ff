import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { isWrite } from '../../scripts/e2e/platform-calls';
import { callsTo, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';
const PATH = {
	create: '/api/open/account/createAccount',
	update: '/api/open/account/updateAccount',
	move: '/api/open/account/moveUnit',
	resume: '/api/open/account/resumeAccount',
	createUnit: '/api/open/unit/createUnit',
	addMembers: '/api/open/maillist/addMaillistForwardList',
	limits: '/api/open/mailaccount/updateMailLimits',
	twoFactor: '/api/open/mailaccount/updateSecondFactor',
};

/** Onboard with every field of the record taken from the item. */
const ONBOARD: INodeParameters = {
	resource: 'employee',
	operation: 'onboard',
	name: '={{ $json.name }}',
	jobNumber: '={{ $json.jobNumber }}',
	accountName: '={{ $json.accountName ?? "" }}',
	departmentPath: '={{ $json.department ?? "" }}',
	mobile: '={{ $json.mobile ?? "" }}',
	mailLists: '={{ $json.mailLists ?? "" }}',
	role: '={{ $json.role ?? "" }}',
	password: 'Welcome#2026',
	roles: {
		role: [
			{ roleName: 'engineer', quotaMb: 10240, twoFactor: 'on', sendPermission: 'keep' },
			{ roleName: 'sales', sendPermission: 'sendInsideOnly', mailClients: 'deny' },
		],
	},
};

const SURNAMES = ['王', '李', '赵', '刘', '陈'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇'];

/** 50 HR records: distinct names, job numbers H001…, half of them in a department to create. */
const hires: IDataObject[] = SURNAMES.flatMap((surname, s) =>
	GIVEN.map((given, g) => {
		const n = s * GIVEN.length + g + 1;
		return {
			name: surname + given,
			jobNumber: `H${String(n).padStart(3, '0')}`,
			department: n % 2 ? '研发中心/平台组' : '市场部',
			mobile: `1380000${String(n).padStart(4, '0')}`,
			mailLists: 'all-staff',
			role: 'engineer',
		};
	}),
);

type Step = { step: string; result: string } & IDataObject;
const stepsOf = (json: IDataObject) => json.steps as Step[];
const resultOf = (json: IDataObject, name: string) =>
	stepsOf(json).find((step) => step.step === name)?.result;

describe('Employee → Onboard', () => {
	const platform = usePlatform();
	const control = () => platform.sandbox.control;
	const writes = () => control().requests().filter(isWrite);
	const account = (name: string) =>
		control()
			.state()
			.accounts.find((each) => each.accountName === name);
	const onboard = async (items: IDataObject[], parameters: INodeParameters = {}) =>
		await platform.run({ ...ONBOARD, ...parameters }, { items });

	test('the same 50 records twice: 50 accounts created once, then 50 times "unchanged" and no write', async () => {
		const first = await onboard(hires);
		expect(first.success).toBe(true);
		expect(first.json).toHaveLength(50);
		expect(callsTo(platform.sandbox, PATH.create)).toHaveLength(50);
		expect(callsTo(platform.sandbox, PATH.createUnit)).toHaveLength(1);
		expect(callsTo(platform.sandbox, PATH.addMembers)).toHaveLength(50);
		expect(callsTo(platform.sandbox, PATH.limits)).toHaveLength(50);
		expect(callsTo(platform.sandbox, PATH.twoFactor)).toHaveLength(50);
		expect(first.json.every((json) => json.changed === true)).toBe(true);
		expect(first.json[0]).toMatchObject({
			email: `wangwei@${DOMAIN}`,
			accountName: 'wangwei',
			name: '王伟',
			jobNumber: 'H001',
			department: '研发中心/平台组',
			role: 'engineer',
			changed: true,
			loginUrl: expect.stringContaining('sso_token='),
		});
		expect(stepsOf(first.json[0])).toEqual([
			{
				step: 'department',
				result: 'created',
				path: '研发中心/平台组',
				createdPaths: ['研发中心/平台组'],
			},
			{ step: 'account', result: 'created' },
			{ step: 'firstLoginPasswordChange', result: 'set', required: 'atFirstWebLogin' },
			{ step: 'mailLists', result: 'added', added: [`all-staff@${DOMAIN}`], alreadyMember: [] },
			{
				step: 'role',
				result: 'applied',
				role: 'engineer',
				changes: {
					quotaMb: { from: 5120, to: 10240 },
					twoFactor: { from: false, to: true },
				},
			},
			{ step: 'loginLink', result: 'issued', expiresAt: expect.any(String) },
		]);
		// Only the first item of the new department created it; the others found it there.
		expect(first.json.filter((json) => resultOf(json, 'department') === 'created')).toHaveLength(1);
		expect(account('wangwei')).toMatchObject({
			name: '王伟',
			jobNumber: 'H001',
			mobile: '13800000001',
			passChangeFirstLogin: 1,
		});
		const allStaff = control()
			.state()
			.mailLists.find((list) => list.accountName === 'all-staff')!;
		expect(allStaff.members).toEqual(expect.arrayContaining([`chenyong@${DOMAIN}`]));

		control().clearRequests();
		const second = await onboard(hires);
		expect(second.success).toBe(true);
		expect(writes()).toEqual([]);
		expect(second.json.map((json) => json.email)).toEqual(first.json.map((json) => json.email));
		expect(second.json.filter((json) => json.changed === false)).toHaveLength(50);
		expect(second.json.filter((json) => resultOf(json, 'account') === 'unchanged')).toHaveLength(
			50,
		);
		expect(stepsOf(second.json[0]).map(({ step, result }) => [step, result])).toEqual([
			['department', 'exists'],
			['account', 'unchanged'],
			['firstLoginPasswordChange', 'unchanged'],
			['mailLists', 'unchanged'],
			['role', 'unchanged'],
			['loginLink', 'issued'],
		]);
	});

	test('pinyin names: taken names get 2, 3…, two 张三 in one run differ, surnames read as surnames', async () => {
		control().addAccounts([{ accountName: 'zhangsan', name: '张三', jobNumber: 'X001' }]);
		const records = [
			{ name: '张三', jobNumber: 'H101' },
			{ name: '张三', jobNumber: 'H102' },
			{ name: '单田芳', jobNumber: 'H103' },
			{ name: '曾小贤', jobNumber: 'H104' },
			{ name: '欧阳修', jobNumber: 'H105' },
		];
		const run = await onboard(records, { loginLink: false });
		expect(run.success).toBe(true);
		expect(run.json.map((json) => json.accountName)).toEqual([
			'zhangsan2',
			'zhangsan3',
			'shantianfang',
			'zengxiaoxian',
			'ouyangxiu',
		]);
		expect(
			callsTo(platform.sandbox, PATH.create).map((call) => (call.body as IDataObject).accountName),
		).toEqual(
			expect.arrayContaining([
				'zhangsan2',
				'zhangsan3',
				'shantianfang',
				'zengxiaoxian',
				'ouyangxiu',
			]),
		);
		expect(account('zhangsan')).toMatchObject({ jobNumber: 'X001' });

		// A re-run finds each person by job number: the same names, nothing sent.
		control().clearRequests();
		const again = await onboard(records, { loginLink: false });
		expect(again.json.map((json) => json.accountName)).toEqual(
			run.json.map((json) => json.accountName),
		);
		expect(writes()).toEqual([]);
	});

	test('a derived name an alias holds is refused by the platform and gives way to the next', async () => {
		// The demo's zhang.wei holds the alias wei.zhang, which an account look-up does not show.
		const run = await onboard([{ name: '魏章', jobNumber: 'H201' }], {
			namingRule: 'dottedPinyin',
			loginLink: false,
		});
		expect(run.success).toBe(true);
		expect(run.json[0]).toMatchObject({ accountName: 'wei.zhang2', changed: true });
		expect(
			callsTo(platform.sandbox, PATH.create).map((call) => (call.body as IDataObject).accountName),
		).toEqual(['wei.zhang', 'wei.zhang2']);
	});

	test('existing accounts are brought in line: moved, updated, resumed — only what differs is sent', async () => {
		const run = await onboard(
			[
				{ name: '李娜', jobNumber: 'E1002', department: '市场部', mobile: '13911112222' },
				{ name: '陈静', jobNumber: 'E1005', role: 'sales' },
			],
			{ loginLink: false },
		);
		expect(run.success).toBe(true);
		expect(run.json[0]).toMatchObject({ accountName: 'li.na', changed: true });
		expect(stepsOf(run.json[0])[1]).toEqual({
			step: 'account',
			result: 'updated',
			changes: {
				mobile: { from: '13900000002', to: '13911112222' },
				department: { from: '研发中心', to: '市场部' },
			},
		});
		expect(callsTo(platform.sandbox, PATH.update).map((call) => call.body)).toEqual([
			{ domain: DOMAIN, accountName: 'li.na', bindmobile: '13911112222' },
		]);
		expect(callsTo(platform.sandbox, PATH.move)).toHaveLength(1);
		expect(stepsOf(run.json[1])[1]).toEqual({
			step: 'account',
			result: 'updated',
			changes: { status: { from: 'suspended', to: 'normal' } },
		});
		expect(callsTo(platform.sandbox, PATH.resume)).toHaveLength(1);
		expect(stepsOf(run.json[1])).toContainEqual({
			step: 'role',
			result: 'applied',
			role: 'sales',
			changes: {
				sendPermission: { from: 'none', to: 'sendInsideOnly' },
				imap: { from: true, to: false },
				pop: { from: true, to: false },
				smtp: { from: true, to: false },
			},
		});
		expect(account('chen.jing')).toMatchObject({ status: 0, rsLimitType: 17 });
		expect(callsTo(platform.sandbox, PATH.create)).toEqual([]);
	});

	test('a lost answer on the account create still reports "created", and the account is created once', async () => {
		control().injectFault({ path: PATH.create, kind: 'lostResponse' });
		const run = await onboard([{ name: '新同事', jobNumber: 'H301', accountName: 'new.hire' }], {
			loginLink: false,
		});
		expect(run.success).toBe(true);
		expect(
			control()
				.requests()
				.filter((request) => request.fault === 'lostResponse'),
		).toHaveLength(1);
		expect(callsTo(platform.sandbox, PATH.create)).toHaveLength(1);
		expect(stepsOf(run.json[0])[1]).toEqual({ step: 'account', result: 'created' });
		expect(run.json[0]).toMatchObject({ email: `new.hire@${DOMAIN}`, changed: true });
		expect(account('new.hire')).toMatchObject({ jobNumber: 'H301', status: 0 });
	});

	test('bad input in any record stops the run before any write, naming the field', async () => {
		const cases: Array<[IDataObject, RegExp]> = [
			[{ name: '王五', jobNumber: 'H401', mobile: '12345' }, /^Mobile .* \[item 1\]$/],
			[
				{ name: '王五', jobNumber: 'H401', role: 'manager' },
				/^Role "manager" is not one of the Roles \[item 1\]$/,
			],
			[
				{ name: '王五', jobNumber: 'H401', mailLists: 'no-such-list' },
				/^Mail Lists "no-such-list@.*" is not a mail list \[item 1\]$/,
			],
			[{ name: '王五', jobNumber: 'H001' }, /^Job Number "H001" is also in item 0 \[item 1\]$/],
			[{ name: '王五' }, /^Job Number is empty while Account Name is empty too \[item 1\]$/],
			[
				{ name: '王五', jobNumber: 'H401', department: '研发中心//平台组' },
				/^Department .* \[item 1\]$/,
			],
			[
				{ name: '赵磊', jobNumber: 'E1006' },
				/^Job Number leads to zhao\.lei@.*, which is deleted \[item 1\]$/,
			],
		];
		for (const [record, message] of cases) {
			control().clearRequests();
			const run = await onboard([hires[0], record], { loginLink: false });
			expect(run.success).toBe(false);
			expect(run.error?.message).toMatch(message);
			expect(writes()).toEqual([]);
		}
	});

	test('a failing step stops the item naming the step and what was done; a re-run finishes it', async () => {
		control().injectFault({
			path: PATH.addMembers,
			kind: 'code',
			code: -3,
			marker: 'MAILLIST.NOTEXIST',
		});
		const record = { name: '孙七', jobNumber: 'H501', department: '市场部', mailLists: 'rd' };
		const failed = await onboard([record], { loginLink: false });
		expect(failed.success).toBe(false);
		expect(failed.error?.message).toMatch(/^Onboard stopped at step "mailLists": .* \[item 0\]$/);
		expect(failed.error?.description).toContain(
			'Done before it: department exists, account created, firstLoginPasswordChange set.',
		);

		const rerun = await onboard([record], { loginLink: false });
		expect(rerun.success).toBe(true);
		expect(stepsOf(rerun.json[0]).map(({ step, result }) => [step, result])).toEqual([
			['department', 'exists'],
			['account', 'unchanged'],
			['firstLoginPasswordChange', 'unchanged'],
			['mailLists', 'added'],
			['role', 'skipped'],
			['loginLink', 'skipped'],
		]);
		expect(callsTo(platform.sandbox, PATH.create)).toHaveLength(1);
	});
});
