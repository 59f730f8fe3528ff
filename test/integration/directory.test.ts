import type { IDataObject } from 'n8n-workflow';

import {
	decodeCsvBytes,
	encodeCsvBytes,
	parseCsv,
} from '../../nodes/NeteaseEmail/shared/helpers/csv';
import { isWrite } from '../../scripts/e2e/platform-calls';
import { callsTo, fileItem, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';

describe('Directory: export and import', () => {
	const platform = usePlatform();
	const state = () => platform.sandbox.control.state();
	const writes = () => platform.sandbox.control.requests().filter(isWrite);
	const exportCsv = async () => {
		const run = await platform.run({ resource: 'directory', operation: 'export', output: 'csv' });
		expect(run.success).toBe(true);
		return Buffer.from(run.items[0].binary!.data.data, 'base64');
	};
	const importCsv = (bytes: Uint8Array, extra: IDataObject = {}) =>
		platform.run(
			{
				resource: 'directory',
				operation: 'import',
				source: 'csv',
				password: 'Welcome#2026',
				...extra,
			},
			{ inputItems: [fileItem(bytes)] },
		);
	const csv = (text: string) => encodeCsvBytes(text.replace(/\n/g, '\r\n'));
	const outcomes = (json: IDataObject[]) => json.map((row) => `${row.key}:${row.outcome}`);

	test('Export as items: departments with paths, accounts with department paths, mail lists with members', async () => {
		const run = await platform.run({ resource: 'directory', operation: 'export' });
		expect(run.success).toBe(true);
		const byType = (type: string) => run.json.filter((row) => row.type === type);
		expect(byType('department').map((row) => row.department)).toContain('研发中心/后端组');
		expect(byType('account')).toContainEqual(
			expect.objectContaining({
				accountName: 'wang.fang',
				department: '研发中心/后端组',
				jobNumber: 'E1003',
			}),
		);
		const listed = state().accounts.filter((account) => account.status !== 2).length;
		expect(byType('account')).toHaveLength(listed);
		expect(byType('mailList')).toHaveLength(state().mailLists.length);
		expect(writes()).toHaveLength(0);
	});

	test('export → import of the demo organisation reports every row unchanged and sends no write', async () => {
		const bytes = await exportCsv();
		const rows = parseCsv(decodeCsvBytes(bytes).text).rows;
		const result = await importCsv(bytes);
		expect(result.success).toBe(true);
		expect(result.json).toHaveLength(rows.length);
		expect(new Set(result.json.map((row) => row.outcome))).toEqual(new Set(['unchanged']));
		expect(writes()).toHaveLength(0);
	});

	describe('a 300-account, 3-level tree', () => {
		const tree = () => {
			const lines = ['accountName,name,department,jobNumber'];
			for (let n = 0; n < 300; n++) {
				const path = `事业部${n % 3}/中心${Math.floor(n / 3) % 2}/组${Math.floor(n / 6) % 2}`;
				lines.push(`staff${n},员工${n},${path},J${1000 + n}`);
			}
			return csv(lines.join('\n'));
		};

		test('imports once, then the same CSV and its export both come back unchanged with no write', async () => {
			const first = await importCsv(tree());
			expect(first.success).toBe(true);
			expect(first.json.filter((row) => row.outcome === 'created')).toHaveLength(300);
			expect(state().accounts.filter((a) => a.accountName.startsWith('staff'))).toHaveLength(300);
			const leaves = state().units.filter((unit) => unit.unitName.startsWith('组'));
			expect(leaves).toHaveLength(12);

			platform.sandbox.control.clearRequests();
			const again = await importCsv(tree());
			expect(outcomes(again.json).every((entry) => entry.endsWith(':unchanged'))).toBe(true);
			expect(writes()).toHaveLength(0);

			const exported = await exportCsv();
			platform.sandbox.control.clearRequests();
			const roundTrip = await importCsv(exported);
			expect(roundTrip.json.length).toBeGreaterThanOrEqual(300 + 21);
			expect(roundTrip.json.filter((row) => row.outcome !== 'unchanged')).toEqual([]);
			expect(writes()).toHaveLength(0);
		});

		test('a dry run of 200 rows reports what would change and sends no write', async () => {
			const lines = ['accountName,name,department'];
			for (let n = 0; n < 199; n++) lines.push(`dry${n},试运行${n},新部门/组${n % 4}`);
			lines.push('li.na,李娜娜,市场部');
			const result = await importCsv(csv(lines.join('\n')), { dryRun: true });
			expect(result.json).toHaveLength(200);
			expect(result.json.filter((row) => row.outcome === 'wouldCreate')).toHaveLength(199);
			expect(result.json[199]).toMatchObject({
				key: `li.na@${DOMAIN}`,
				outcome: 'wouldUpdate',
				changes: {
					name: { from: '李娜', to: '李娜娜' },
					department: { from: '研发中心', to: '市场部' },
				},
			});
			expect(writes()).toHaveLength(0);
			expect(state().accounts.some((account) => account.accountName.startsWith('dry'))).toBe(false);
		});
	});

	test('updates what differs, current → wanted, and leaves empty cells alone', async () => {
		const result = await importCsv(
			csv('accountName,name,department,jobNumber\nli.na,李娜娜,市场部,\nwang.fang,,,E1003'),
		);
		expect(result.json).toEqual([
			expect.objectContaining({
				key: `li.na@${DOMAIN}`,
				outcome: 'updated',
				changes: {
					name: { from: '李娜', to: '李娜娜' },
					department: { from: '研发中心', to: '市场部' },
				},
			}),
			expect.objectContaining({ key: `wang.fang@${DOMAIN}`, outcome: 'unchanged' }),
		]);
		const liNa = state().accounts.find((account) => account.accountName === 'li.na')!;
		expect(liNa).toMatchObject({ name: '李娜娜', jobNumber: 'E1002' });
		expect(state().units.find((unit) => unit.unitId === liNa.unitId)!.unitName).toBe('市场部');
	});

	test('a GBK file with Chinese headers, one mapped by Column Mapping', async () => {
		// "员工姓名" is mapped; 账号, 部门 and 工号 are read as they are.
		const result = await importCsv(GBK_FILE, {
			options: { columnMapping: { mappings: [{ header: '员工姓名', column: 'name' }] } },
		});
		expect(result.json).toEqual([
			expect.objectContaining({ key: `xin.ren@${DOMAIN}`, outcome: 'created' }),
		]);
		expect(state().accounts.find((account) => account.accountName === 'xin.ren')).toMatchObject({
			name: '新人',
			jobNumber: 'E9001',
		});
	});

	test('bad rows fail one by one, naming row, column and value; the rest of the batch runs', async () => {
		const text = [
			'type,accountName,name,department,members',
			'account,ok.one,好,研发中心,',
			'account,dup.one,重复,研发中心,',
			'account,dup.one,重复,研发中心,',
			'account,clash,甲,研发中心,',
			'account,clash,乙,研发中心,',
			'account,bad.path,坏,研发中心//后端组,',
			'account,Bad Name,坏,,',
			'mailList,zhang.wei,冲突,,',
			'mailList,team,团队,,ghost@sandbox.example.com',
		].join('\n');
		const result = await importCsv(csv(text));
		expect(result.success).toBe(true);
		const byLine = Object.fromEntries(result.json.map((row) => [row.row, row]));
		expect(byLine['Line 2']).toMatchObject({ outcome: 'created' });
		expect(byLine['Line 3']).toMatchObject({ outcome: 'created' });
		expect(byLine['Line 4']).toMatchObject({ outcome: 'failed', error: 'Line 4: repeats Line 3' });
		expect(byLine['Line 5'].error).toBe('Line 5: contradicts Line 6');
		expect(byLine['Line 6'].error).toBe('Line 6: contradicts Line 5');
		expect(byLine['Line 7'].error).toBe(
			'Line 7, column "department": "研发中心//后端组" has an empty level',
		);
		expect(byLine['Line 8'].error).toBe(
			'Line 8, column "accountName": "Bad Name" contains capital letters',
		);
		expect(byLine['Line 9'].error).toBe(`Line 9: zhang.wei@${DOMAIN} is also an account`);
		expect(byLine['Line 10'].error).toBe(
			`Line 10: member ghost@${DOMAIN} is not an account or mail list of ${DOMAIN}`,
		);
		expect(
			state().accounts.filter((account) =>
				['ok.one', 'dup.one', 'clash'].includes(account.accountName),
			),
		).toHaveLength(2);
	});

	test('an unknown column stops the file before any write; an unclosed quote fails from its line on', async () => {
		const unknown = await importCsv(csv('accountName,name,nickname\nnew.one,新,x'));
		expect(unknown.success).toBe(false);
		expect(unknown.error?.message).toMatch(/has the column "nickname" is not a field \[item 0\]/);
		expect(writes()).toHaveLength(0);

		for (const notText of [
			Buffer.from('504b0304140000000800', 'hex'), // an .xlsx (a zip) renamed .csv
			Buffer.from('accountName,name\n', 'utf16le'), // UTF-16 without a BOM
		]) {
			const refused = await importCsv(notText);
			expect(refused.error?.message).toBe(
				'Input Binary Field is not a CSV text file in UTF-8 or GBK [item 0]',
			);
		}
		expect(writes()).toHaveLength(0);

		const broken = await importCsv(
			csv('accountName,name\nfirst.one,一\nsecond.one,"二\nthird.one,三'),
		);
		expect(broken.json.map((row) => row.outcome)).toEqual(['created', 'failed']);
		expect(broken.json[1].error).toMatch(/line 3 has no closing quote/);
		expect(state().accounts.some((account) => account.accountName === 'third.one')).toBe(false);
	});

	test('nothing half-created: a department made only for an account the platform refuses is removed', async () => {
		platform.sandbox.control.injectFault({
			path: '/api/open/account/createAccount',
			kind: 'code',
			code: -3,
			marker: 'PASSWORD.INVALID',
		});
		const result = await importCsv(csv('accountName,name,department\nonly.one,孤,孤儿部门/子部门'));
		expect(result.json[0]).toMatchObject({ outcome: 'failed' });
		expect(result.json[0].error).toMatch(
			/the department 孤儿部门\/子部门 created for it was removed again/,
		);
		expect(
			state().units.some(
				(unit) => unit.unitName.startsWith('孤儿部门') || unit.unitName === '子部门',
			),
		).toBe(false);
	});

	test('mail list rows create the list with members and member departments, then come back unchanged', async () => {
		const text = [
			'type,accountName,name,members,memberDepartments',
			'account,new.member,新成员,,',
			`mailList,all-rd,研发全员,new.member@${DOMAIN};li.na@${DOMAIN},研发中心/后端组`,
		].join('\n');
		const first = await importCsv(csv(text));
		expect(outcomes(first.json)).toEqual([
			`new.member@${DOMAIN}:created`,
			`all-rd@${DOMAIN}:created`,
		]);
		const list = state().mailLists.find((each) => each.accountName === 'all-rd')!;
		expect(list.members.sort()).toEqual([`li.na@${DOMAIN}`, `new.member@${DOMAIN}`]);
		const second = await importCsv(csv(text));
		expect(second.json.map((row) => row.outcome)).toEqual(['unchanged', 'unchanged']);
	});

	test('Input Items: each item is a row; an item with a field nothing reads fails alone', async () => {
		const result = await platform.run(
			{ resource: 'directory', operation: 'import', source: 'items', password: 'Welcome#2026' },
			{
				items: [
					{ accountName: 'item.one', name: '条目' },
					{ accountName: 'item.two', name: '条目二', extra: 1 },
				],
			},
		);
		expect(result.json.map((row) => row.outcome)).toEqual(['created', 'failed']);
		expect(result.json[1].error).toMatch(/"extra" is not a field/);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('lost answers on the writes of an import: every row still says created, each thing exists once', async () => {
		platform.sandbox.control.injectFault([
			{ path: '/api/open/unit/createUnit', kind: 'lostResponse' },
			{ path: '/api/open/account/createAccount', kind: 'lostResponse', after: 1 },
			{ path: '/api/open/maillist/createMaillist', kind: 'lostResponse' },
		]);
		const text = [
			'type,accountName,name,department,members',
			'account,lost.one,一,失联部门,',
			'account,lost.two,二,失联部门,',
			`mailList,lost-list,失联列表,,lost.one@${DOMAIN}`,
		].join('\n');
		const result = await importCsv(csv(text));
		expect(result.json.map((row) => row.outcome)).toEqual(['created', 'created', 'created']);
		expect(state().units.filter((unit) => unit.unitName === '失联部门')).toHaveLength(1);
		const created = callsTo(platform.sandbox, '/api/open/account/createAccount');
		expect(created).toHaveLength(2);
		expect(state().mailLists.filter((list) => list.accountName === 'lost-list')).toHaveLength(1);
		expect(callsTo(platform.sandbox, '/api/open/maillist/createMaillist')).toHaveLength(1);
	});
});

/** 账号,员工姓名,部门,工号 / xin.ren,新人,研发中心/后端组,E9001 saved in GBK (as Chinese Excel does). */
const GBK_FILE = Buffer.from(
	'd5cbbac52cd4b1b9a4d0d5c3fb2cb2bfc3c52cb9a4bac50a78696e2e72656e2cd0c2c8cb2cd1d0b7a2d6d0d0c42fbaf3b6cbd7e92c45393030310a',
	'hex',
);
