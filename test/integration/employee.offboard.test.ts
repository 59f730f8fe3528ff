import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { isWrite } from '../../scripts/e2e/platform-calls';
import { callsTo, locator, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';
const PATH = {
	autoReply: '/api/open/mailaccount/updateAutoReply',
	forward: '/api/open/mailaccount/updateForward',
	handOver: '/api/open/account/handOverMail',
	removeMembers: '/api/open/maillist/deleteMaillistForwardList',
	loginPerm: '/api/open/account/updateAccountLoginPerm',
	suspend: '/api/open/account/suspendAccount',
	delete: '/api/open/account/deleteAccountSim',
};

const offboardOf = (address: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'employee',
	operation: 'offboard',
	findBy: 'account',
	account: locator(address, 'address'),
	...parameters,
});

const WITH_SUCCESSOR: INodeParameters = {
	successor: locator('li.na', 'address'),
	autoReply: '王芳已离职，请联系李娜 li.na@sandbox.example.com',
};

type Step = { step: string; result: string } & IDataObject;
const stepsOf = (json: IDataObject) => json.steps as Step[];
const results = (json: IDataObject) => stepsOf(json).map(({ step, result }) => [step, result]);

describe('Employee → Offboard', () => {
	const platform = usePlatform();
	const control = () => platform.sandbox.control;
	const writes = () => control().requests().filter(isWrite);
	const account = (name: string) =>
		control()
			.state()
			.accounts.find((each) => each.accountName === name);

	test('every step in order, the mail handed over before the delete; a second run changes nothing', async () => {
		const first = await platform.run(
			offboardOf('wang.fang', { ...WITH_SUCCESSOR, afterSuspending: 'delete' }),
		);
		expect(first.success).toBe(true);
		expect(first.json[0]).toMatchObject({
			email: `wang.fang@${DOMAIN}`,
			name: '王芳',
			successor: `li.na@${DOMAIN}`,
			changed: true,
			complete: true,
		});
		expect(results(first.json[0])).toEqual([
			['autoReply', 'set'],
			['forwarding', 'set'],
			['handOver', 'handedOver'],
			['mailLists', 'removed'],
			['loginPermissions', 'revoked'],
			['suspend', 'suspended'],
			['delete', 'deleted'],
		]);
		expect(stepsOf(first.json[0])[2]).toMatchObject({
			state: 'handedOver',
			successor: `li.na@${DOMAIN}`,
			copied: 1,
			total: 1,
		});
		expect(stepsOf(first.json[0])[3]).toMatchObject({ removedFrom: [`all-staff@${DOMAIN}`] });

		// The platform's request log: each write once, in this order.
		const order = writes().map((request) => request.path);
		expect(order).toEqual([
			PATH.autoReply,
			PATH.forward,
			PATH.handOver,
			PATH.removeMembers,
			...Array(6).fill(PATH.loginPerm),
			PATH.suspend,
			PATH.delete,
		]);
		expect(callsTo(platform.sandbox, PATH.handOver)[0].body).toMatchObject({
			accountName: 'wang.fang',
			targetAccountName: 'li.na',
		});
		expect(account('wang.fang')).toMatchObject({
			status: 2,
			loginPerms: { web: 0, flashmail: 0, yixin: 0, imap: 0, pop: 0, smtp: 0 },
		});
		const state = control().state();
		const allStaff = state.mailLists.find((list) => list.accountName === 'all-staff')!;
		expect(allStaff.members).not.toContain(`wang.fang@${DOMAIN}`);

		control().clearRequests();
		const second = await platform.run(
			offboardOf('wang.fang', { ...WITH_SUCCESSOR, afterSuspending: 'delete' }),
		);
		expect(second.success).toBe(true);
		expect(writes()).toEqual([]);
		expect(second.json[0]).toMatchObject({ changed: false, complete: true });
		expect(results(second.json[0])).toEqual([
			['autoReply', 'unchanged'],
			['forwarding', 'unchanged'],
			['handOver', 'alreadyDone'],
			['mailLists', 'unchanged'],
			['loginPermissions', 'unchanged'],
			['suspend', 'alreadyDone'],
			['delete', 'alreadyDone'],
		]);
	});

	test('by job number, left suspended; a later run with Delete Now deletes and repeats nothing else', async () => {
		const byJob = {
			findBy: 'jobNumber',
			jobNumber: 'E1004',
			successor: locator('wang.fang', 'address'),
		};
		const first = await platform.run(offboardOf('', byJob));
		expect(first.success).toBe(true);
		expect(first.json[0]).toMatchObject({ email: `liu.yang@${DOMAIN}`, changed: true });
		expect(results(first.json[0])).toEqual([
			['autoReply', 'skipped'],
			['forwarding', 'set'],
			['handOver', 'handedOver'],
			['mailLists', 'removed'],
			['loginPermissions', 'revoked'],
			['suspend', 'suspended'],
			['delete', 'skipped'],
		]);
		expect(account('liu.yang')).toMatchObject({ status: 1 });
		expect(callsTo(platform.sandbox, PATH.delete)).toEqual([]);

		control().clearRequests();
		const later = await platform.run(offboardOf('', { ...byJob, afterSuspending: 'delete' }));
		expect(later.success).toBe(true);
		expect(results(later.json[0])).toEqual([
			['autoReply', 'skipped'],
			['forwarding', 'unchanged'],
			['handOver', 'alreadyDone'],
			['mailLists', 'unchanged'],
			['loginPermissions', 'unchanged'],
			['suspend', 'alreadyDone'],
			['delete', 'deleted'],
		]);
		expect(writes().map((request) => request.path)).toEqual([PATH.delete]);
		expect(account('liu.yang')).toMatchObject({ status: 2 });
	});

	test('an account outside the Allowed Department Root is refused before anything is written', async () => {
		const root = { allowedDepartmentRoot: locator('研发中心', 'path') };
		const run = await platform.run(
			offboardOf('={{ $json.account }}', { ...WITH_SUCCESSOR, ...root }),
			{
				items: [{ account: 'wang.fang' }, { account: 'chen.jing' }],
			},
		);
		expect(run.success).toBe(false);
		expect(run.error?.message).toBe(
			`Account leads to chen.jing@${DOMAIN} in 市场部, outside the Allowed Department Root "研发中心" [item 1]`,
		);
		expect(writes()).toEqual([]);
		expect(account('wang.fang')).toMatchObject({ status: 0 });

		// Inside the root (研发中心/后端组 is below 研发中心) it goes ahead.
		const inside = await platform.run(offboardOf('wang.fang', { ...WITH_SUCCESSOR, ...root }));
		expect(inside.success).toBe(true);
		expect(account('wang.fang')).toMatchObject({ status: 1 });
	});

	test('while the hand-over runs, suspension and deletion wait for a re-run', async () => {
		control().configure({ handOverMs: 60000 });
		const run = await platform.run(
			offboardOf('wang.fang', { ...WITH_SUCCESSOR, maxWait: 0, afterSuspending: 'delete' }),
		);
		expect(run.success).toBe(true);
		expect(run.json[0]).toMatchObject({ changed: true, complete: false });
		expect(results(run.json[0])).toEqual([
			['autoReply', 'set'],
			['forwarding', 'set'],
			['handOver', 'started'],
			['mailLists', 'removed'],
			['loginPermissions', 'revoked'],
			['suspend', 'waiting'],
			['delete', 'waiting'],
		]);
		expect(callsTo(platform.sandbox, PATH.suspend)).toEqual([]);
		expect(callsTo(platform.sandbox, PATH.delete)).toEqual([]);
		expect(account('wang.fang')).toMatchObject({ status: 5 });

		control().clearRequests();
		const again = await platform.run(
			offboardOf('wang.fang', { ...WITH_SUCCESSOR, maxWait: 0, afterSuspending: 'delete' }),
		);
		expect(stepsOf(again.json[0])[2]).toMatchObject({ result: 'inProgress', state: 'handingOver' });
		expect(writes()).toEqual([]);
	});

	test('lost answers on the hand-over, the suspension and the delete still give the same report', async () => {
		const parameters = offboardOf('wang.fang', { ...WITH_SUCCESSOR, afterSuspending: 'delete' });
		const clean = await platform.run(parameters);
		control().reset('demo');
		control().injectFault(
			[PATH.handOver, PATH.suspend, PATH.delete].map((path) => ({
				path,
				kind: 'lostResponse' as const,
			})),
		);
		const lost = await platform.run(parameters);
		expect(lost.success).toBe(true);
		expect(
			control()
				.requests()
				.filter((request) => request.fault === 'lostResponse'),
		).toHaveLength(3);
		expect(lost.json).toEqual(clean.json);
		for (const path of [PATH.handOver, PATH.suspend, PATH.delete])
			expect(callsTo(platform.sandbox, path)).toHaveLength(1);
	});

	test('a successor that cannot take over, or no account to offboard, fails before any write', async () => {
		const cases: Array<[INodeParameters, string]> = [
			[
				offboardOf('wang.fang', { successor: locator('chen.jing', 'address') }),
				'Successor "chen.jing@sandbox.example.com" is not active (suspended) [item 0]',
			],
			[
				offboardOf('wang.fang', { successor: locator('wang.fang', 'address') }),
				'Successor "wang.fang@sandbox.example.com" is the mailbox being handed over [item 0]',
			],
			[offboardOf('nobody'), `Account "nobody@${DOMAIN}" does not exist [item 0]`],
			[
				offboardOf('', { findBy: 'jobNumber', jobNumber: 'E9999' }),
				'Job Number "E9999" matches no account [item 0]',
			],
		];
		for (const [parameters, message] of cases) {
			control().clearRequests();
			const run = await platform.run(parameters);
			expect(run.error?.message).toBe(message);
			expect(writes()).toEqual([]);
		}
	});
});
