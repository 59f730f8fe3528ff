import type { IDataObject } from 'n8n-workflow';

import { callsTo, locator, usePlatform } from '../support/netease';
import { email, settingsNode } from './settingsMail.support';

const CREATE = '/api/open/archive/createRule';
const DELETE = '/api/open/archive/deleteRule';

describe('Settings: archive rules', () => {
	const platform = usePlatform();
	const { control, run, failsUpFront } = settingsNode(platform);
	const sent = (path: string) =>
		callsTo(platform.sandbox, path).map((call) => call.body as IDataObject);
	const rules = () => control().state().archiveRules as IDataObject[];
	const archiveRule = (operation: string, parameters: IDataObject = {}) =>
		run({ resource: 'archiveRule', operation, ...parameters });
	const contracts = (parameters: IDataObject = {}) =>
		archiveRule('create', {
			name: '合同归档',
			conditions: { keyword: '合同', domain: '@Partner.example.com' },
			archiveMailbox: locator('service', 'address'),
			...parameters,
		});
	const reuse = { options: { ifExists: 'reuse' } };
	const createdRule = {
		ruleId: '400001',
		name: '合同归档',
		conditions: { sender: null, recipient: null, domain: 'partner.example.com', keyword: '合同' },
		archiveMailbox: email('service'),
		createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
	};

	test('create, list, If It Already Exists both ways, delete by name and by ID', async () => {
		expect((await archiveRule('getAll', { returnAll: true })).json).toEqual([]);

		const created = await contracts();
		expect(created.json).toEqual([{ ...createdRule, created: true }]);
		expect(sent(CREATE)).toEqual([
			{
				domain: 'sandbox.example.com',
				name: '合同归档',
				conditionDomain: 'partner.example.com',
				keyword: '合同',
				archiveMailbox: email('service'),
			},
		]);

		control().clearRequests();
		const taken = await contracts();
		expect(taken.error?.message).toBe(
			'Name "合同归档" is already the name of an archive rule (ID 400001) [item 0]',
		);
		const reused = await contracts(reuse);
		expect(reused.json).toEqual([{ ...createdRule, created: false }]);
		expect(sent(CREATE)).toEqual([]);

		await archiveRule('create', {
			name: 'CEO',
			conditions: { sender: 'Zhang.Wei@sandbox.example.com', recipient: 'board@example.org' },
			archiveMailbox: locator(email('service'), 'address'),
		});
		const all = await archiveRule('getAll', { returnAll: true });
		expect(all.json.map((json) => [json.name, json.conditions])).toEqual([
			['合同归档', createdRule.conditions],
			[
				'CEO',
				{ sender: email('zhang.wei'), recipient: 'board@example.org', domain: null, keyword: null },
			],
		]);
		expect((await archiveRule('getAll', { returnAll: false, limit: 1 })).json).toHaveLength(1);

		const byName = await archiveRule('delete', { rule: locator('合同归档', 'name') });
		expect(byName.json).toEqual([{ deleted: true, ruleId: '400001', name: '合同归档' }]);
		const byId = await archiveRule('delete', { rule: locator('400002', 'id') });
		expect(byId.json).toEqual([{ deleted: true, ruleId: '400002', name: 'CEO' }]);
		expect(rules()).toEqual([]);

		control().clearRequests();
		const gone = await archiveRule('delete', { rule: locator('400002', 'id') });
		expect(gone.error?.message).toBe('Rule "400002" matches no archive rule ID [item 0]');
		expect(sent(DELETE)).toEqual([]);
	});

	test.each([false, true])(
		'a lost answer on create (Return the Existing Rule: %s) still says created, once',
		async (reuseExisting) => {
			const parameters = reuseExisting ? reuse : {};
			control().injectFault({ path: CREATE, kind: 'lostResponse' });
			const lost = await contracts(parameters);
			expect(control().stats().faultsFired).toBe(1);
			expect(lost.json).toEqual([{ ...createdRule, created: true }]);
			expect(sent(CREATE)).toHaveLength(1);
			expect(rules()).toHaveLength(1);

			control().reset('demo');
			const clean = await contracts(parameters);
			expect(clean.json).toEqual(
				lost.json.map((json) => ({ ...json, createdAt: clean.json[0].createdAt })),
			);
		},
	);

	test('a lost answer on delete still says deleted, once', async () => {
		await contracts();
		control().clearRequests();
		control().injectFault({ path: DELETE, kind: 'lostResponse' });
		const lost = await archiveRule('delete', { rule: locator('合同归档', 'name') });
		expect(control().stats().faultsFired).toBe(1);
		expect(lost.json).toEqual([{ deleted: true, ruleId: '400001', name: '合同归档' }]);
		expect(sent(DELETE)).toHaveLength(1);
		expect(rules()).toEqual([]);
	});

	test.each([
		[{ name: ' ' }, 'Name is empty [item 0]'],
		[{ name: 'x'.repeat(65) }, 'Name is longer than 64 characters [item 0]'],
		[{ conditions: {} }, 'Conditions has none set [item 0]'],
		[{ conditions: { keyword: '  ' } }, 'Keyword is empty [item 0]'],
		[{ conditions: { sender: 'boss' } }, 'Sender "boss" is not a mail address [item 0]'],
		[{ conditions: { domain: 'bad_domain' } }, 'Domain "bad_domain" is not a mail domain [item 0]'],
		[
			{ archiveMailbox: locator('archive@other.example', 'address') },
			'Archive Mailbox "archive@other.example" is not in the domain sandbox.example.com [item 0]',
		],
	])('bad input %j fails before any request', async (parameters, message) => {
		await failsUpFront(
			{
				resource: 'archiveRule',
				operation: 'create',
				name: '合同归档',
				conditions: { keyword: '合同' },
				archiveMailbox: locator('service', 'address'),
				...parameters,
			},
			message,
		);
	});

	test.each([
		['zhao.lei', `Archive Mailbox "${email('zhao.lei')}" is deleted [item 0]`],
		[
			'nobody',
			`Archive Mailbox "${email('nobody')}" is not an account of the organisation [item 0]`,
		],
	])('archive mailbox %s is refused before any write', async (name, message) => {
		const result = await contracts({ archiveMailbox: locator(name, 'address') });
		expect(result.error?.message).toBe(message);
		expect(sent(CREATE)).toEqual([]);
	});

	test('Delete of an empty or unknown rule fails before any write', async () => {
		await failsUpFront(
			{ resource: 'archiveRule', operation: 'delete', rule: locator(' ', 'name') },
			'Rule is empty [item 0]',
		);
		const unknown = await archiveRule('delete', { rule: locator('不存在', 'name') });
		expect(unknown.error?.message).toBe('Rule "不存在" matches no archive rule name [item 0]');
		expect(sent(DELETE)).toEqual([]);
	});
});
