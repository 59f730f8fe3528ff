import type { IDataObject } from 'n8n-workflow';

import { usePlatform } from '../support/netease';
import {
	DOMAIN,
	FEBRUARY,
	fromChina,
	HOUR,
	logCalls,
	logsRun,
	QUERIES,
	seed,
} from './logs.support';

describe('NetEase Email Logs: channels and filters against the sandbox', () => {
	const platform = usePlatform();

	test('Channel Both merges web and client logins newest first', async () => {
		const base = fromChina('2026-02-10 12:00:00');
		seed(platform, 'webLogin', [base, base + 2 * HOUR, base + 4 * HOUR]);
		seed(platform, 'clientLogin', [base + HOUR, base + 3 * HOUR, base + 5 * HOUR]);
		const result = await logsRun(platform, {
			...QUERIES.webLogin,
			channel: 'both',
			...FEBRUARY,
			returnAll: true,
		});
		expect(result.json.map((entry) => [entry.timestamp, entry.channel])).toEqual([
			[base + 5 * HOUR, 'smtp'],
			[base + 4 * HOUR, 'web'],
			[base + 3 * HOUR, 'pop'],
			[base + 2 * HOUR, 'web'],
			[base + HOUR, 'imap'],
			[base, 'web'],
		]);

		const limited = await logsRun(platform, {
			...QUERIES.webLogin,
			channel: 'both',
			...FEBRUARY,
			limit: 3,
		});
		expect(limited.json.map((entry) => entry.timestamp)).toEqual(
			[5, 4, 3].map((n) => base + n * HOUR),
		);
	});

	describe('filters', () => {
		const base = fromChina('2026-02-01 08:00:00');
		const hours = (count: number) => Array.from({ length: count }, (_, n) => base + n * HOUR);

		test('login accounts go to the platform; IP and result are filtered by the node, page by page up to the limit', async () => {
			seed(platform, 'webLogin', hours(300));
			const result = await logsRun(platform, {
				...QUERIES.webLogin,
				...FEBRUARY,
				limit: 10,
				filters: {
					accounts: `user1, user2@${DOMAIN.toUpperCase()}, user1`,
					ipContains: '192.0.2.1',
					result: 'failure',
				},
			});
			expect(result.success).toBe(true);
			expect(result.json).toHaveLength(10);
			for (const entry of result.json) {
				expect(entry).toMatchObject({
					result: 'failure',
					ip: expect.stringContaining('192.0.2.1'),
				});
				expect(['user1', 'user2']).toContain(entry.account);
			}
			const timestamps = result.json.map((entry) => entry.timestamp as number);
			expect(timestamps).toEqual([...timestamps].sort((a, b) => b - a));
			const calls = logCalls(platform);
			expect(calls[0].body).toMatchObject({
				domain: DOMAIN,
				accountNames: ['user1', 'user2'],
				pageSize: 100,
			});

			await logsRun(platform, { ...QUERIES.clientLogin, ...FEBRUARY, returnAll: true });
			expect(logCalls(platform).at(-1)!.body).toMatchObject({ accountNames: [''] });
		});

		test('mail logs query each account in turn and merge them; status is filtered by the node', async () => {
			seed(platform, 'sentMail', hours(30));
			const result = await logsRun(platform, {
				...QUERIES.sentMail,
				...FEBRUARY,
				returnAll: true,
				filters: { accounts: `user1@${DOMAIN}, user2`, status: 'rejected' },
			});
			expect(logCalls(platform).map(({ body }) => (body as IDataObject).account)).toEqual([
				'user1',
				'user2',
			]);
			// Entry n: account user(n % 5), status rejected when n % 3 === 1.
			const expected = hours(30)
				.map((time, n) => ({ time, n }))
				.filter(({ n }) => [1, 2].includes(n % 5) && n % 3 === 1)
				.map(({ time }) => time)
				.reverse();
			expect(result.json.map((entry) => entry.timestamp)).toEqual(expected);

			await logsRun(platform, { ...QUERIES.receivedMail, ...FEBRUARY, returnAll: true });
			expect(logCalls(platform).at(-1)!.body).not.toHaveProperty('account');
		});

		test('admin operations: the operator goes to the platform, module and IP are filtered by the node', async () => {
			seed(platform, 'adminOperation', hours(20));
			const result = await logsRun(platform, {
				...QUERIES.adminOperation,
				...FEBRUARY,
				returnAll: true,
				filters: { operator: 'admin', module: 'ACCOUNT', ipContains: '192.0.2.1' },
			});
			expect(logCalls(platform)[0].body).toMatchObject({ operator: 'admin' });
			// Entry n: operator admin and module account when n is odd; IP 192.0.2.<n>.
			expect(result.json.map((entry) => entry.timestamp)).toEqual(
				[19, 17, 15, 13, 11, 1].map((n) => base + n * HOUR),
			);
		});
	});

	test('writes through the open API show in the admin operation log, without passwords', async () => {
		const created = await platform.run({
			resource: 'account',
			operation: 'create',
			accountName: 'new.hire',
			name: '新同事',
			password: 'Welcome#2026',
		});
		expect(created.success).toBe(true);
		const result = await logsRun(platform, {
			...QUERIES.adminOperation,
			startTime: '={{ $now.minus({ hours: 1 }) }}',
			endTime: '={{ $now.plus({ minutes: 1 }) }}',
			limit: 1,
		});
		expect(result.json[0]).toMatchObject({
			operator: platform.sandbox.credential.appId,
			module: 'account',
			action: 'createAccount',
			target: 'new.hire',
			detail: expect.objectContaining({ accountName: 'new.hire', name: '新同事' }),
		});
		expect(JSON.stringify(result.json[0])).not.toContain('Welcome#2026');
	});
});
