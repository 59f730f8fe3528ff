import type { IDataObject } from 'n8n-workflow';

import { usePlatform } from '../support/netease';
import type { SettingCase } from './settingsAccount.support';
import {
	byOutcome,
	CASES,
	importAccounts,
	listedAccounts,
	settingsHelpers,
	target,
} from './settingsAccount.support';

const SALES_TREE = ['销售部', '销售部/华北组', '销售部/华南组', '销售部/华南组/深圳'];
const name = (email: unknown) => String(email).split('@')[0];

describe.each(CASES)('Settings → $resource at scale', (setting: SettingCase) => {
	const platform = usePlatform();
	const { set, writesPerAccount } = settingsHelpers(platform, setting);
	const state = () => platform.sandbox.control.state();
	const clear = () => platform.sandbox.control.clearRequests();
	const full = { ...setting.defaults, ...setting.wanted };

	test('a department of 50 accounts in 4 levels: dry run, apply (each differing account once), again', async () => {
		await importAccounts(
			platform,
			Array.from({ length: 50 }, (_, n) => ({
				accountName: `sales${n}`,
				department: SALES_TREE[Math.min(3, Math.floor(n / 10))],
			})),
		);
		const sales = listedAccounts(state(), '销售部');
		const shenzhen = listedAccounts(state(), '销售部/华南组/深圳');
		expect([sales.length, shenzhen.length]).toEqual([50, 20]);
		await set(target.department('销售部/华南组/深圳'));
		const others = listedAccounts(state()).filter((account) => !sales.includes(account));
		clear();

		const dry = await set(target.department('销售部'), setting.set, true);
		const toChange = sales.filter((account) => !shenzhen.includes(account));
		expect(byOutcome(dry.json)).toEqual({ wouldChange: toChange, unchanged: shenzhen });
		expect(writesPerAccount()).toEqual({});

		const applied = await set(target.department('销售部'));
		expect(byOutcome(applied.json)).toEqual({ changed: toChange, unchanged: shenzhen });
		const writes = writesPerAccount();
		expect(Object.keys(writes).sort()).toEqual(toChange);
		for (const row of applied.json.filter((r) => r.outcome === 'changed'))
			expect(writes[name(row.email)]).toBe(setting.writesFor(row.changes as IDataObject));
		for (const account of sales) expect(setting.stored(state(), account)).toEqual(full);
		for (const account of others)
			expect(setting.stored(state(), account)).toEqual(setting.defaults);

		clear();
		const again = await set(target.department('销售部'), setting.sameAgain ?? setting.set);
		expect(byOutcome(again.json)).toEqual({ unchanged: sales });
		expect(writesPerAccount()).toEqual({});
	});

	test('an organisation of 300 accounts, some partly set already: dry run, apply, again', async () => {
		await importAccounts(
			platform,
			Array.from({ length: 294 }, (_, n) => ({
				accountName: `staff${n}`,
				department: `事业部${n % 3}/组${Math.floor(n / 3) % 2}`,
			})),
		);
		const everyone = listedAccounts(state());
		expect(everyone).toHaveLength(300);
		await set(target.department('事业部0'), setting.partly);
		const partlySet = listedAccounts(state(), '事业部0');
		clear();

		const dry = await set(target.organisation(false), setting.set, true);
		expect(byOutcome(dry.json)).toEqual({ wouldChange: everyone });
		expect(writesPerAccount()).toEqual({});
		const changesOf = Object.fromEntries(dry.json.map((row) => [name(row.email), row.changes]));
		const fewer = (account: string) =>
			Object.keys(changesOf[account] as IDataObject).length <
			Object.keys(changesOf['li.na'] as IDataObject).length;
		// ipLoginRestriction has a single field: a partial value still changes that field.
		if (setting.resource !== 'ipLoginRestriction') expect(partlySet.every(fewer)).toBe(true);

		const applied = await set(target.organisation());
		expect(byOutcome(applied.json)).toEqual({ changed: everyone });
		const writes = writesPerAccount();
		expect(Object.keys(writes).sort()).toEqual(everyone);
		for (const account of everyone) {
			expect(writes[account]).toBe(setting.writesFor(changesOf[account] as IDataObject));
			expect(setting.stored(state(), account)).toEqual(full);
		}

		clear();
		const again = await set(target.organisation());
		expect(byOutcome(again.json)).toEqual({ unchanged: everyone });
		expect(writesPerAccount()).toEqual({});
	}, 60_000);
});
