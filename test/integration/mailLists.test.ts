import type { IDataObject } from 'n8n-workflow';

import type { NodeRun } from '../support/netease';
import { callsTo, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';
const email = (name: string) => `${name}@${DOMAIN}`;
const ALL_STAFF = ['zhang.wei', 'li.na', 'wang.fang', 'liu.yang', 'service'].map(email);

describe('Mail list operations against the sandbox', () => {
	const platform = usePlatform();
	const control = () => platform.sandbox.control;
	const run = (operation: string, parameters: IDataObject = {}, items?: IDataObject[]) =>
		platform.run({ resource: 'mailList', operation, ...parameters }, { items });
	/** The bodies sent to one mail-list path, e.g. `sent('createMaillist')`. */
	const sent = (endpoint: string) =>
		callsTo(platform.sandbox, `/api/open/maillist/${endpoint}`).map((call) => call.body);
	const writes = () =>
		control()
			.requests()
			.filter((r) => r.path.startsWith('/api/open/maillist/') && !/\/getMaillist/.test(r.path));
	const lists = () => control().state().mailLists;
	const list = (name: string) => lists().find((l) => l.accountName === name);
	const unitId = (name: string) =>
		control()
			.state()
			.units.find((u) => u.unitName === name)!.unitId;

	/**
	 * Runs `act` with the answer of its `endpoint` call lost, lets `check` look at the platform, then
	 * runs it again on a fresh organisation without the fault: both runs must output the same.
	 */
	async function sameDespiteLostAnswer(
		endpoint: string,
		act: () => Promise<NodeRun>,
		check: () => void,
	) {
		control().injectFault({ path: `/api/open/maillist/${endpoint}`, kind: 'lostResponse' });
		const lost = await act();
		expect(lost.success).toBe(true);
		expect(control().stats().faultsFired).toBe(1);
		check();
		control().reset('demo');
		const normal = await act();
		expect(normal.success).toBe(true);
		expect(lost.json).toEqual(normal.json);
		return normal;
	}

	const createTeam = (options: IDataObject = {}) =>
		run('create', {
			mailList: 'team',
			name: '项目组',
			members: 'li.na, Wang.Fang@sandbox.example.com, li.na, partner@example.org',
			memberDepartments: '研发中心/后端组, 市场部',
			additionalFields: {
				whoCanSend: 'membersAndAuthorizedSenders',
				authorizedSenders: ['zhang.wei'],
				visibleInAddressBook: false,
			},
			...options,
		});

	test('Create sends every field, once each, and outputs the new list', async () => {
		const result = await createTeam();
		expect(result.success).toBe(true);
		expect(result.json).toEqual([
			{
				email: email('team'),
				accountName: 'team',
				name: '项目组',
				whoCanSend: 'membersAndAuthorizedSenders',
				authorizedSenders: [email('zhang.wei')],
				visibleInAddressBook: false,
				members: [email('li.na'), email('wang.fang'), 'partner@example.org'],
				memberDepartments: [
					{ id: unitId('后端组'), path: '研发中心/后端组' },
					{ id: unitId('市场部'), path: '市场部' },
				],
				created: true,
			},
		]);
		expect(sent('createMaillist')).toEqual([
			{
				domain: DOMAIN,
				accountName: 'team',
				name: '项目组',
				visibleInAddr: 0,
				mailListUserType: 2,
				members: `${email('li.na')},${email('wang.fang')},partner@example.org`,
				memberUnits: `${unitId('后端组')},${unitId('市场部')}`,
				authMembers: email('zhang.wei'),
			},
		]);
		expect(list('team')).toMatchObject({
			visibleInAddr: 0,
			mailListUserType: 2,
			members: [email('li.na'), email('wang.fang'), 'partner@example.org'],
			memberUnits: [unitId('后端组'), unitId('市场部')],
		});
	});

	test('Create of an existing list fails, or returns it with created: false', async () => {
		const params = { mailList: email('all-staff'), name: '全体员工' };
		const failed = await run('create', params);
		expect(failed.success).toBe(false);
		expect(failed.error?.message).toBe(
			'A mail list with this address already exists (MAILLIST.EXIST, code -3) [item 0]',
		);

		const reused = await run('create', { ...params, options: { ifExists: 'reuse' } });
		expect(reused.json).toEqual([
			expect.objectContaining({
				email: email('all-staff'),
				whoCanSend: 'everyoneInDomain',
				members: ALL_STAFF,
				created: false,
			}),
		]);
		expect(sent('createMaillist')).toHaveLength(1);
		expect(lists()).toHaveLength(2);
	});

	test('Create fails before any write on an account address or an unknown department', async () => {
		const account = await run('create', { mailList: 'li.na', name: '李娜' });
		expect(account.success).toBe(false);
		expect(account.error?.message).toBe(
			`Mail List "${email('li.na')}" is the address of an account [item 0]`,
		);
		expect(account.error?.description).toMatch(/choose another/);

		const department = await run('create', {
			mailList: 'team',
			name: '项目组',
			memberDepartments: '研发中心/不存在',
		});
		expect(department.error?.message).toBe(
			'Member Departments "研发中心/不存在" matches no department path or ID [item 0]',
		);

		const badMember = await run('create', { mailList: 'team', name: '项目组', members: 'a@b' });
		expect(badMember.error?.message).toMatch(/^Members "a@b" has no valid domain/);
		expect(sent('createMaillist')).toEqual([]);
		expect(list('team')).toBeUndefined();
	});

	test('Create on an alias address says the address is taken, in the field', async () => {
		const result = await run('create', { mailList: 'cto', name: 'CTO' });
		expect(result.error?.message).toBe(
			`Mail List "${email('cto')}" is already used by an account or an alias [item 0]`,
		);
		expect(list('cto')).toBeUndefined();
	});

	test('Create whose answer was lost reports created: true and leaves one list', async () => {
		await sameDespiteLostAnswer('createMaillist', createTeam, () => {
			expect(sent('createMaillist')).toHaveLength(1);
			expect(lists().filter((l) => l.accountName === 'team')).toHaveLength(1);
		});
	});

	test('Get returns the simplified list, or the raw one with Simplify off', async () => {
		const simple = await run('get', { mailList: 'rd' });
		expect(simple.json).toEqual([
			{
				email: email('rd'),
				accountName: 'rd',
				name: '研发中心',
				whoCanSend: 'membersAndAuthorizedSenders',
				authorizedSenders: [email('zhang.wei')],
				visibleInAddressBook: true,
				members: [],
				memberDepartments: [{ id: unitId('研发中心'), path: '研发中心' }],
			},
		]);
		expect(sent('getMaillist')).toEqual([{ domain: DOMAIN, accountName: 'rd' }]);
		const raw = await run('get', { mailList: email('rd'), options: { simplify: false } });
		expect(raw.json[0]).toMatchObject({ mailListUserType: 2, memberUnits: [unitId('研发中心')] });
	});

	test('Get Many pages through every list, or stops at the limit', async () => {
		const items = Array.from({ length: 101 }, (_, n) => ({ address: `list${n}` }));
		const created = await run('create', { mailList: '={{ $json.address }}', name: '列表' }, items);
		expect(created.json.every((json) => json.created === true)).toBe(true);
		control().clearRequests();

		const all = await run('getAll', { returnAll: true });
		expect(all.json).toHaveLength(103);
		expect(all.json[0]).toMatchObject({ email: email('all-staff'), members: ALL_STAFF });
		expect(sent('getMaillistList')).toEqual([
			{ domain: DOMAIN, pageNum: 1, pageSize: 100 },
			{ domain: DOMAIN, pageNum: 2, pageSize: 100 },
		]);

		const limited = await run('getAll', { returnAll: false, limit: 2 });
		expect(limited.json.map((json) => json.accountName)).toEqual(['all-staff', 'rd']);
	});

	test('Update sends only what differs, with the current members, and says what changed', async () => {
		const result = await run('update', {
			mailList: 'rd',
			updateFields: { name: '研发部', whoCanSend: 'everyone', visibleInAddressBook: true },
		});
		expect(result.json).toEqual([
			expect.objectContaining({
				name: '研发部',
				whoCanSend: 'everyone',
				visibleInAddressBook: true,
				changed: true,
				updated: ['name', 'whoCanSend'],
			}),
		]);
		expect(sent('updateMaillist')).toEqual([
			{
				domain: DOMAIN,
				accountName: 'rd',
				name: '研发部',
				mailListUserType: 0,
				memberUnits: unitId('研发中心'),
			},
		]);
		expect(list('rd')).toMatchObject({
			name: '研发部',
			mailListUserType: 0,
			memberUnits: [unitId('研发中心')],
			authMembers: [email('zhang.wei')],
		});
	});

	test('Update with nothing different sends no write', async () => {
		const result = await run('update', {
			mailList: 'all-staff',
			updateFields: { name: '全体员工', whoCanSend: 'everyoneInDomain', authorizedSenders: '' },
		});
		expect(result.json).toEqual([
			expect.objectContaining({ name: '全体员工', changed: false, updated: [] }),
		]);
		expect(writes()).toEqual([]);
	});

	const addToAllStaff = () =>
		run('addMembers', {
			mailList: 'all-staff',
			members: ['LI.NA@sandbox.example.com', 'partner@example.org'],
			memberDepartments: '市场部',
		});

	test('Add Members adds only newcomers and reports which were members already', async () => {
		const result = await addToAllStaff();
		expect(result.json).toEqual([
			expect.objectContaining({
				email: email('all-staff'),
				members: [...ALL_STAFF, 'partner@example.org'],
				memberDepartments: [{ id: unitId('市场部'), path: '市场部' }],
				added: ['partner@example.org', '市场部'],
				alreadyMembers: [email('li.na')],
				changed: true,
			}),
		]);
		expect(sent('addMaillistForwardList')).toEqual([
			{ domain: DOMAIN, accountName: 'all-staff', members: 'partner@example.org' },
		]);
		expect(sent('updateMaillist')).toEqual([
			{
				domain: DOMAIN,
				accountName: 'all-staff',
				members: [...ALL_STAFF, 'partner@example.org'].join(','),
				memberUnits: unitId('市场部'),
			},
		]);
		expect(list('all-staff')?.memberUnits).toEqual([unitId('市场部')]);

		const again = await run('addMembers', { mailList: 'rd', memberDepartments: '研发中心' });
		expect(again.json[0]).toMatchObject({
			added: [],
			alreadyMembers: ['研发中心'],
			changed: false,
		});
		expect(sent('updateMaillist')).toHaveLength(1);
	});

	test('Items changing the same list run one after the other and report truthfully', async () => {
		const result = await run('addMembers', { mailList: 'rd', members: '={{ $json.member }}' }, [
			{ member: 'a@example.org' },
			{ member: 'a@example.org' },
			{ member: 'b@example.org' },
		]);
		expect(result.json.map(({ added, alreadyMembers }) => ({ added, alreadyMembers }))).toEqual([
			{ added: ['a@example.org'], alreadyMembers: [] },
			{ added: [], alreadyMembers: ['a@example.org'] },
			{ added: ['b@example.org'], alreadyMembers: [] },
		]);
		expect(sent('addMaillistForwardList')).toHaveLength(2);
	});

	test('Add Members whose answer was lost says the same and holds each member once', async () => {
		const addPartner = () =>
			run('addMembers', { mailList: 'all-staff', members: 'partner@example.org' });
		await sameDespiteLostAnswer('addMaillistForwardList', addPartner, () => {
			const members = list('all-staff')!.members;
			expect(members.filter((m) => m === 'partner@example.org')).toHaveLength(1);
		});
	});

	const removeFromAllStaff = () =>
		run('removeMembers', { mailList: 'all-staff', members: 'li.na, nobody@example.org' });

	test('Remove Members removes the members and reports the addresses that were not', async () => {
		const result = await removeFromAllStaff();
		expect(result.json).toEqual([
			expect.objectContaining({
				members: ALL_STAFF.filter((m) => m !== email('li.na')),
				removed: [email('li.na')],
				notMembers: ['nobody@example.org'],
				changed: true,
			}),
		]);
		expect(sent('deleteMaillistForwardList')).toEqual([
			{ domain: DOMAIN, accountName: 'all-staff', members: email('li.na') },
		]);
		expect(list('all-staff')?.members).not.toContain(email('li.na'));
	});

	test('Remove Members takes a department off with an update keeping the members', async () => {
		await run('addMembers', { mailList: 'rd', members: 'li.na' });
		control().clearRequests();
		const result = await run('removeMembers', {
			mailList: 'rd',
			memberDepartments: [unitId('研发中心'), '市场部'],
		});
		expect(result.json[0]).toMatchObject({
			memberDepartments: [],
			removed: ['研发中心'],
			notMembers: ['市场部'],
			changed: true,
		});
		expect(sent('updateMaillist')).toEqual([
			{ domain: DOMAIN, accountName: 'rd', members: email('li.na'), memberUnits: '' },
		]);
		expect(list('rd')).toMatchObject({ members: [email('li.na')], memberUnits: [] });
	});

	test('Remove Members that would empty the list fails before any write', async () => {
		const result = await run('removeMembers', { mailList: 'rd', memberDepartments: '研发中心' });
		expect(result.error?.message).toBe(
			`Mail List "${email('rd')}" would have no members or member departments after this change [item 0]`,
		);
		expect(writes()).toEqual([]);
	});

	test('Remove Members whose answer was lost says the same', async () => {
		await sameDespiteLostAnswer('deleteMaillistForwardList', removeFromAllStaff, () => {
			expect(list('all-staff')?.members).toEqual(ALL_STAFF.filter((m) => m !== email('li.na')));
		});
	});

	test('Delete removes the list; after a lost answer it checks the list is gone', async () => {
		const remove = () => run('delete', { mailList: email('rd') });
		const normal = await sameDespiteLostAnswer('deleteMaillist', remove, () => {
			expect(sent('deleteMaillist')).toEqual([{ domain: DOMAIN, accountName: 'rd' }]);
			expect(list('rd')).toBeUndefined();
		});
		expect(normal.json).toEqual([{ deleted: true, email: email('rd') }]);
		const again = await remove();
		expect(again.error?.message).toBe(
			'The mail list does not exist (MAILLIST.NOTEXIST, code -3) [item 0]',
		);
	});

	test('With continueOnFail a failing item becomes an error item and the others succeed', async () => {
		const result = await platform.run(
			{ resource: 'mailList', operation: 'get', mailList: '={{ $json.list }}' },
			{ items: [{ list: 'all-staff' }, { list: 'nope' }, { list: 'rd' }], continueOnFail: true },
		);
		expect(result.success).toBe(true);
		expect(result.json.map((json) => json.accountName ?? json.error)).toEqual([
			'all-staff',
			'The mail list does not exist (MAILLIST.NOTEXIST, code -3) [item 1]',
			'rd',
		]);
	});
});
