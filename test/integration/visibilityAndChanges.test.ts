import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callsTo, locator, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';
const UPDATE_ACCOUNT = '/api/open/account/updateAccount';
const GET_SCOPE = '/api/open/address/getViewScope';
const UPDATE_SCOPE = '/api/open/address/updateViewScope';
const MAX_REVISION = '/api/open/address/getMaxRevision';
const REVISION_DATA = '/api/open/address/getRevisionData';

describe('Address Book Visibility against the sandbox', () => {
	const platform = usePlatform();
	const state = () => platform.sandbox.control.state();
	const unitId = (name: string) => state().units.find((u) => u.unitName === name)!.unitId;
	const run = (parameters: IDataObject) => platform.run({ resource: 'visibility', ...parameters });
	const setVisibility = (visible: boolean) =>
		run({
			operation: 'setAccountVisibility',
			account: locator('li.na', 'address'),
			visible,
		});

	test('Set Account Visibility hides and shows, and sends nothing when it already is so', async () => {
		const hidden = await setVisibility(false);
		expect(hidden.json).toEqual([
			{
				email: `li.na@${DOMAIN}`,
				accountName: 'li.na',
				visibleInAddressBook: false,
				changed: true,
			},
		]);
		expect(callsTo(platform.sandbox, UPDATE_ACCOUNT).map((c) => c.body)).toEqual([
			{ domain: DOMAIN, accountName: 'li.na', visibleInAddr: 0 },
		]);
		expect(state().accounts.find((a) => a.accountName === 'li.na')!.visibleInAddr).toBe(0);

		platform.sandbox.control.clearRequests();
		const again = await setVisibility(false);
		expect(again.json[0]).toMatchObject({ visibleInAddressBook: false, changed: false });
		expect(callsTo(platform.sandbox, UPDATE_ACCOUNT)).toHaveLength(0);

		const shown = await setVisibility(true);
		expect(shown.json[0]).toMatchObject({ visibleInAddressBook: true, changed: true });
		expect(state().accounts.find((a) => a.accountName === 'li.na')!.visibleInAddr).toBe(1);
	});

	test('Set Account Visibility of an unknown account fails naming it, without a write', async () => {
		const result = await run({
			operation: 'setAccountVisibility',
			account: locator('nobody', 'address'),
			visible: false,
		});
		expect(result.error?.message).toBe(`Account "nobody@${DOMAIN}" does not exist [item 0]`);
		expect(callsTo(platform.sandbox, UPDATE_ACCOUNT)).toHaveLength(0);
	});

	test('Get View Scope of a department never set is everyone', async () => {
		const result = await run({
			operation: 'getViewScope',
			targetType: 'department',
			department: locator('研发中心', 'path'),
		});
		expect(result.json).toEqual([
			{
				targetType: 'department',
				targetId: unitId('研发中心'),
				targetPath: '研发中心',
				viewScope: 'all',
				viewDepartments: [],
			},
		]);
		expect(callsTo(platform.sandbox, GET_SCOPE)[0].body).toEqual({
			domain: DOMAIN,
			targetType: 'unit',
			targetId: unitId('研发中心'),
		});
	});

	test('Set View Scope to departments by path and ID, then again unchanged without a write', async () => {
		const params = {
			operation: 'setViewScope',
			targetType: 'department',
			department: locator('市场部', 'path'),
			viewScope: 'units',
			viewDepartments: {
				departments: [
					{ viewDepartment: locator('研发中心/后端组', 'path') },
					{ viewDepartment: locator(unitId('总部'), 'id') },
				],
			},
		};
		const expected = {
			targetType: 'department',
			targetId: unitId('市场部'),
			targetPath: '市场部',
			viewScope: 'units',
			viewDepartments: [
				{ id: unitId('后端组'), path: '研发中心/后端组' },
				{ id: unitId('总部'), path: '总部' },
			],
		};
		const first = await run(params);
		expect(first.json).toEqual([{ ...expected, changed: true }]);
		expect(callsTo(platform.sandbox, UPDATE_SCOPE).map((c) => c.body)).toEqual([
			{
				domain: DOMAIN,
				targetType: 'unit',
				targetId: unitId('市场部'),
				viewScope: 'units',
				viewUnitIds: [unitId('后端组'), unitId('总部')],
			},
		]);

		platform.sandbox.control.clearRequests();
		const second = await run(params);
		expect(second.json).toEqual([{ ...expected, changed: false }]);
		expect(callsTo(platform.sandbox, UPDATE_SCOPE)).toHaveLength(0);

		const read = await run({
			operation: 'getViewScope',
			department: locator(unitId('市场部'), 'id'),
		});
		expect(read.json).toEqual([expected]);
	});

	test('A role is a target too, and has no department path', async () => {
		const set = await run({
			operation: 'setViewScope',
			targetType: 'role',
			role: 'employee',
			viewScope: 'ownUnit',
		});
		expect(set.json).toEqual([
			{
				targetType: 'role',
				targetId: 'employee',
				viewScope: 'ownUnit',
				viewDepartments: [],
				changed: true,
			},
		]);
		expect(callsTo(platform.sandbox, UPDATE_SCOPE)[0].body).toEqual({
			domain: DOMAIN,
			targetType: 'role',
			targetId: 'employee',
			viewScope: 'ownUnit',
		});
		const read = await run({ operation: 'getViewScope', targetType: 'role', role: 'employee' });
		expect(read.json[0]).toMatchObject({ targetId: 'employee', viewScope: 'ownUnit' });
	});

	test('An unknown department in the list fails naming it, before any call to the scope', async () => {
		const result = await run({
			operation: 'setViewScope',
			department: locator('市场部', 'path'),
			viewScope: 'units',
			viewDepartments: {
				departments: [
					{ viewDepartment: locator('总部', 'path') },
					{ viewDepartment: locator('研发中心/不存在', 'path') },
				],
			},
		});
		expect(result.success).toBe(false);
		expect(result.error?.message).toBe(
			'View Departments "研发中心/不存在" does not exist [item 0]',
		);
		expect(callsTo(platform.sandbox, GET_SCOPE)).toHaveLength(0);
		expect(callsTo(platform.sandbox, UPDATE_SCOPE)).toHaveLength(0);
	});
});

describe('Change Feed against the sandbox', () => {
	const platform = usePlatform();
	const orgOpenId = () => platform.sandbox.credential.orgOpenId;
	const getChanges = (
		sinceRevision: number | string,
		more: INodeParameters = { returnAll: true },
	) => platform.run({ resource: 'changeFeed', operation: 'getChanges', sinceRevision, ...more });
	const walked = () =>
		callsTo(platform.sandbox, REVISION_DATA)
			.map((call) => Number((call.body as IDataObject).revision))
			.sort((a, b) => a - b);

	/** Revisions 8–10 after the seed's 7 account ADDs: an account update, a department, a deletion. */
	async function makeChanges() {
		const steps: INodeParameters[] = [
			{
				resource: 'visibility',
				operation: 'setAccountVisibility',
				account: locator('li.na', 'address'),
				visible: false,
			},
			{ resource: 'department', operation: 'create', name: '客服部' },
			{ resource: 'account', operation: 'delete', account: locator('liu.yang', 'address') },
		];
		for (const step of steps) expect((await platform.run(step)).success).toBe(true);
		platform.sandbox.control.clearRequests();
	}

	test('Get Latest Revision follows the writes and sends the CorpID', async () => {
		const before = await platform.run({ resource: 'changeFeed', operation: 'getLatestRevision' });
		expect(before.json).toEqual([{ revision: 7 }]);
		await makeChanges();
		const after = await platform.run({ resource: 'changeFeed', operation: 'getLatestRevision' });
		expect(after.json).toEqual([{ revision: 10 }]);
		expect(callsTo(platform.sandbox, MAX_REVISION)[0].body).toEqual({ orgOpenId: orgOpenId() });
	});

	test('Get Changes returns each change after the revision, in order, accounts and departments', async () => {
		await makeChanges();
		const result = await getChanges(6);
		expect(result.success).toBe(true);
		expect(result.json.map(({ revision, op, kind }) => ({ revision, op, kind }))).toEqual([
			{ revision: 7, op: 'ADD', kind: 'account' },
			{ revision: 8, op: 'UPDATE', kind: 'account' },
			{ revision: 9, op: 'ADD', kind: 'department' },
			{ revision: 10, op: 'DELETE', kind: 'account' },
		]);
		expect(result.json[1]).toMatchObject({
			accountName: 'li.na',
			email: `li.na@${DOMAIN}`,
			name: '李娜',
		});
		expect(result.json[1]).not.toHaveProperty('raw');
		expect(result.json[2].department).toEqual({
			id: platform.sandbox.control.state().units.find((u) => u.unitName === '客服部')!.unitId,
			name: '客服部',
			parentId: null,
		});
		expect(walked()).toEqual([7, 8, 9, 10]);
		for (const call of callsTo(platform.sandbox, REVISION_DATA))
			expect((call.body as IDataObject).orgOpenId).toBe(orgOpenId());
	});

	test('Get Changes stops at the limit, and adds the raw record with Simplify off', async () => {
		await makeChanges();
		const result = await getChanges(7, {
			returnAll: false,
			limit: 2,
			options: { simplify: false },
		});
		expect(result.json.map((change) => change.revision)).toEqual([8, 9]);
		expect(result.json[0].raw).toMatchObject({ revision: 8, op: 'UPDATE', orgOpenId: orgOpenId() });
		expect(result.json[1].raw).toHaveProperty('unit');
		expect(walked()).toEqual([8, 9]);
	});

	test('A revision the platform no longer has is reported as missing, and the walk goes on', async () => {
		platform.sandbox.control.injectFault({ kind: 'code', code: -4, path: REVISION_DATA, after: 2 });
		const result = await getChanges(0, { returnAll: false, limit: 5 });
		expect(result.success).toBe(true);
		const faulted = callsTo(platform.sandbox, REVISION_DATA).find((call) => call.fault);
		const missing = (faulted!.body as IDataObject).revision;
		expect(result.json.map((change) => change.revision)).toEqual([1, 2, 3, 4, 5]);
		for (const change of result.json) {
			if (change.revision === missing)
				expect(change).toEqual({ revision: missing, op: null, missing: true });
			else expect(change).toMatchObject({ op: 'ADD', kind: 'account' });
		}
	});

	test('A since-revision at or above the latest gives no items', async () => {
		for (const since of [7, 100]) {
			platform.sandbox.control.clearRequests();
			const result = await getChanges(since);
			expect(result.success).toBe(true);
			expect(result.json).toEqual([]);
			expect(callsTo(platform.sandbox, REVISION_DATA)).toHaveLength(0);
		}
	});

	test('A since-revision that is not a whole number of 0 or more fails before any call', async () => {
		for (const since of [-1, 1.5, 'abc']) {
			const result = await getChanges(since);
			expect(result.error?.message).toBe(
				`Since Revision "${since}" is not a whole number of 0 or more [item 0]`,
			);
		}
		expect(platform.sandbox.control.requests()).toHaveLength(0);
	});
});
