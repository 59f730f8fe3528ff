import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { encodeCsvBytes } from '../../nodes/NeteaseEmail/shared/helpers/csv';
import { isWrite } from '../../scripts/e2e/platform-calls';
import { callsTo, fileItem, locator, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';
const BACKEND = '研发中心/后端组';
const FRONTEND = '研发中心/前端组';

/** An HR record as the CSV below holds it, with the Chinese headers an HR export uses. */
type Person = {
	jobNumber: string;
	name: string;
	department: string;
	mobile?: string;
	accountName?: string;
};
const HEADER = '工号,姓名,部门,手机,账号';
const line = (p: Person) =>
	[p.jobNumber, p.name, p.department, p.mobile ?? '', p.accountName ?? ''].join(',');
const csvOf = (people: Person[]) =>
	encodeCsvBytes([HEADER, ...people.map(line)].join('\r\n') + '\r\n');

/** The demo accounts under 研发中心, as HR has them. */
const DEMO_RD: Person[] = [
	{ jobNumber: 'E1002', name: '李娜', department: '研发中心', mobile: '13900000002' },
	{ jobNumber: 'E1003', name: '王芳', department: BACKEND, mobile: '13900000003' },
	{ jobNumber: 'E1004', name: '刘洋', department: FRONTEND, mobile: '13900000004' },
];

describe('Employee → Sync From HR', () => {
	const platform = usePlatform();
	const control = () => platform.sandbox.control;
	const writes = () => control().requests().filter(isWrite);
	const writeCounts = () => {
		const counts: Record<string, number> = {};
		for (const { path } of writes())
			counts[path.split('/').pop()!] = (counts[path.split('/').pop()!] ?? 0) + 1;
		return counts;
	};
	const unitId = (name: string) =>
		control()
			.state()
			.units.find((unit) => unit.unitName === name)!.unitId;
	const account = (accountName: string) =>
		control()
			.state()
			.accounts.find((each) => each.accountName === accountName);
	const sync = (bytes: Uint8Array, extra: INodeParameters = {}) =>
		platform.run(
			{
				resource: 'employee',
				operation: 'syncFromHr',
				source: 'csv',
				departmentRoot: locator('研发中心', 'path'),
				password: 'Welcome#2026',
				...extra,
			},
			{ inputItems: [fileItem(bytes, 'hr.csv')] },
		);
	const byAction = (json: IDataObject[]) => {
		const counts: Record<string, number> = {};
		for (const { action } of json) counts[String(action)] = (counts[String(action)] ?? 0) + 1;
		return counts;
	};

	describe('1,000 people under 研发中心, 30 of them changed', () => {
		const STAFF = 989;
		const staff = (n: number): Person => ({
			jobNumber: `S${String(n).padStart(4, '0')}`,
			name: `员工${n}`,
			department: [BACKEND, FRONTEND, '研发中心'][n % 3],
			mobile: `1370000${String(n).padStart(4, '0')}`,
			accountName: `staff${n}`,
		});
		/** 989 accounts straight into the sandbox: with the 3 demo ones, 992 under 研发中心. */
		const seedStaff = () => {
			const units = [unitId('后端组'), unitId('前端组'), unitId('研发中心')];
			control().addAccounts(
				Array.from({ length: STAFF }, (_, n) => {
					const { jobNumber, name, mobile } = staff(n);
					return { accountName: `staff${n}`, jobNumber, name, mobile, unitId: units[n % 3] };
				}),
			);
		};
		const unchanged = () => [...DEMO_RD, ...Array.from({ length: 967 }, (_, n) => staff(n))];
		// 8 updates: staff967–974 get a new name (4) or mobile (4), their account name left out of
		// the record (matched by job number).
		const updated = Array.from({ length: 8 }, (_, k) => {
			const person = { ...staff(967 + k), accountName: undefined };
			return k < 4
				? { ...person, name: `改名${k}` }
				: { ...person, mobile: `1360000${String(k).padStart(4, '0')}` };
		});
		// 7 moves: staff975–981 into another department, matched by account name (no job number).
		const moved = Array.from({ length: 7 }, (_, k) => {
			const person = staff(975 + k);
			const department = person.department === BACKEND ? FRONTEND : BACKEND;
			return { ...person, jobNumber: '', department };
		});
		// staff982–988 are not in the list: 7 suspends. 8 new people, 3 named by the pinyin rule.
		const hires: Person[] = [
			{ jobNumber: 'N001', name: '张三', department: BACKEND },
			{ jobNumber: 'N002', name: '张三', department: FRONTEND, mobile: '13500000002' },
			{ jobNumber: 'N003', name: '单雄信', department: '研发中心/新团队' },
			...Array.from({ length: 5 }, (_, k) => ({
				jobNumber: `N10${k}`,
				name: `新人${k}`,
				department: FRONTEND,
				accountName: `new.hire${k}`,
			})),
		];
		const hrList = () => csvOf([...unchanged(), ...updated, ...moved, ...hires]);

		test('a dry run plans exactly the 30 changes, leaves 970, and sends no write', async () => {
			seedStaff();
			control().clearRequests();
			const run = await sync(hrList());
			expect(run.success).toBe(true);
			expect(run.json).toHaveLength(1000);
			expect(byAction(run.json)).toEqual({ leave: 970, create: 8, update: 8, move: 7, suspend: 7 });
			expect(writes()).toEqual([]);

			const changed = run.json.filter((item) => item.action !== 'leave');
			expect(changed.every((item) => String(item.outcome).startsWith('would'))).toBe(true);
			expect(changed.every((item) => item.changed === false)).toBe(true);
			const of = (accountName: string) =>
				run.json.find((item) => item.accountName === accountName)!;
			expect(of('staff967')).toMatchObject({
				action: 'update',
				outcome: 'wouldUpdate',
				jobNumber: 'S0967',
				changes: { name: { from: '员工967', to: '改名0' } },
			});
			expect(of('staff971').changes).toEqual({
				mobile: { from: '13700000971', to: '13600000004' },
			});
			expect(of('staff975')).toMatchObject({
				action: 'move',
				outcome: 'wouldMove',
				changes: { department: { from: BACKEND, to: FRONTEND } },
			});
			expect(of('staff988')).toMatchObject({
				action: 'suspend',
				outcome: 'wouldSuspend',
				source: null,
				changes: { status: { from: 'normal', to: 'suspended' } },
			});
			const creates = run.json.filter((item) => item.action === 'create');
			expect(creates.map((item) => item.accountName)).toEqual([
				'zhangsan',
				'zhangsan2',
				'shanxiongxin',
				...hires.slice(3).map((hire) => hire.accountName),
			]);
			expect(creates[2]).toMatchObject({
				newDepartment: '研发中心/新团队',
				outcome: 'wouldCreate',
			});
			expect(of('li.na')).toMatchObject({
				action: 'leave',
				outcome: 'unchanged',
				source: 'Line 2',
			});
			// Outside the root: never in the plan.
			expect(run.json.some((item) => item.accountName === 'zhang.wei')).toBe(false);
		});

		test('applying sends exactly those 30 writes; a re-run plans no change and sends none', async () => {
			seedStaff();
			control().clearRequests();
			const run = await sync(hrList(), { dryRun: false });
			expect(run.success).toBe(true);
			const outcomes: Record<string, number> = {};
			for (const { outcome } of run.json)
				outcomes[String(outcome)] = (outcomes[String(outcome)] ?? 0) + 1;
			expect(outcomes).toEqual({ unchanged: 970, created: 8, updated: 8, moved: 7, suspended: 7 });
			// One department for 单雄信, then one write per changed account.
			expect(writeCounts()).toEqual({
				createUnit: 1,
				createAccount: 8,
				updateAccount: 8,
				moveUnit: 7,
				suspendAccount: 7,
			});
			expect(run.json.find((item) => item.accountName === 'shanxiongxin')).toMatchObject({
				outcome: 'created',
				changed: true,
				steps: [
					{ step: 'department', result: 'created' },
					{ step: 'account', result: 'created' },
				],
			});
			expect(account('zhangsan2')).toMatchObject({
				name: '张三',
				jobNumber: 'N002',
				mobile: '13500000002',
				unitId: unitId('前端组'),
				status: 0,
			});
			expect(account('staff967')!.name).toBe('改名0');
			expect(account('staff975')!.unitId).toBe(unitId('前端组'));
			expect(account('staff988')!.status).toBe(1);
			expect(account('zhang.wei')!.status).toBe(0);

			control().clearRequests();
			const again = await sync(hrList(), { dryRun: false });
			expect(again.success).toBe(true);
			expect(again.json).toHaveLength(1000);
			expect(byAction(again.json)).toEqual({ leave: 1000 });
			expect(again.json.every((item) => item.outcome === 'unchanged' && !item.changed)).toBe(true);
			expect(writes()).toEqual([]);
		});

		test('the safety limit stops a sync that would suspend half the company before any write', async () => {
			seedStaff();
			const half = [...DEMO_RD, ...Array.from({ length: 493 }, (_, n) => staff(n)), ...hires];
			control().clearRequests();
			const run = await sync(csvOf(half), { dryRun: false });
			expect(run.success).toBe(false);
			expect(run.error?.message).toBe(
				'The sync would suspend 496 of the 992 accounts under 研发中心 (50 %), more than Max Share Suspended allows (10 %) [item 0]',
			);
			expect(run.error?.description).toMatch(
				/^Nothing was changed\. If the HR list is complete and they all left, raise Max Share Suspended to at least 50\. Otherwise fix the HR list/,
			);
			expect(writes()).toEqual([]);
			expect(
				control()
					.state()
					.accounts.filter((each) => each.status === 1),
			).toHaveLength(1);

			const allowed = await sync(csvOf(half), { dryRun: false, maxShareSuspended: 50 });
			expect(allowed.json.filter((item) => item.outcome === 'suspended')).toHaveLength(496);
		});
	});

	test('a GBK file with a mapped header, dry run by default: plans without writing', async () => {
		// 账号,员工姓名,部门,工号 / xin.ren,新人,研发中心/后端组,E9001 — as Excel saves it in China.
		const gbk = Buffer.from(
			'd5cbbac52cd4b1b9a4d0d5c3fb2cb2bfc3c52cb9a4bac50a78696e2e72656e2cd0c2c8cb2cd1d0b7a2d6d0d0c42fbaf3b6cbd7e92c45393030310a',
			'hex',
		);
		const run = await sync(gbk, {
			options: { columnMapping: { mappings: [{ header: '员工姓名', column: 'name' }] } },
		});
		expect(run.success).toBe(true);
		expect(run.json.map((item) => [item.action, item.outcome, item.accountName])).toEqual([
			['create', 'wouldCreate', 'xin.ren'],
			['suspend', 'wouldSuspend', 'li.na'],
			['suspend', 'wouldSuspend', 'wang.fang'],
			['suspend', 'wouldSuspend', 'liu.yang'],
		]);
		expect(run.json[0].changes).toEqual({
			name: { from: null, to: '新人' },
			department: { from: null, to: BACKEND },
			jobNumber: { from: null, to: 'E9001' },
		});
		expect(writes()).toEqual([]);
	});

	describe('matching, scope and refusals (input items)', () => {
		const syncItems = (items: IDataObject[], extra: INodeParameters = {}) =>
			platform.run(
				{
					resource: 'employee',
					operation: 'syncFromHr',
					source: 'items',
					departmentRoot: locator('研发中心', 'path'),
					password: 'Welcome#2026',
					options: { ignoreUnknownColumns: true },
					...extra,
				},
				{ items },
			);

		test('job number first, then account name; conflicts and accounts outside the root fail, touching nothing', async () => {
			const run = await syncItems(
				[
					// li.na by job number, though the account name is missing: unchanged.
					{ jobNumber: 'E1002', name: '李娜', department: '研发中心', hireDate: '2020-01-01' },
					// wang.fang by name, with a new job number: an update of the job number.
					{ accountName: 'wang.fang', jobNumber: 'E9003', name: '王芳' },
					// E1004 is liu.yang's, but the record names li.na: which one is meant is unclear.
					{ accountName: 'li.na', jobNumber: 'E1004', name: '刘洋' },
					// zhang.wei is in 总部, outside the root.
					{ jobNumber: 'E1001', name: '张伟', department: '研发中心' },
					// zhao.lei was deleted: the name is not free.
					{ jobNumber: 'E7777', name: '赵磊', accountName: 'zhao.lei', department: BACKEND },
					// Outside the root.
					{ jobNumber: 'E8888', name: '钱七', department: '市场部' },
				],
				{ dryRun: false },
			);
			expect(run.success).toBe(true);
			expect(
				run.json.map((item) => [item.source, item.action, item.outcome, item.accountName]),
			).toEqual([
				['Item 0', 'leave', 'unchanged', 'li.na'],
				['Item 1', 'update', 'updated', 'wang.fang'],
				['Item 2', 'leave', 'failed', null],
				['Item 3', 'leave', 'failed', 'zhang.wei'],
				['Item 4', 'create', 'failed', 'zhao.lei'],
				['Item 5', 'create', 'failed', null],
			]);
			expect(run.json[1].changes).toEqual({ jobNumber: { from: 'E1003', to: 'E9003' } });
			expect(run.json[2]).toMatchObject({
				error: 'Item 2: the job number E1004 belongs to liu.yang, but the account name is li.na',
				fix: 'Correct the record: its job number and account name must be those of one person.',
			});
			expect(run.json[3].error).toBe(
				`Item 3: zhang.wei@${DOMAIN} is in 总部, outside the Department Root 研发中心`,
			);
			expect(run.json[4].error).toBe(
				`Item 4: zhao.lei@${DOMAIN} is taken by a deleted account the address book does not list`,
			);
			expect(run.json[5].error).toBe(
				'Item 5: the department 市场部 is outside the Department Root 研发中心',
			);
			// liu.yang, named by a failed record, is not suspended: no record left it out.
			expect(writes().map((request) => request.path)).toEqual(['/api/open/account/updateAccount']);
			expect(account('liu.yang')!.status).toBe(0);
		});

		test('a suspended account in the list is resumed; a lost answer still reads created and suspended', async () => {
			control().addAccounts([
				{
					accountName: 'paused',
					name: '暂停',
					jobNumber: 'P1',
					unitId: unitId('研发中心'),
					status: 1,
				},
				{ accountName: 'leaver', name: '离职', jobNumber: 'P2', unitId: unitId('后端组') },
			]);
			control().injectFault([
				{ path: '/api/open/account/createAccount', kind: 'lostResponse' },
				{ path: '/api/open/account/suspendAccount', kind: 'lostResponse' },
			]);
			const people = [
				...DEMO_RD,
				{ jobNumber: 'P1', name: '暂停', department: '研发中心' },
				{ jobNumber: 'N1', name: '新同事', department: BACKEND, accountName: 'new.colleague' },
			];
			const run = await syncItems(people, {
				dryRun: false,
				maxShareSuspended: 50,
			});
			expect(run.success).toBe(true);
			const of = (accountName: string) =>
				run.json.find((item) => item.accountName === accountName)!;
			expect(of('paused')).toMatchObject({
				action: 'update',
				outcome: 'updated',
				changes: { status: { from: 'suspended', to: 'normal' } },
				steps: [{ step: 'status', result: 'resumed' }],
			});
			expect(of('new.colleague')).toMatchObject({ outcome: 'created', changed: true });
			expect(of('leaver')).toMatchObject({
				action: 'suspend',
				outcome: 'suspended',
				changed: true,
			});
			expect(callsTo(platform.sandbox, '/api/open/account/createAccount')).toHaveLength(1);
			expect(callsTo(platform.sandbox, '/api/open/account/suspendAccount')).toHaveLength(1);
			expect([account('paused')!.status, account('leaver')!.status]).toEqual([0, 1]);
			expect(account('new.colleague')!.unitId).toBe(unitId('后端组'));
		});

		test('a failing step stops that account, naming the step and what was already done', async () => {
			control().injectFault({
				path: '/api/open/account/moveUnit',
				kind: 'code',
				code: -3,
				marker: 'UNIT.NOTEXIST',
			});
			const run = await syncItems(
				[
					// "cto" is li.na's alias: no listed account, but the platform has the name.
					{ accountName: 'cto', name: '别名', jobNumber: 'X1' },
					{ jobNumber: 'E1002', name: '李娜娜', department: BACKEND },
					DEMO_RD[1],
					DEMO_RD[2],
				],
				{ dryRun: false },
			);
			expect(run.success).toBe(true);
			expect(run.json.map((item) => [item.accountName, item.outcome, item.changed])).toEqual([
				['cto', 'failed', false],
				['li.na', 'failed', true],
				['wang.fang', 'unchanged', false],
				['liu.yang', 'unchanged', false],
			]);
			expect(run.json[0]).toMatchObject({
				error: `Item 0: step "account" failed: cto@${DOMAIN} is taken, e.g. as another account's alias; nothing was changed`,
				fix: 'Give the person another account name in the HR list. Running the sync again picks up from here.',
			});
			expect(run.json[1]).toMatchObject({
				steps: [{ step: 'account', result: 'updated' }],
				error:
					'Item 1: step "move" failed: The department does not exist (UNIT.NOTEXIST, code -3); already done: account updated',
			});
			expect(account('li.na')).toMatchObject({ name: '李娜娜', unitId: unitId('研发中心') });

			const again = await syncItems(
				[{ jobNumber: 'E1002', name: '李娜娜', department: BACKEND }, DEMO_RD[1], DEMO_RD[2]],
				{ dryRun: false },
			);
			expect(again.json[0]).toMatchObject({
				action: 'move',
				outcome: 'moved',
				steps: [{ step: 'move', result: 'moved' }],
			});
			expect(account('li.na')!.unitId).toBe(unitId('后端组'));
		});

		test('bad records, duplicates and an incomplete list stop before any request', async () => {
			const bad = await syncItems([
				{ jobNumber: 'E1002', name: '李娜', department: '研发中心' },
				{ name: '无名' },
			]);
			expect(bad.success).toBe(false);
			expect(bad.error?.message).toBe(
				'Item 1: has neither a job number nor an account name [item 1]',
			);
			expect(writes()).toEqual([]);

			const twice = await syncItems([
				{ jobNumber: 'E1002', name: '李娜' },
				{ jobNumber: 'E1002', name: '李娜' },
			]);
			expect(twice.error?.message).toBe(
				'Item 1: has the same job number as Item 0 (E1002) [item 0]',
			);

			// continueOnFail lets the good item through: the sync must still refuse.
			const partialItems = await platform.run(
				{
					resource: 'employee',
					operation: 'syncFromHr',
					source: 'items',
					departmentRoot: locator('研发中心', 'path'),
					dryRun: false,
					maxShareSuspended: 100,
				},
				{ items: [{ jobNumber: 'E1002', name: '李娜' }, { name: '无名' }], continueOnFail: true },
			);
			expect(partialItems.json.map((item) => item.error)).toEqual([
				'Input item 1 could not be read, so the HR list is not complete [item 1]',
				'Item 1: has neither a job number nor an account name [item 1]',
			]);
			expect(writes()).toEqual([]);
		});

		test('Max Share Suspended outside 0–100 fails naming the field', async () => {
			const run = await syncItems([{ jobNumber: 'E1002' }], { maxShareSuspended: 150 });
			expect(run.error?.message).toBe(
				'Max Share Suspended must be a percentage from 0 to 100, not "150" [item 0]',
			);
		});
	});
});
