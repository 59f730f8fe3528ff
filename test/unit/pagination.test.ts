import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiRequestAllItems } from '../../nodes/NeteaseEmail/shared/transport';
import type { SentRequest } from './fake-context';
import { fail, fakeContext, ok, rejection, storedCredential } from './fake-context';

const items = (from: number, n: number) =>
	Array.from({ length: n }, (_, i) => ({ id: from + i }) as IDataObject);

/** A list endpoint over `total` items that honours pageNum/pageSize (optionally capped per page). */
function listOf(total: number, { withCount = true, maxPerPage = Infinity } = {}) {
	return (request: SentRequest) => {
		const pageNum = Number(request.body.pageNum);
		const pageSize = Math.min(Number(request.body.pageSize), maxPerPage);
		const from = (pageNum - 1) * pageSize;
		const list = items(from + 1, Math.max(0, Math.min(pageSize, total - from)));
		return ok(withCount ? { list, count: total } : { list });
	};
}

const pages = (fake: { requests: SentRequest[] }) =>
	fake.requests.map((r) => [r.body.pageNum, r.body.pageSize]);

describe('apiRequestAllItems', () => {
	test('walks pageNum 1.. with a constant pageSize until count items were collected', async () => {
		const fake = fakeContext({ respond: listOf(5) });
		const result = await apiRequestAllItems.call(
			fake.context,
			'unit.accounts',
			{ domain: 'example.com', unitId: 'u1' },
			{ pageSize: 2 },
		);
		expect(result).toEqual(items(1, 5));
		expect(pages(fake)).toEqual([
			[1, 2],
			[2, 2],
			[3, 2],
		]);
		expect(fake.requests[0].body).toEqual({
			domain: 'example.com',
			unitId: 'u1',
			pageNum: 1,
			pageSize: 2,
		});
		expect(fake.requests.every((r) => r.url === '/api/open/unit/getAccountList')).toBe(true);
	});

	test('uses pageSize 100 by default', async () => {
		const fake = fakeContext({ respond: listOf(3) });
		await apiRequestAllItems.call(fake.context, 'unit.accounts', {});
		expect(pages(fake)).toEqual([[1, 100]]);
	});

	test('stops when count is reached exactly on a full page (no extra request)', async () => {
		const fake = fakeContext({ respond: listOf(4) });
		const result = await apiRequestAllItems.call(
			fake.context,
			'unit.accounts',
			{},
			{ pageSize: 2 },
		);
		expect(result).toHaveLength(4);
		expect(fake.requests).toHaveLength(2);
	});

	test('trusts count when the platform serves fewer items per page than asked', async () => {
		const fake = fakeContext({ respond: listOf(5, { maxPerPage: 2 }) });
		const result = await apiRequestAllItems.call(
			fake.context,
			'unit.accounts',
			{},
			{ pageSize: 10 },
		);
		expect(result).toEqual(items(1, 5));
		expect(pages(fake)).toEqual([
			[1, 10],
			[2, 10],
			[3, 10],
		]);
	});

	test('an empty page ends the walk even if count promises more: nothing after it is taken', async () => {
		const fake = fakeContext({
			respond: (r) =>
				r.body.pageNum === 1 ? ok({ list: items(1, 2), count: 10 }) : ok({ list: [], count: 10 }),
		});
		const result = await apiRequestAllItems.call(
			fake.context,
			'unit.accounts',
			{},
			{ pageSize: 2 },
		);
		expect(result).toEqual(items(1, 2));
		// Pages 2 to 5 were read at once.
		expect(fake.requests).toHaveLength(5);
	});

	test('without count, a short page is the last one', async () => {
		const fake = fakeContext({ respond: listOf(5, { withCount: false }) });
		const result = await apiRequestAllItems.call(
			fake.context,
			'unit.accounts',
			{},
			{ pageSize: 2 },
		);
		expect(result).toEqual(items(1, 5));
		expect(fake.requests).toHaveLength(3);
	});

	test('without count, full pages continue until an empty page', async () => {
		const fake = fakeContext({ respond: listOf(4, { withCount: false }) });
		const result = await apiRequestAllItems.call(
			fake.context,
			'unit.accounts',
			{},
			{ pageSize: 2 },
		);
		expect(result).toEqual(items(1, 4));
		expect(pages(fake)).toEqual([
			[1, 2],
			[2, 2],
			[3, 2],
		]);
	});

	test('a page without a list ends the walk', async () => {
		const fake = fakeContext({ respond: () => ok({ count: 7 }) });
		await expect(apiRequestAllItems.call(fake.context, 'unit.accounts', {})).resolves.toEqual([]);
		expect(fake.requests).toHaveLength(1);
	});

	test('limit below pageSize asks for exactly limit items in one page', async () => {
		const fake = fakeContext({ respond: listOf(50) });
		const result = await apiRequestAllItems.call(fake.context, 'unit.accounts', {}, { limit: 3 });
		expect(result).toEqual(items(1, 3));
		expect(pages(fake)).toEqual([[1, 3]]);
	});

	test('limit above pageSize keeps the page size constant and trims the last page', async () => {
		const fake = fakeContext({ respond: listOf(50) });
		const result = await apiRequestAllItems.call(
			fake.context,
			'unit.accounts',
			{},
			{ limit: 5, pageSize: 2 },
		);
		expect(result).toEqual(items(1, 5));
		expect(pages(fake)).toEqual([
			[1, 2],
			[2, 2],
			[3, 2],
		]);
	});

	test('limit larger than the list returns everything', async () => {
		const fake = fakeContext({ respond: listOf(3) });
		const result = await apiRequestAllItems.call(
			fake.context,
			'unit.accounts',
			{},
			{ limit: 10, pageSize: 2 },
		);
		expect(result).toEqual(items(1, 3));
		expect(fake.requests).toHaveLength(2);
	});

	test('does not change the caller body', async () => {
		const fake = fakeContext({ respond: listOf(3) });
		const body = { domain: 'example.com' };
		await apiRequestAllItems.call(fake.context, 'unit.accounts', body, { pageSize: 2 });
		expect(body).toEqual({ domain: 'example.com' });
	});

	test('once the first page gives the count, up to ten other pages are read at a time, and come back in order', async () => {
		let inFlight = 0;
		let mostInFlight = 0;
		const list = listOf(2_050);
		const fake = fakeContext({
			respond: async (request) => {
				mostInFlight = Math.max(mostInFlight, ++inFlight);
				await new Promise((resolve) => setTimeout(resolve, 5));
				inFlight--;
				return list(request);
			},
		});
		const result = await apiRequestAllItems.call(fake.context, 'unit.accounts', {});
		expect(result).toEqual(items(1, 2_050));
		expect(fake.requests).toHaveLength(21);
		expect(mostInFlight).toBe(10);
		expect(pages(fake).map(([pageNum]) => pageNum)).toEqual(
			Array.from({ length: 21 }, (_, n) => n + 1),
		);
	});

	test('Return All: every item exactly once and in order though later pages answer first; calls = pages + 1 token', async () => {
		const total = 2_050;
		const lastPage = Math.ceil(total / 100);
		const list = listOf(total);
		const fake = fakeContext({
			// No token stored: the first call fetches one.
			data: storedCredential({ accessToken: '', accessTokenExpiresAt: '' }),
			respond: async (request) => {
				// Page 21 answers at once, page 2 last of its window.
				const pageNum = Number(request.body.pageNum);
				await new Promise((resolve) => setTimeout(resolve, 2 * (lastPage - pageNum)));
				return list(request);
			},
		});
		const result = await apiRequestAllItems.call(fake.context, 'unit.accounts', {});
		expect(result.map((item) => item.id)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
		expect(fake.requests).toHaveLength(lastPage);
		expect(fake.preAuths).toHaveLength(1);
		expect(pages(fake).map(([pageNum]) => pageNum)).toEqual(
			Array.from({ length: lastPage }, (_, n) => n + 1),
		);
	});

	test('a page goes out as soon as one before it is taken, not after a whole batch', async () => {
		let releasePage11!: () => void;
		const page11Held = new Promise<void>((resolve) => (releasePage11 = resolve));
		let sentBeforePage11Answered: number[] = [];
		const list = listOf(1_500);
		const fake = fakeContext({
			respond: async (request) => {
				const pageNum = Number(request.body.pageNum);
				if (pageNum === 11) {
					// Answers once page 12 was sent, or after a while if it never is.
					await Promise.race([page11Held, new Promise((resolve) => setTimeout(resolve, 500))]);
					sentBeforePage11Answered = pages(fake).map(([n]) => Number(n));
				}
				if (pageNum === 12) releasePage11();
				return list(request);
			},
		});
		const result = await apiRequestAllItems.call(fake.context, 'unit.accounts', {});
		expect(result).toHaveLength(1_500);
		// Pages 2–11 were the first window; page 12 went out when page 2 was taken.
		expect(sentBeforePage11Answered).toContain(12);
	});

	test('convert turns each page into output items as it arrives; limit trims the converted items', async () => {
		const converted: number[] = [];
		const fake = fakeContext({ respond: listOf(450) });
		const result = await apiRequestAllItems.call(
			fake.context,
			'unit.accounts',
			{},
			{
				limit: 250,
				pageSize: 100,
				convert: async (page) => {
					converted.push(page.length);
					return page.map((item) => ({ name: `item ${String(item.id)}` }));
				},
			},
		);
		expect(result).toEqual(Array.from({ length: 250 }, (_, i) => ({ name: `item ${i + 1}` })));
		expect(converted).toEqual([100, 100, 100]);
		expect(pages(fake)).toEqual([
			[1, 100],
			[2, 100],
			[3, 100],
		]);
	});

	test('a failing conversion fails the walk', async () => {
		const fake = fakeContext({ respond: listOf(300) });
		const error = await rejection(
			apiRequestAllItems.call(
				fake.context,
				'unit.accounts',
				{},
				{ convert: async () => await Promise.reject(new Error('departments unavailable')) },
			),
		);
		expect(error.message).toBe('departments unavailable');
		expect(fake.requests).toHaveLength(1);
	});

	test('pages failing while an earlier one is awaited leave no unhandled rejection', async () => {
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		try {
			const fake = fakeContext({
				respond: async (r) => {
					const pageNum = Number(r.body.pageNum);
					if (pageNum === 1) return ok({ list: items(1, 2), count: 10 });
					// Page 2 answers last: pages 3 to 5 fail while the walk waits for it.
					if (pageNum === 2) await new Promise((resolve) => setTimeout(resolve, 30));
					return fail(-401, '请求参数异常: pageSize');
				},
			});
			const error = await rejection(
				apiRequestAllItems.call(fake.context, 'unit.accounts', {}, { pageSize: 2 }),
			);
			expect(error).toBeInstanceOf(NodeApiError);
			await new Promise((resolve) => setTimeout(resolve, 20));
			expect(unhandled).toEqual([]);
			expect(fake.requests).toHaveLength(5);
		} finally {
			process.off('unhandledRejection', onUnhandled);
		}
	});

	test('a refusal on a later page throws with the item index', async () => {
		const fake = fakeContext({
			respond: (r) =>
				r.body.pageNum === 1
					? ok({ list: items(1, 2), count: 4 })
					: fail(-401, '请求参数异常: pageSize'),
		});
		const error = await rejection(
			apiRequestAllItems.call(fake.context, 'unit.accounts', {}, { pageSize: 2, itemIndex: 7 }),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('A parameter was rejected (code -401) [item 7]');
		expect(fake.requests).toHaveLength(2);
	});
});
