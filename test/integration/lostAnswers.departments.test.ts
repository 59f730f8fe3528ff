import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TestPlatform } from '../support/netease';
import { locator, usePlatform } from '../support/netease';
import type { LostAnswerCase } from './lostAnswers.support';
import { expectLostAnswerChangesNothing } from './lostAnswers.support';

const UNIT = '/api/open/unit';
const CREATE = `${UNIT}/createUnit`;
const DELETE = `${UNIT}/deleteUnit`;
const UNIT_TAKEN = /already exists.*UNIT\.EXIST.*\[item 0\]/;

const department = (operation: string, extra: IDataObject = {}): INodeParameters => ({
	resource: 'department',
	operation,
	...extra,
});
const create = (name: string, parent: string, extra: IDataObject = {}) =>
	department('create', { name, parentDepartment: locator(parent, 'path'), ...extra });
const reuse = { options: { ifExists: 'reuse' } };

/** An empty department 待删除 under 市场部, made before the case runs. */
async function emptyDepartment(platform: TestPlatform): Promise<void> {
	const run = await platform.run(create('待删除', '市场部'));
	if (!run.success) throw new Error(`setup failed: ${run.error?.message}`);
}

const CASES: LostAnswerCase[] = [
	{
		title: 'Create (Fail) a new department',
		params: create('测试组', '研发中心', { options: { description: 'QA' } }),
		path: CREATE,
		writes: [1, 1],
		succeeds: true,
		expectOutput: ({ json }) =>
			expect(json[0]).toMatchObject({ path: '研发中心/测试组', description: 'QA', created: true }),
		expectHeld: ({ units }) => expect(units.filter((u) => u.unitName === '测试组')).toHaveLength(1),
	},
	{
		title: 'Create (Return the Existing Department) a new department',
		params: create('测试组', '研发中心', reuse),
		path: CREATE,
		writes: [1, 1],
		succeeds: true,
		expectOutput: ({ json }) => expect(json[0].created).toBe(true),
	},
	{
		title: 'Create (Fail) a department that existed before the run',
		params: create('后端组', '研发中心'),
		path: CREATE,
		writes: [1, 2],
		succeeds: false,
		expectOutput: ({ error }) => expect(error?.message).toMatch(UNIT_TAKEN),
	},
	{
		title: 'Create (Return the Existing Department) a department that existed before the run',
		params: create('后端组', '研发中心', reuse),
		path: CREATE,
		writes: [0, 0],
		succeeds: true,
		expectOutput: ({ json }) =>
			expect(json[0]).toMatchObject({ path: '研发中心/后端组', created: false }),
	},
	{
		title: 'Update',
		params: department('update', {
			department: locator('研发中心/后端组', 'path'),
			updateFields: { name: '服务端组', description: '接口与存储' },
		}),
		path: `${UNIT}/updateUnit`,
		writes: [1, 2],
		succeeds: true,
		expectOutput: ({ json }) =>
			expect(json[0]).toMatchObject({ path: '研发中心/服务端组', changed: true }),
	},
	{
		title: "Update to a sibling's name (refused)",
		params: department('update', {
			department: locator('研发中心/后端组', 'path'),
			updateFields: { name: '前端组' },
		}),
		path: `${UNIT}/updateUnit`,
		writes: [1, 2],
		succeeds: false,
	},
	{
		title: 'Move under another department',
		params: department('move', {
			department: locator('研发中心/前端组', 'path'),
			toTopLevel: false,
			newParent: locator('市场部', 'path'),
		}),
		path: `${UNIT}/moveUnit`,
		writes: [1, 2],
		succeeds: true,
		expectOutput: ({ json }) => expect(json[0].path).toBe('市场部/前端组'),
	},
	{
		title: 'Move to the top level',
		params: department('move', {
			department: locator('研发中心/前端组', 'path'),
			toTopLevel: true,
		}),
		path: `${UNIT}/moveUnit`,
		writes: [1, 2],
		succeeds: true,
	},
	{
		title: 'Set Rank',
		params: department('setRank', { department: locator('研发中心/后端组', 'path'), rank: 1 }),
		path: `${UNIT}/updateUnitRank`,
		writes: [1, 2],
		succeeds: true,
		expectOutput: ({ json }) => expect(json[0].rank).toBe(1),
	},
	{
		title: 'Delete',
		params: department('delete', { department: locator('市场部/待删除', 'path') }),
		path: DELETE,
		setup: emptyDepartment,
		writes: [1, 1],
		succeeds: true,
		expectOutput: ({ json }) => expect(json[0]).toMatchObject({ deleted: true }),
	},
	{
		title: 'Delete a department that holds accounts (refused)',
		params: department('delete', { department: locator('市场部', 'path') }),
		path: DELETE,
		writes: [1, 2],
		succeeds: false,
	},
	{
		title: 'Delete the same department from two items, the second answer lost',
		params: department('delete', { department: locator('市场部/待删除', 'path') }),
		items: [{}, {}],
		continueOnFail: true,
		after: 1,
		path: DELETE,
		setup: emptyDepartment,
		writes: [2, 3],
		succeeds: true,
		expectOutput: ({ json }) =>
			expect(json.map((item) => item.deleted ?? item.error)).toEqual([
				true,
				expect.stringMatching(/UNIT\.NOTEXIST/),
			]),
	},
	{
		title: 'Ensure Path creating two levels',
		params: department('ensurePath', { path: '研发中心/测试组/自动化' }),
		path: CREATE,
		writes: [2, 2],
		succeeds: true,
		expectOutput: ({ json }) =>
			expect(json[0].createdPaths).toEqual(['研发中心/测试组', '研发中心/测试组/自动化']),
		expectHeld: ({ units }) =>
			expect(units.filter((u) => ['测试组', '自动化'].includes(String(u.unitName)))).toHaveLength(
				2,
			),
	},
	{
		title: 'Ensure Path, the second level lost',
		params: department('ensurePath', { path: '研发中心/测试组/自动化' }),
		after: 1,
		path: CREATE,
		writes: [2, 2],
		succeeds: true,
	},
	{
		title: 'Ensure Path of a path that exists',
		params: department('ensurePath', { path: '研发中心/后端组' }),
		path: CREATE,
		writes: [0, 0],
		succeeds: true,
		expectOutput: ({ json }) => expect(json[0].createdPaths).toEqual([]),
	},
];

describe('Department writes whose answer is lost', () => {
	const platform = usePlatform();

	test.each(CASES.map((spec) => [spec.title, spec] as const))(
		'%s: same outcome, same items, same platform state',
		async (_title, spec) => {
			await expectLostAnswerChangesNothing(platform, spec);
		},
	);
});
