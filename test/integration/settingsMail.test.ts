import type { IDataObject } from 'n8n-workflow';

import { callsTo, usePlatform } from '../support/netease';
import { email, ORGANISATION, RD_TREE, settingsNode, target } from './settingsMail.support';

const AUTO_REPLY_UPDATE = '/api/open/mailaccount/updateAutoReply';
const FORWARD_UPDATE = '/api/open/mailaccount/updateForward';

describe('Settings: auto-reply and forwarding', () => {
	const platform = usePlatform();
	const { control, run, dryApplyAgain, failsUpFront } = settingsNode(platform);
	const sent = (path: string) => callsTo(platform.sandbox, path).map((call) => call.body);

	describe('Auto-Reply', () => {
		const autoReply = (operation: string, parameters: IDataObject) =>
			run({ resource: 'autoReply', operation, ...parameters });
		const set = (settingsToChange: IDataObject, on: IDataObject): IDataObject => ({
			resource: 'autoReply',
			operation: 'set',
			...on,
			settingsToChange,
		});
		const holiday = {
			enabled: true,
			content: '我正在休假，3 月 8 日回来。',
			periodStart: '2026-03-01T09:00:00+01:00',
			periodEnd: '2026-03-08T00:00:00Z',
			replyTo: 'outsideDomain',
		};

		test('an account: Get, then Set with a dry run, for real, and again; times go in China time', async () => {
			const before = await autoReply('get', target.account('zhang.wei'));
			expect(before.json).toEqual([
				{
					email: email('zhang.wei'),
					enabled: false,
					content: '',
					periodStart: null,
					periodEnd: null,
					replyTo: 'everyone',
				},
			]);

			const { dry, applied } = await dryApplyAgain(
				set(holiday, target.account('zhang.wei')),
				AUTO_REPLY_UPDATE,
				['zhang.wei'],
			);
			expect(dry.json[0].changes).toEqual({
				enabled: { from: false, to: true },
				content: { from: '', to: holiday.content },
				periodStart: { from: null, to: '2026-03-01T08:00:00.000Z' },
				periodEnd: { from: null, to: '2026-03-08T00:00:00.000Z' },
				replyTo: { from: 'everyone', to: 'outsideDomain' },
			});
			expect(applied.json[0].changes).toEqual(dry.json[0].changes);

			const after = await autoReply('get', target.account('zhang.wei'));
			expect(after.json[0]).toMatchObject({
				enabled: true,
				periodStart: '2026-03-01T08:00:00.000Z',
				periodEnd: '2026-03-08T00:00:00.000Z',
				replyTo: 'outsideDomain',
			});
			expect(control().state().accountSettings['zhang.wei'].autoReply).toEqual({
				enabled: 1,
				content: holiday.content,
				startTime: '2026-03-01 16:00:00',
				endTime: '2026-03-08 08:00:00',
				scope: 'external',
			});
		});

		test("a time without a zone is the workflow's; an expression may give a Luxon DateTime", async () => {
			const wallClock = await autoReply('set', {
				...target.account('zhang.wei'),
				settingsToChange: {
					periodStart: '2026-03-01T09:00:00',
					periodEnd: "={{ DateTime.fromISO('2026-03-01T09:00:00', { zone: $now.zoneName }) }}",
				},
			});
			const { periodStart, periodEnd } = wallClock.json[0].changes as IDataObject;
			expect(periodStart).toEqual(periodEnd);
			const tokyo = await autoReply('set', {
				...target.account('li.na'),
				settingsToChange: {
					periodStart: "={{ DateTime.fromISO('2026-03-01T09:00:00', { zone: 'Asia/Tokyo' }) }}",
				},
			});
			expect(tokyo.json[0].changes).toEqual({
				periodStart: { from: null, to: '2026-03-01T00:00:00.000Z' },
			});
			expect(control().state().accountSettings['li.na'].autoReply.startTime).toBe(
				'2026-03-01 08:00:00',
			);
		});

		test('an empty Period End makes the period open-ended; fields left out stay', async () => {
			await autoReply('set', { ...target.account('li.na'), settingsToChange: holiday });
			control().clearRequests();
			const open = await autoReply('set', {
				...target.account('li.na'),
				settingsToChange: { periodEnd: '' },
			});
			expect(open.json[0]).toMatchObject({
				outcome: 'changed',
				changes: { periodEnd: { from: '2026-03-08T00:00:00.000Z', to: null } },
			});
			expect(sent(AUTO_REPLY_UPDATE)).toEqual([
				{ domain: 'sandbox.example.com', accountName: 'li.na', endTime: '' },
			]);
			const now = await autoReply('get', target.account('li.na'));
			expect(now.json[0]).toMatchObject({
				enabled: true,
				periodEnd: null,
				replyTo: 'outsideDomain',
			});
		});

		test('a department with its sub-departments: only the accounts that differ are written', async () => {
			await autoReply('set', { ...target.account('li.na'), settingsToChange: holiday });
			const { applied } = await dryApplyAgain(
				set(holiday, target.department('研发中心')),
				AUTO_REPLY_UPDATE,
				['wang.fang', 'liu.yang'],
			);
			expect(applied.json.map((json) => json.email)).toEqual(RD_TREE.map(email));
		});

		test('the whole organisation needs its switch to write, not to dry-run', async () => {
			await failsUpFront(
				{ ...set({ replyTo: 'insideDomain' }, target.organisation()), confirmOrganisation: false },
				'I Mean the Whole Organisation is off [item 0]',
			);
			await dryApplyAgain(
				set({ replyTo: 'insideDomain' }, target.organisation()),
				AUTO_REPLY_UPDATE,
				ORGANISATION,
			);
		});

		test.each([
			[
				{ periodStart: '2026-03-02T00:00:00Z', periodEnd: '2026-03-01T00:00:00Z' },
				'Period End (2026-03-01T00:00:00.000Z) is before Period Start (2026-03-02T00:00:00.000Z) [item 0]',
			],
			[
				{ periodStart: 'next monday' },
				'Period Start "next monday" is not a date and time [item 0]',
			],
			[{ replyTo: 'friends' }, 'Reply To "friends" is not a choice [item 0]'],
			[{}, 'Apply To has nothing to set [item 0]'],
		])('bad input %j fails before any request', async (settingsToChange, message) => {
			await failsUpFront(set(settingsToChange, target.account('zhang.wei')), message);
		});

		test('an end before the start the account already has fails for that account, unwritten', async () => {
			await autoReply('set', { ...target.account('zhang.wei'), settingsToChange: holiday });
			control().clearRequests();
			const early = await autoReply('set', {
				...target.account('zhang.wei'),
				settingsToChange: { periodEnd: '2026-02-01T00:00:00Z' },
			});
			expect(early.error?.message).toBe(
				`Period End would leave ${email('zhang.wei')} with a period ending (2026-02-01T00:00:00.000Z) before it starts (2026-03-01T08:00:00.000Z) [item 0]`,
			);
			expect(sent(AUTO_REPLY_UPDATE)).toEqual([]);
		});
	});

	describe('Forwarding', () => {
		const forwarding = (operation: string, parameters: IDataObject) =>
			run({ resource: 'forwarding', operation, ...parameters });
		const set = (settingsToChange: IDataObject, on: IDataObject): IDataObject => ({
			resource: 'forwarding',
			operation: 'set',
			...on,
			settingsToChange,
		});
		const toAssistants = {
			enabled: true,
			forwardTo: 'Boss@Example.org; assistant@example.com, boss@example.org',
			keepCopy: false,
		};

		test('an account: Get, then Set with a dry run, for real, and again', async () => {
			const before = await forwarding('get', target.account('zhang.wei'));
			expect(before.json).toEqual([
				{ email: email('zhang.wei'), enabled: false, forwardTo: [], keepCopy: true },
			]);
			const { dry, written } = await dryApplyAgain(
				set(toAssistants, target.account('zhang.wei')),
				FORWARD_UPDATE,
				['zhang.wei'],
			);
			expect(dry.json[0].changes).toEqual({
				enabled: { from: false, to: true },
				forwardTo: { from: [], to: ['assistant@example.com', 'boss@example.org'] },
				keepCopy: { from: true, to: false },
			});
			expect(written).toEqual([
				{
					domain: 'sandbox.example.com',
					accountName: 'zhang.wei',
					enabled: 1,
					addresses: 'assistant@example.com,boss@example.org',
					keepCopy: 0,
				},
			]);
			const after = await forwarding('get', target.account('zhang.wei'));
			expect(after.json[0]).toEqual({
				email: email('zhang.wei'),
				enabled: true,
				forwardTo: ['assistant@example.com', 'boss@example.org'],
				keepCopy: false,
			});
		});

		test('a department with its sub-departments, then the whole organisation', async () => {
			await forwarding('set', { ...target.account('wang.fang'), settingsToChange: toAssistants });
			await dryApplyAgain(set(toAssistants, target.department('研发中心')), FORWARD_UPDATE, [
				'li.na',
				'liu.yang',
			]);
			const { applied, written } = await dryApplyAgain(
				set({ keepCopy: false }, target.organisation()),
				FORWARD_UPDATE,
				['zhang.wei', 'chen.jing', 'service'],
			);
			expect(applied.json.map((json) => json.email)).toEqual(ORGANISATION.map(email));
			// Only the field asked for travels: the addresses set before stay.
			expect(written.map((body) => Object.keys(body))).toEqual(
				written.map(() => ['domain', 'accountName', 'keepCopy']),
			);
			const rd = await forwarding('get', target.department('研发中心'));
			expect(rd.json.map((json) => json.forwardTo)).toEqual(
				RD_TREE.map(() => ['assistant@example.com', 'boss@example.org']),
			);
		});

		test.each([
			[
				{ forwardTo: 'a@x.com, b@x.com, c@x.com, d@x.com, e@x.com, f@x.com' },
				'Forward To has 6 addresses [item 0]',
			],
			[
				{ forwardTo: 'a@x.com, not-an-address' },
				'Forward To "not-an-address" is not a mail address [item 0]',
			],
			[
				{ enabled: true, forwardTo: '' },
				'Forward To is empty while forwarding is switched on [item 0]',
			],
		])('bad input %j fails before any request', async (settingsToChange, message) => {
			await failsUpFront(set(settingsToChange, target.account('zhang.wei')), message);
		});

		test('an unknown department fails before any write', async () => {
			const unknown = await forwarding('set', {
				...target.department('不存在'),
				settingsToChange: { keepCopy: false },
			});
			expect(unknown.error?.message).toBe('Department "不存在" does not exist [item 0]');
			expect(sent(FORWARD_UPDATE)).toEqual([]);
		});
	});
});
