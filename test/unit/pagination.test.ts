import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiRequestAllItems } from '../../nodes/NeteaseEmail/shared/transport';
import type { SentRequest } from './fake-context';
import { fail, fakeContext, ok, rejection } from './fake-context';

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

	test('once the first page gives the count, the other pages are read ten at a time, and come back in order', async () => {
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
