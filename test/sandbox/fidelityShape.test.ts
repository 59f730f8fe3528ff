/** The pieces of the fidelity diff that need no sandbox: shapes, paging, markers, placeholders. */
import { createHash } from 'node:crypto';

import { markerOf } from '../../sandbox/fidelity/answer';
import { IdMap } from '../../sandbox/fidelity/idMap';
import { comparePaging } from '../../sandbox/fidelity/paging';
import { resolveRequestBody, type SandboxSecrets } from '../../sandbox/fidelity/placeholders';
import { compareShapes } from '../../sandbox/fidelity/shape';

const messages = (real: unknown, sandbox: unknown) =>
	compareShapes(real, sandbox, 'data').map((each) => each.message);

describe('shapes', () => {
	test('arrays are compared by the union of their elements; a missing object is reported once, at its top', () => {
		const real = { list: [{ a: 1 }, { b: 'x', extra: { deep: { deeper: 1 } } }] };
		const sandbox = { list: [{ a: 2, b: 'y' }], more: true };
		expect(messages(real, sandbox)).toEqual([
			'`data.list[].extra` (object): the real platform answers it, the sandbox does not',
			'`data.more` (boolean): the sandbox answers it, the real platform does not',
		]);
	});

	test('types differ; null is compatible with anything; empty arrays compare no element shapes', () => {
		expect(
			messages({ id: '1', name: null, list: [] }, { id: 1, name: 'x', list: [{ a: 1 }] }),
		).toEqual(['`data.id`: the real platform answers string, the sandbox number']);
	});
});

describe('paging', () => {
	test('paging fields that differ, and a page longer than pageSize', () => {
		const found = comparePaging(
			{ pageNum: 1, pageSize: 2 },
			{ list: [1, 2, 3], total: 3, pageNum: 1 },
			{ list: [1, 2], count: 3 },
		);
		expect(found.differences.map((each) => each.message)).toEqual([
			'paging fields: the real platform answers pageNum, total, the sandbox count',
			'page length: the real platform answered 3 items for pageSize 2; the sandbox keeps pages to pageSize',
			"page semantics: the real platform answered 3 items for pageNum 1, pageSize 2 and a total of 3; with 1-based pages (the sandbox's) that would be 2",
		]);
		expect([...found.covered]).toEqual(['data.pageNum', 'data.total', 'data.count']);
	});

	test('a page that does not fit its total for a 1-based pageNum (a 0-based platform)', () => {
		const found = comparePaging(
			{ pageNum: 1, pageSize: 2 },
			{ list: [3], count: 3 },
			{ list: [1, 2], count: 3 },
		);
		expect(found.differences.map((each) => each.message)).toEqual([
			"page semantics: the real platform answered 1 item for pageNum 1, pageSize 2 and a total of 3; with 1-based pages (the sandbox's) that would be 2",
		]);
	});
});

test('the business marker of an envelope message', () => {
	expect(markerOf('通用业务操作失败: ACCOUNT.NOTEXIST:x@y.com账号不存在')).toBe('ACCOUNT.NOTEXIST');
	expect(markerOf('请求参数异常: unitName')).toBe('unitName');
	expect(markerOf('')).toBeUndefined();
	expect(markerOf("SUCCESS(0, '成功')")).toBeUndefined();
});

test('placeholders become valid values, the same everywhere; an MD5 password stays an MD5', () => {
	const secrets: SandboxSecrets = {
		authCode: 'Sandbox1',
		accessToken: () => 'access',
		refreshToken: () => 'refresh',
		ssoToken: () => 'sso',
	};
	expect(
		resolveRequestBody(
			{
				accountName: '<user-1>',
				members: '<user-1>@acme.example.com,<user-12>@acme.example.com',
				mobile: '<mobile-2>',
				password: '<password-1>',
				passType: 1,
				authCode: '<appkey-1>',
			},
			secrets,
		),
	).toEqual({
		accountName: 'user1',
		members: 'user1@acme.example.com,user12@acme.example.com',
		mobile: '13800000002',
		password: createHash('md5').update('Fidelity#0001').digest('hex'),
		passType: 1,
		authCode: 'Sandbox1',
	});
});

test('recorded ids are translated in id fields, lists and comma lists only', () => {
	const ids = new IdMap();
	ids.learn({ unitId: '9001', name: 'x' }, { unitId: '100000000000001', name: 'x' });
	expect(
		ids.apply({ unitId: '9001', memberUnits: '9001,9002', unitIds: ['9001'], remark: '9001' }),
	).toEqual({
		unitId: '100000000000001',
		memberUnits: '100000000000001,9002',
		unitIds: ['100000000000001'],
		remark: '9001',
	});
	expect(ids.standsForAnother('100000000000001')).toBe(true);
});
