import type { ILoadOptionsFunctions } from 'n8n-workflow';

import {
	searchAccounts,
	searchDepartments,
} from '../../nodes/NeteaseEmail/shared/methods/listSearch';
import { fakeContext, ok } from './fake-context';

const units = [
	{ unitId: '1', unitName: '研发中心', unitParentId: '0', rank: 1 },
	{ unitId: '2', unitName: '后端组', unitParentId: '1', rank: 1 },
	{ unitId: '3', unitName: '市场部', unitParentId: '0', rank: 2 },
	{ unitId: 'org_default', unitName: '默认部门', unitParentId: '0', unitOpenId: null },
];

const accountsPage = (pageNum: number, count: number) => ({
	list: Array.from({ length: 2 }, (_, n) => ({
		accountName: `user${pageNum}${n}`,
		name: n === 0 ? '张三' : '',
		domain: 'example.com',
	})),
	count,
});

describe('list search', () => {
	test('departments are listed by full path, with the unit id as value, and filtered by path', async () => {
		const fake = fakeContext({ respond: () => ok(units) });
		const context = fake.context as unknown as ILoadOptionsFunctions;
		const all = await searchDepartments.call(context);
		expect(all.results).toEqual([
			{ name: '研发中心', value: '1' },
			{ name: '研发中心/后端组', value: '2' },
			{ name: '市场部', value: '3' },
			{ name: '默认部门', value: 'org_default' },
		]);
		const filtered = await searchDepartments.call(context, '后端');
		expect(filtered.results).toEqual([{ name: '研发中心/后端组', value: '2' }]);
		expect(fake.requests[0].url).toBe('/api/open/unit/getUnitList');
		expect(fake.requests[0].body).toEqual({ domain: 'example.com' });
	});

	test('accounts are paged with a pagination token until count is reached, and filtered by name or address', async () => {
		const fake = fakeContext({
			respond: (request) => ok(accountsPage(Number(request.body.pageNum), 150)),
		});
		const context = fake.context as unknown as ILoadOptionsFunctions;
		const first = await searchAccounts.call(context);
		expect(first.results[0]).toEqual({
			name: '张三 <user10@example.com>',
			value: 'user10@example.com',
		});
		expect(first.results[1]).toEqual({ name: 'user11@example.com', value: 'user11@example.com' });
		expect(first.paginationToken).toBe('2');
		expect(fake.requests[0].body).toMatchObject({
			domain: 'example.com',
			recursion: true,
			pageNum: 1,
			pageSize: 100,
		});

		const second = await searchAccounts.call(context, '张三', first.paginationToken);
		expect(second.results).toEqual([
			{ name: '张三 <user20@example.com>', value: 'user20@example.com' },
		]);
		expect(second.paginationToken).toBeUndefined();
		expect(fake.requests[1].body).toMatchObject({ pageNum: 2 });
	});
});
