import type { IDataObject } from 'n8n-workflow';

import { usePlatform } from '../support/netease';
import type { SettingCase } from './settingsAccount.support';
import {
	byOutcome,
	CASES,
	DOMAIN,
	listedAccounts,
	settingsHelpers,
	target,
} from './settingsAccount.support';

/** current → wanted for each wanted field that differs. */
function changesFrom(current: IDataObject, wanted: IDataObject): IDataObject {
	const changes: IDataObject = {};
	for (const [field, to] of Object.entries(wanted)) {
		if (JSON.stringify(current[field]) !== JSON.stringify(to))
			changes[field] = { from: current[field], to };
	}
	return changes;
}

const RD = ['li.na', 'liu.yang', 'wang.fang'];

describe.each(CASES)('Settings → $resource', (setting: SettingCase) => {
	const platform = usePlatform();
	const { get, set, writesPerAccount } = settingsHelpers(platform, setting);
	const state = () => platform.sandbox.control.state();
	const stored = (name: string) => setting.stored(state(), name);
	const clear = () => platform.sandbox.control.clearRequests();

	test('Get: an account, a department with or without its sub-departments, the organisation', async () => {
		const one = await get(target.account('wang.fang'));
		expect(one.success).toBe(true);
		expect(one.json).toEqual([
			expect.objectContaining({ email: `wang.fang@${DOMAIN}`, ...setting.defaults }),
		]);

		const rd = await get(target.department('研发中心'));
		expect(byOutcome(rd.json.map((row) => ({ ...row, outcome: 'read' })))).toEqual({ read: RD });
		const top = await get(target.department('研发中心', false));
		expect(top.json.map((row) => row.email)).toEqual([`li.na@${DOMAIN}`]);

		const everyone = await get(target.organisation(false));
		expect(everyone.json.map((row) => String(row.email).split('@')[0]).sort()).toEqual(
			listedAccounts(state()),
		);
		for (const row of everyone.json) expect(row).toMatchObject(setting.defaults);
		expect(writesPerAccount()).toEqual({});
	});

	test('Set of one account: a dry run writes nothing, apply writes once, again changes nothing', async () => {
		const changes = changesFrom(setting.defaults, setting.wanted);
		const dry = await set(target.account('wang.fang'), setting.set, true);
		expect(dry.json).toEqual([{ email: `wang.fang@${DOMAIN}`, outcome: 'wouldChange', changes }]);
		expect(writesPerAccount()).toEqual({});
		expect(stored('wang.fang')).toEqual(setting.defaults);

		const applied = await set(target.account('wang.fang'));
		expect(applied.json).toEqual([{ email: `wang.fang@${DOMAIN}`, outcome: 'changed', changes }]);
		expect(writesPerAccount()).toEqual({ 'wang.fang': setting.writesFor(changes) });
		expect(stored('wang.fang')).toEqual({ ...setting.defaults, ...setting.wanted });
		expect(stored('li.na')).toEqual(setting.defaults);
		expect((await get(target.account('wang.fang'))).json[0]).toMatchObject(setting.wanted);

		clear();
		for (const wanted of [setting.set, setting.sameAgain ?? setting.set]) {
			const again = await set(target.account('wang.fang'), wanted);
			expect(again.json).toEqual([
				{ email: `wang.fang@${DOMAIN}`, outcome: 'unchanged', changes: {} },
			]);
		}
		expect(writesPerAccount()).toEqual({});
	});

	test('Set of a department with sub-departments: only the accounts that differ are written, each once', async () => {
		await set(target.account('wang.fang'));
		await set(target.account('li.na'), setting.partly);
		const before = Object.fromEntries(RD.map((name) => [name, stored(name)]));
		const expected = Object.fromEntries(
			RD.map((name) => [name, changesFrom(before[name], setting.wanted)]),
		);
		clear();

		const dry = await set(target.department('研发中心'), setting.set, true);
		expect(byOutcome(dry.json)).toEqual({
			unchanged: ['wang.fang'],
			wouldChange: ['li.na', 'liu.yang'],
		});
		for (const row of dry.json)
			expect(row.changes).toEqual(expected[String(row.email).split('@')[0]]);
		expect(writesPerAccount()).toEqual({});

		const applied = await set(target.department('研发中心'));
		expect(byOutcome(applied.json)).toEqual({
			unchanged: ['wang.fang'],
			changed: ['li.na', 'liu.yang'],
		});
		expect(writesPerAccount()).toEqual({
			'li.na': setting.writesFor(expected['li.na']),
			'liu.yang': setting.writesFor(expected['liu.yang']),
		});
		for (const name of RD) expect(stored(name)).toEqual({ ...setting.defaults, ...setting.wanted });
		expect(stored('zhang.wei')).toEqual(setting.defaults);

		clear();
		const again = await set(target.department('研发中心'), setting.sameAgain ?? setting.set);
		expect(byOutcome(again.json)).toEqual({ unchanged: RD });
		expect(writesPerAccount()).toEqual({});
	});

	test('Set of the whole organisation: needs its switch to write, not to preview', async () => {
		const everyone = listedAccounts(state());
		const changes = changesFrom(setting.defaults, setting.wanted);

		const dry = await set(target.organisation(false), setting.set, true);
		expect(byOutcome(dry.json)).toEqual({ wouldChange: everyone });
		expect(writesPerAccount()).toEqual({});

		clear();
		const refused = await set(target.organisation(false));
		expect(refused.success).toBe(false);
		expect(refused.error?.message).toBe('I Mean the Whole Organisation is off [item 0]');
		const business = platform.sandbox.control
			.requests()
			.filter((r) => r.path.startsWith('/api/open/'));
		expect(business).toEqual([]);

		const applied = await set(target.organisation());
		expect(byOutcome(applied.json)).toEqual({ changed: everyone });
		for (const row of applied.json) expect(row.changes).toEqual(changes);
		expect(writesPerAccount()).toEqual(
			Object.fromEntries(everyone.map((name) => [name, setting.writesFor(changes)])),
		);
		for (const name of everyone)
			expect(stored(name)).toEqual({ ...setting.defaults, ...setting.wanted });

		clear();
		const again = await set(target.organisation());
		expect(byOutcome(again.json)).toEqual({ unchanged: everyone });
		expect(writesPerAccount()).toEqual({});
	});
});
