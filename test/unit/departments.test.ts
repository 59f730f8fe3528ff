import type { IDataObject } from 'n8n-workflow';

import { DepartmentDirectory } from '../../nodes/NeteaseEmail/shared/directory/departments';

const units: IDataObject[] = [
	{ unitId: 'u-sales', unitName: 'Sales', unitParentId: '0', rank: 2 },
	{ unitId: 'u-rd', unitName: '研发中心', unitParentId: null, rank: 1, unitDesc: 'R&D' },
	{ unitId: 'u-be', unitName: '后端组', unitParentId: 'u-rd', rank: 2 },
	{ unitId: 'u-fe', unitName: '前端组', unitParentId: 'u-rd', rank: 1 },
	{ unitId: 'u-api', unitName: 'API', unitParentId: 'u-be' },
	{ unitId: 'org_default', unitName: '默认部门', unitParentId: '' },
	{ unitId: 'u-orphan', unitName: 'Orphan', unitParentId: 'u-gone', rank: 3 },
	{ unitId: 'u-root', unitName: 'RootParent', unitParentId: 'root', rank: 4 },
];

describe('DepartmentDirectory', () => {
	const directory = new DepartmentDirectory(units);

	test('builds paths and depths from the flat list', () => {
		expect(directory.get('u-api')).toMatchObject({
			id: 'u-api',
			name: 'API',
			path: '研发中心/后端组/API',
			parentId: 'u-be',
			depth: 2,
			rank: 99999,
			description: '',
			isDefault: false,
		});
		expect(directory.get('u-rd')).toMatchObject({
			path: '研发中心',
			parentId: null,
			depth: 0,
			description: 'R&D',
		});
	});

	test.each(['u-sales', 'u-rd', 'org_default', 'u-root'])(
		'%s has a top-level parent marker and becomes top level',
		(id) => {
			expect(directory.get(id)?.parentId).toBeNull();
		},
	);

	test('a department whose parent is missing is treated as top level', () => {
		expect(directory.get('u-orphan')).toMatchObject({ parentId: null, path: 'Orphan', depth: 0 });
	});

	test('all() lists parents before children, siblings by rank', () => {
		expect(directory.all().map((d) => d.id)).toEqual([
			'u-rd',
			'u-fe',
			'u-be',
			'u-api',
			'u-sales',
			'u-orphan',
			'u-root',
			'org_default',
		]);
	});

	test('siblings of equal rank are ordered by name', () => {
		const flat = new DepartmentDirectory([
			{ unitId: '2', unitName: 'b', rank: 1 },
			{ unitId: '1', unitName: 'a', rank: 1 },
			{ unitId: '3', unitName: 'c', rank: 0 },
		]);
		expect(flat.children(null).map((d) => d.name)).toEqual(['c', 'a', 'b']);
	});

	test('children, subtree, byPath and byName', () => {
		expect(directory.children('u-rd').map((d) => d.id)).toEqual(['u-fe', 'u-be']);
		expect(directory.children('u-api')).toEqual([]);
		expect(directory.subtree('u-be').map((d) => d.id)).toEqual(['u-be', 'u-api']);
		expect(directory.subtree('u-rd').map((d) => d.id)).toEqual(['u-rd', 'u-fe', 'u-be', 'u-api']);
		expect(directory.subtree('nope')).toEqual([]);
		expect(directory.byPath(['研发中心', '后端组', 'API'])?.id).toBe('u-api');
		expect(directory.byPath(['后端组'])).toBeUndefined();
		expect(directory.byPath(['研发中心', 'Nope'])).toBeUndefined();
		expect(directory.byName('后端组').map((d) => d.id)).toEqual(['u-be']);
		expect(directory.byName('nope')).toEqual([]);
	});

	test("get('default') finds the default department; unknown ids are undefined", () => {
		expect(directory.get('default')?.id).toBe('org_default');
		expect(directory.get('org_default')?.isDefault).toBe(true);
		expect(directory.get('missing')).toBeUndefined();
		expect(
			new DepartmentDirectory([{ unitId: 'default', unitName: 'D' }]).get('default')?.isDefault,
		).toBe(true);
	});

	test('keeps the raw unit and accepts numeric ids', () => {
		const numeric = new DepartmentDirectory([
			{ unitId: 10, unitName: 'Ten', unitParentId: 0 },
			{ unitId: 11, unitName: 'Eleven', unitParentId: 10 },
		]);
		expect(numeric.get('11')).toMatchObject({ parentId: '10', path: 'Ten/Eleven' });
		expect(numeric.get('10')?.raw).toEqual({ unitId: 10, unitName: 'Ten', unitParentId: 0 });
	});

	test('a parent cycle does not hang', () => {
		const cyclic = new DepartmentDirectory([
			{ unitId: 'a', unitName: 'A', unitParentId: 'b' },
			{ unitId: 'b', unitName: 'B', unitParentId: 'a' },
			{ unitId: 'c', unitName: 'C' },
		]);
		expect(cyclic.all().map((d) => d.id)).toEqual(['c']);
		expect(cyclic.get('a')?.name).toBe('A');
	});
});
