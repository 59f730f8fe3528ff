import type { IDataObject } from 'n8n-workflow';

import { CREATE_ACCOUNT_FROM_ITEM, callsTo, newHires, usePlatform } from '../support/netease';

describe('A 500-account run', () => {
	const platform = usePlatform({ seed: 'empty', expireAccessTokenAfterCalls: 100 });

	test('with tokens expiring every 100 calls ends with 500 accounts and no failed item', async () => {
		const items = newHires(500, 'staff');
		const run = await platform.run(CREATE_ACCOUNT_FROM_ITEM, { items, continueOnFail: true });
		expect(run.success).toBe(true);
		expect(run.json.filter((item) => item.error)).toEqual([]);
		expect(run.json.map((item) => item.accountName)).toEqual(items.map((item) => item.accountName));

		const accounts = platform.sandbox.control
			.state()
			.accounts.filter((a) => a.accountName.startsWith('staff'));
		expect(accounts).toHaveLength(500);
		const accepted = callsTo(platform.sandbox, '/api/open/account/createAccount').filter(
			(c) => c.code === 0,
		);
		expect(new Set(accepted.map((c) => (c.body as IDataObject).accountName)).size).toBe(500);
		expect(accepted).toHaveLength(500);
		const { tokensRefreshed, tokensAcquired } = platform.sandbox.control.stats();
		expect(tokensRefreshed + tokensAcquired).toBeGreaterThanOrEqual(5);
	});
});
