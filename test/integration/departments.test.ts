import { callsTo, locator, usePlatform } from '../support/netease';

describe('Department operations against the sandbox', () => {
	const platform = usePlatform();
	const units = () => platform.sandbox.control.state().units;
	const unitByName = (name: string) => units().find((unit) => unit.unitName === name)!;

	test('Get Many lists every department with its path, from one request', async () => {
		const run = await platform.run({ resource: 'department', operation: 'getAll', output: 'flat' });
		expect(run.success).toBe(true);
		const paths = run.json.map((d) => d.path);
		expect(paths).toEqual(
			expect.arrayContaining(['总部', '研发中心', '研发中心/后端组', '市场部']),
		);
		expect(run.json.some((d) => d.isDefault)).toBe(false);
		expect(callsTo(platform.sandbox, '/api/open/unit/getUnitList')).toHaveLength(1);
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Get Many as a tree nests sub-departments, and can start below one department', async () => {
		const run = await platform.run({
			resource: 'department',
			operation: 'getAll',
			output: 'tree',
			options: { root: locator('研发中心', 'path') },
		});
		expect(run.json).toHaveLength(1);
		const [rd] = run.json;
		expect(rd.name).toBe('研发中心');
		expect((rd.children as Array<{ name: string }>).map((c) => c.name)).toContain('后端组');
	});

	test('Find by path returns the one department, by name every match', async () => {
		const byPath = await platform.run({
			resource: 'department',
			operation: 'find',
			findBy: 'path',
			path: '研发中心/后端组',
		});
		expect(byPath.json).toEqual([
			expect.objectContaining({
				name: '后端组',
				path: '研发中心/后端组',
				id: unitByName('后端组').unitId,
			}),
		]);
		const missing = await platform.run({
			resource: 'department',
			operation: 'find',
			findBy: 'path',
			path: '研发中心/不存在',
		});
		expect(missing.success).toBe(true);
		expect(missing.json).toEqual([]);
		const byName = await platform.run({
			resource: 'department',
			operation: 'find',
			findBy: 'name',
			name: '市场部',
		});
		expect(byName.json.map((d) => d.path)).toEqual(['市场部']);
	});

	test('Create makes a department under a parent given by path and sends the parent id', async () => {
		const run = await platform.run({
			resource: 'department',
			operation: 'create',
			name: '测试组',
			parentDepartment: locator('研发中心', 'path'),
			options: { description: 'QA' },
		});
		expect(run.success).toBe(true);
		expect(run.json[0]).toMatchObject({ name: '测试组', path: '研发中心/测试组', created: true });
		const [create] = callsTo(platform.sandbox, '/api/open/unit/createUnit');
		expect(create.body).toMatchObject({
			unitName: '测试组',
			unitDesc: 'QA',
			parentId: unitByName('研发中心').unitId,
		});
		expect(unitByName('测试组').unitParentId).toBe(unitByName('研发中心').unitId);
	});

	test('Create of an existing name fails in plain words, or returns the existing one when asked', async () => {
		const params = {
			resource: 'department',
			operation: 'create',
			name: '市场部',
			parentDepartment: locator(''),
		};
		const failed = await platform.run(params);
		expect(failed.success).toBe(false);
		expect(failed.error?.message).toMatch(/already exists.*UNIT\.EXIST.*\[item 0\]/);

		const reused = await platform.run({ ...params, options: { ifExists: 'reuse' } });
		expect(reused.success).toBe(true);
		expect(reused.json[0]).toMatchObject({
			name: '市场部',
			id: unitByName('市场部').unitId,
			created: false,
		});
		expect(units().filter((u) => u.unitName === '市场部')).toHaveLength(1);
	});

	test('Ensure Path creates only the missing levels, and a second run creates nothing', async () => {
		const params = {
			resource: 'department',
			operation: 'ensurePath',
			path: '研发中心/后端组/缓存小组/值班',
		};
		const first = await platform.run(params);
		expect(first.success).toBe(true);
		expect(first.json[0]).toMatchObject({
			path: '研发中心/后端组/缓存小组/值班',
			createdPaths: ['研发中心/后端组/缓存小组', '研发中心/后端组/缓存小组/值班'],
		});
		expect(callsTo(platform.sandbox, '/api/open/unit/createUnit')).toHaveLength(2);

		platform.sandbox.control.clearRequests();
		const second = await platform.run(params);
		expect(second.json[0]).toMatchObject({ id: first.json[0].id, createdPaths: [] });
		expect(callsTo(platform.sandbox, '/api/open/unit/createUnit')).toHaveLength(0);
	});

	test('Ensure Path for several items that share levels creates each level once', async () => {
		const run = await platform.run(
			{ resource: 'department', operation: 'ensurePath', path: '={{ $json.path }}' },
			{ items: [{ path: '销售部/华东区' }, { path: '销售部/华南区' }, { path: '销售部/华东区' }] },
		);
		expect(run.success).toBe(true);
		expect(run.json.map((d) => d.path)).toEqual([
			'销售部/华东区',
			'销售部/华南区',
			'销售部/华东区',
		]);
		expect(run.json[2].id).toBe(run.json[0].id);
		expect(callsTo(platform.sandbox, '/api/open/unit/createUnit')).toHaveLength(3);
	});

	test('Move puts a department under a new parent, or at the top level', async () => {
		const under = await platform.run({
			resource: 'department',
			operation: 'move',
			department: locator('研发中心/后端组', 'path'),
			toTopLevel: false,
			newParent: locator('市场部', 'path'),
		});
		expect(under.json[0]).toMatchObject({ path: '市场部/后端组' });
		expect(unitByName('后端组').unitParentId).toBe(unitByName('市场部').unitId);

		const top = await platform.run({
			resource: 'department',
			operation: 'move',
			department: locator('市场部/后端组', 'path'),
			toTopLevel: true,
		});
		expect(top.json[0]).toMatchObject({ path: '后端组', parentId: null });
	});

	test('Move into its own sub-department is refused before any write', async () => {
		const run = await platform.run({
			resource: 'department',
			operation: 'move',
			department: locator('研发中心', 'path'),
			toTopLevel: false,
			newParent: locator('研发中心/后端组', 'path'),
		});
		expect(run.success).toBe(false);
		expect(run.error?.message).toBe(
			'New Parent Department "研发中心/后端组" is below "研发中心" [item 0]',
		);
		expect(callsTo(platform.sandbox, '/api/open/unit/moveUnit')).toHaveLength(0);
	});

	test('Set Rank sends the rank for the department', async () => {
		const run = await platform.run({
			resource: 'department',
			operation: 'setRank',
			department: locator(unitByName('市场部').unitId, 'id'),
			rank: 1,
		});
		expect(run.json[0]).toMatchObject({ path: '市场部', rank: 1 });
		expect(callsTo(platform.sandbox, '/api/open/unit/updateUnitRank')[0].body).toMatchObject({
			unitId: unitByName('市场部').unitId,
			rank: 1,
		});
		expect(unitByName('市场部').rank).toBe(1);
	});

	test('Delete removes an empty department and reports a non-empty one in plain words', async () => {
		await platform.run({
			resource: 'department',
			operation: 'create',
			name: '临时组',
			parentDepartment: locator(''),
		});
		const deleted = await platform.run({
			resource: 'department',
			operation: 'delete',
			department: locator('临时组', 'path'),
		});
		expect(deleted.json).toEqual([expect.objectContaining({ deleted: true, path: '临时组' })]);
		expect(units().some((u) => u.unitName === '临时组')).toBe(false);

		const busy = await platform.run({
			resource: 'department',
			operation: 'delete',
			department: locator('市场部', 'path'),
		});
		expect(busy.success).toBe(false);
		expect(busy.error?.message).toMatch(/still has accounts.*UNIT\.HASACCOUNT/);
	});

	test('An unknown department is reported with the field and item before any write', async () => {
		const run = await platform.run({
			resource: 'department',
			operation: 'delete',
			department: locator('999999999', 'id'),
		});
		expect(run.success).toBe(false);
		expect(run.error?.message).toBe('Department "999999999" matches no department ID [item 0]');
		expect(callsTo(platform.sandbox, '/api/open/unit/deleteUnit')).toHaveLength(0);
	});

	test('Update renames and describes, outputs the whole department, and sends nothing when unchanged', async () => {
		const id = unitByName('后端组').unitId;
		const params = {
			resource: 'department',
			operation: 'update',
			department: locator('研发中心/后端组', 'path'),
			updateFields: { name: '服务端组', description: '服务端' },
		};
		const run = await platform.run(params);
		expect(run.json).toEqual([
			expect.objectContaining({
				id,
				name: '服务端组',
				path: '研发中心/服务端组',
				description: '服务端',
				changed: true,
			}),
		]);
		expect(callsTo(platform.sandbox, '/api/open/unit/updateUnit').map((call) => call.body)).toEqual(
			[{ domain: 'sandbox.example.com', unitId: id, unitName: '服务端组', unitDesc: '服务端' }],
		);
		const again = await platform.run({ ...params, department: locator(id, 'id') });
		expect(again.json[0]).toMatchObject({ id, changed: false });
		expect(callsTo(platform.sandbox, '/api/open/unit/updateUnit')).toHaveLength(1);
	});

	test('Update refuses the default department, a name with "/" and an empty change, before any write', async () => {
		const update = (fields: Record<string, string>, department = locator('市场部', 'path')) =>
			platform.run({
				resource: 'department',
				operation: 'update',
				department,
				updateFields: fields,
			});
		const defaultId = units().find((unit) => unit.unitName === '默认部门')!.unitId;
		expect((await update({ name: 'x' }, locator(defaultId, 'id'))).error?.message).toBe(
			'Department is the default department [item 0]',
		);
		expect((await update({ name: '市场/销售' })).error?.message).toBe(
			'Name "市场/销售" contains "/" [item 0]',
		);
		expect((await update({})).error?.message).toBe('Update Fields is empty [item 0]');
		expect(callsTo(platform.sandbox, '/api/open/unit/updateUnit')).toHaveLength(0);
	});
});
