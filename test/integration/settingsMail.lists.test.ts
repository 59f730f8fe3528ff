import type { IDataObject } from 'n8n-workflow';

import { callsTo, locator, usePlatform } from '../support/netease';
import { email, ORGANISATION, RD_TREE, settingsNode, target } from './settingsMail.support';

const ADD = '/api/open/mailaccount/addSenderList';
const REMOVE = '/api/open/mailaccount/deleteSenderList';
const APPROVAL_UPDATE = '/api/open/unit/updateMailApproval';

describe('Settings: sender lists and mail approval', () => {
	const platform = usePlatform();
	const { control, run, dryApplyAgain, failsUpFront } = settingsNode(platform);
	const sent = (path: string) =>
		callsTo(platform.sandbox, path).map((call) => call.body as IDataObject);

	describe('Sender List', () => {
		const change = (operation: string, entries: string, on: IDataObject, list = 'black') => ({
			resource: 'senderList',
			operation,
			list,
			entries,
			...on,
		});
		const get = (on: IDataObject, list = 'black') =>
			run({ resource: 'senderList', operation: 'get', list, ...on });

		test('an account: add with a dry run, for real, and again; then add and remove some', async () => {
			expect((await get(target.account('zhang.wei'))).json).toEqual([
				{ email: email('zhang.wei'), list: 'black', entries: [] },
			]);
			const { dry, applied, again, written } = await dryApplyAgain(
				change(
					'add',
					'Promo@Shop.example, @Spam.example\npromo@shop.example',
					target.account('zhang.wei'),
				),
				ADD,
				['zhang.wei'],
			);
			const both = ['promo@shop.example', '@spam.example'];
			expect(dry.json[0]).toEqual({
				email: email('zhang.wei'),
				list: 'black',
				added: both,
				alreadyThere: [],
				outcome: 'wouldChange',
			});
			expect(applied.json[0]).toMatchObject({ added: both, outcome: 'changed' });
			expect(again.json[0]).toMatchObject({ added: [], alreadyThere: both, outcome: 'unchanged' });
			expect(written).toEqual([
				{
					domain: 'sandbox.example.com',
					accountName: 'zhang.wei',
					listType: 'black',
					entries: 'promo@shop.example,@spam.example',
				},
			]);

			control().clearRequests();
			const more = await run(
				change('add', 'news@shop.example, promo@shop.example', target.account('zhang.wei')),
			);
			expect(more.json[0]).toMatchObject({
				added: ['news@shop.example'],
				alreadyThere: ['promo@shop.example'],
				outcome: 'changed',
			});
			expect(sent(ADD).map((body) => body.entries)).toEqual(['news@shop.example']);

			const { applied: removed } = await dryApplyAgain(
				change('remove', 'promo@shop.example, nobody@example.net', target.account('zhang.wei')),
				REMOVE,
				['zhang.wei'],
			);
			expect(removed.json[0]).toMatchObject({
				removed: ['promo@shop.example'],
				notThere: ['nobody@example.net'],
				outcome: 'changed',
			});
			expect((await get(target.account('zhang.wei'))).json[0].entries).toEqual([
				'@spam.example',
				'news@shop.example',
			]);
			expect((await get(target.account('zhang.wei'), 'white')).json[0].entries).toEqual([]);
		});

		test('a department with its sub-departments, then the whole organisation', async () => {
			await run(change('add', '@partner.example', target.account('li.na'), 'white'));
			const { applied } = await dryApplyAgain(
				change('add', '@partner.example', target.department('研发中心'), 'white'),
				ADD,
				['wang.fang', 'liu.yang'],
			);
			expect(applied.json.map((json) => json.email)).toEqual(RD_TREE.map(email));
			await dryApplyAgain(
				change('add', '@partner.example', target.organisation(), 'white'),
				ADD,
				ORGANISATION.filter((name) => !RD_TREE.includes(name)),
			);
			await dryApplyAgain(
				change('remove', '@partner.example', target.department('研发中心', false), 'white'),
				REMOVE,
				['li.na'],
			);
			await dryApplyAgain(
				change('remove', '@partner.example', target.organisation(), 'white'),
				REMOVE,
				ORGANISATION.filter((name) => name !== 'li.na'),
			);
		});

		test('a list that would pass 500 entries fails for that account, unwritten', async () => {
			const many = Array.from({ length: 499 }, (_, n) => `sender${n}@example.net`).join(',');
			await run(change('add', many, target.account('zhang.wei')));
			control().clearRequests();
			const full = await run(
				change('add', 'a@example.net, b@example.net', target.department('总部')),
			);
			expect(full.json).toEqual([
				{
					email: email('zhang.wei'),
					outcome: 'failed',
					error: `Entries would give ${email('zhang.wei')} 501 entries in its black list [item 0]`,
					fix: 'A list holds at most 500 entries: remove some first, or use @domain entries.',
				},
			]);
			expect(sent(ADD)).toEqual([]);
		});

		test.each([
			['spam', 'Entries "spam" is not a mail address [item 0]'],
			['ok@example.net, @', 'Entries has "@" without a domain [item 0]'],
			['@bad_domain', 'Entries "bad_domain" is not a mail domain [item 0]'],
			[' , ', 'Entries is empty [item 0]'],
		])('bad entries %j fail before any request', async (entries, message) => {
			await failsUpFront(change('add', entries, target.account('zhang.wei')), message);
			await failsUpFront(change('remove', entries, target.account('zhang.wei')), message);
		});
	});

	describe('Mail Approval', () => {
		const department = (path: string, recursive = false) => ({
			department: locator(path, 'path'),
			recursive,
		});
		const set = (settingsToChange: IDataObject, on: IDataObject, dryRun = false) =>
			run({ resource: 'mailApproval', operation: 'set', ...on, settingsToChange, dryRun });
		const get = (on: IDataObject) => run({ resource: 'mailApproval', operation: 'get', ...on });
		const unitId = (name: string) =>
			String(
				control()
					.state()
					.units.find((unit: IDataObject) => unit.unitName === name)!.unitId,
			);
		const approval = { enabled: true, approver: 'zhang.wei', scope: 'all' };

		test("a core department's approval: set with a dry run, for real, read back, and again", async () => {
			const rd = { departmentId: unitId('研发中心'), departmentPath: '研发中心' };
			expect((await get(department('研发中心'))).json).toEqual([
				{ ...rd, enabled: false, approver: null, scope: 'external' },
			]);
			const changes = {
				enabled: { from: false, to: true },
				approver: { from: null, to: email('zhang.wei') },
				scope: { from: 'external', to: 'all' },
			};
			control().clearRequests();
			const dry = await set({ ...approval, approver: 'zhang.wei' }, department('研发中心'), true);
			expect(dry.json).toEqual([
				{
					...rd,
					enabled: false,
					approver: null,
					scope: 'external',
					outcome: 'wouldChange',
					changes,
				},
			]);
			expect(sent(APPROVAL_UPDATE)).toEqual([]);

			const applied = await set(approval, department('研发中心'));
			const after = { enabled: true, approver: email('zhang.wei'), scope: 'all' };
			expect(applied.json).toEqual([{ ...rd, ...after, outcome: 'changed', changes }]);
			expect(sent(APPROVAL_UPDATE)).toEqual([
				{
					domain: 'sandbox.example.com',
					unitId: rd.departmentId,
					enabled: 1,
					approver: email('zhang.wei'),
					scope: 'all',
				},
			]);
			expect((await get(department('研发中心'))).json).toEqual([{ ...rd, ...after }]);

			control().clearRequests();
			const again = await set(approval, department('研发中心'));
			expect(again.json).toEqual([{ ...rd, ...after, outcome: 'unchanged', changes: {} }]);
			expect(sent(APPROVAL_UPDATE)).toEqual([]);
		});

		test('with sub-departments: each department read, only those that differ written', async () => {
			await set(approval, department('研发中心'));
			control().clearRequests();
			const dry = await set({ scope: 'all' }, department('研发中心', true), true);
			expect(dry.json.map((json) => [json.departmentPath, json.outcome])).toEqual([
				['研发中心', 'unchanged'],
				['研发中心/后端组', 'wouldChange'],
				['研发中心/前端组', 'wouldChange'],
			]);
			expect(sent(APPROVAL_UPDATE)).toEqual([]);
			const applied = await set({ scope: 'all' }, department('研发中心', true));
			expect(applied.json.map((json) => json.outcome)).toEqual(['unchanged', 'changed', 'changed']);
			expect(sent(APPROVAL_UPDATE).map((body) => body.unitId)).toEqual([
				unitId('后端组'),
				unitId('前端组'),
			]);
			const read = await get(department('研发中心', true));
			expect(read.json.map((json) => [json.enabled, json.scope])).toEqual([
				[true, 'all'],
				[false, 'all'],
				[false, 'all'],
			]);
		});

		test('switching approval on where no approver is set fails for that department, unwritten', async () => {
			control().clearRequests();
			const failed = await set({ enabled: true }, department('研发中心', true));
			expect(failed.error?.message).toBe(
				'Approver is not set while approval is switched on [item 0]',
			);
			await set(approval, department('研发中心'));
			control().clearRequests();
			const cleared = await set({ approver: '' }, department('研发中心'));
			expect(cleared.error?.message).toBe(
				'Approver is not set for 研发中心, where approval would be switched on [item 0]',
			);
			expect(sent(APPROVAL_UPDATE)).toEqual([]);
		});

		test.each([
			[{ enabled: true }, 'Approver is not set while approval is switched on [item 0]'],
			[
				{ enabled: true, approver: '' },
				'Approver is not set while approval is switched on [item 0]',
			],
			[
				{ approver: 'boss@other.example' },
				'Approver "boss@other.example" is not in the domain sandbox.example.com [item 0]',
			],
			[{ scope: 'internal' }, 'Scope "internal" is not a choice [item 0]'],
			[{}, 'Settings to Change has nothing to set [item 0]'],
		])('bad input %j fails before any request', async (settingsToChange, message) => {
			await failsUpFront(
				{ resource: 'mailApproval', operation: 'set', ...department('研发中心'), settingsToChange },
				message,
			);
		});

		test.each([
			['zhao.lei', `Approver "${email('zhao.lei')}" is deleted [item 0]`],
			['chen.jing', `Approver "${email('chen.jing')}" is suspended [item 0]`],
			['nobody', `Approver "${email('nobody')}" is not an account of the organisation [item 0]`],
		])('approver %s is refused before any write', async (approver, message) => {
			const result = await set({ ...approval, approver }, department('研发中心'));
			expect(result.error?.message).toBe(message);
			expect(sent(APPROVAL_UPDATE)).toEqual([]);
		});

		test('an unknown department fails before any write', async () => {
			const result = await set(approval, department('研发中心/不存在'));
			expect(result.error?.message).toBe('Department "研发中心/不存在" does not exist [item 0]');
			expect(sent(APPROVAL_UPDATE)).toEqual([]);
		});
	});
});
