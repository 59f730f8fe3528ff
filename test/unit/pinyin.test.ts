import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { NodeOperationError } from 'n8n-workflow';

import type { NamingRule } from '../../nodes/NeteaseEmail/shared/helpers/pinyin';
import {
	accountNameFromName,
	MOST_COLLISIONS,
	NAMING_RULES,
	nameToPinyin,
	withCollisionSuffix,
} from '../../nodes/NeteaseEmail/shared/helpers/pinyin';
import { readingOf } from '../../nodes/NeteaseEmail/shared/helpers/pinyin/readings';
import { itemField, validateAccountName } from '../../nodes/NeteaseEmail/shared/helpers/validation';
import { renderTable, TABLE_FILE } from '../../scripts/pinyin/table';
import { node } from './fake-context';

const name = itemField(node, 2, 'Name');
const read = (text: string, surname?: string) => {
	const { surname: family, given, order } = nameToPinyin(name, text, { surname });
	return { surname: family.join(' '), given: given.join(' '), order };
};
const account = (text: string, rule: NamingRule = 'fullPinyin') =>
	accountNameFromName(name, text, rule);

function failure(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected a NodeOperationError');
}

const ROOT = join(__dirname, '../..');

function sourceFiles(folder: string): string[] {
	return readdirSync(folder).flatMap((entry) => {
		const path = join(folder, entry);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

describe('pinyin account names', () => {
	test('common names read as surname and given name, by every rule', () => {
		expect(read('张三')).toEqual({ surname: 'zhang', given: 'san', order: 'surnameFirst' });
		expect(read('王小明')).toEqual({ surname: 'wang', given: 'xiao ming', order: 'surnameFirst' });
		expect(read('吕布').surname).toBe('lv');
		expect(read('李 四')).toEqual({ surname: 'li', given: 'si', order: 'surnameFirst' });
		const rules = Object.fromEntries(
			NAMING_RULES.map((rule) => [rule.value, account('张三丰', rule.value)]),
		);
		expect(rules).toEqual({
			fullPinyin: 'zhangsanfeng',
			dottedPinyin: 'zhang.sanfeng',
			initialsSurname: 'sfzhang',
			surnameInitials: 'zhangsf',
		});
		expect(account('张')).toBe('zhang');
		expect(account('张', 'dottedPinyin')).toBe('zhang');
	});

	test('polyphonic surnames read as surnames, the same characters elsewhere as usual', () => {
		expect(read('单雄信').surname).toBe('shan');
		expect(read('曾国藩').surname).toBe('zeng');
		expect(read('解缙').surname).toBe('xie');
		expect(read('区寄').surname).toBe('ou');
		expect(read('查良镛')).toEqual({
			surname: 'zha',
			given: 'liang yong',
			order: 'surnameFirst',
		});
		expect(['仇', '朴', '乐', '覃', '翟'].map((surname) => read(`${surname}明`).surname)).toEqual([
			'qiu',
			'piao',
			'yue',
			'qin',
			'zhai',
		]);
		expect(read('李单曾').given).toBe('dan ceng');
		expect(read('王解查').given).toBe('jie cha');
	});

	test('compound surnames', () => {
		expect(read('欧阳修')).toEqual({ surname: 'ou yang', given: 'xiu', order: 'surnameFirst' });
		expect(account('欧阳修', 'dottedPinyin')).toBe('ouyang.xiu');
		expect(account('欧阳修', 'surnameInitials')).toBe('ouyangx');
		expect(read('尉迟恭').surname).toBe('yu chi');
		expect(read('长孙无忌').surname).toBe('zhang sun');
		expect(read('万俟卨').surname).toBe('mo qi');
		expect(
			['司马光', '诸葛亮', '上官婉儿', '令狐冲', '皇甫嵩'].map((text) => account(text)),
		).toEqual(['simaguang', 'zhugeliang', 'shangguanwaner', 'linghuchong', 'huangfusong']);
		// Two characters are a surname and a given name, even when they could be a compound surname.
		expect(read('欧阳')).toEqual({ surname: 'ou', given: 'yang', order: 'surnameFirst' });
	});

	test('names with "·" and names in Latin letters end with the surname', () => {
		expect(read('阿卜杜拉·艾买提')).toEqual({
			surname: 'aimaiti',
			given: 'abudula',
			order: 'givenFirst',
		});
		expect(account('阿卜杜拉·艾买提', 'dottedPinyin')).toBe('abudula.aimaiti');
		expect(account('阿卜杜拉・艾买提')).toBe('abudulaaimaiti');
		expect(account('John Smith', 'initialsSurname')).toBe('jsmith');
		expect(account('Jean-Luc Picard', 'dottedPinyin')).toBe('jeanluc.picard');
		expect(account("Seán O'Brien", 'surnameInitials')).toBe('obriens');
		expect(account('Müller')).toBe('muller');
		expect(account('ＺＨＡＮＧ')).toBe('zhang');
		expect(account('张David', 'dottedPinyin')).toBe('zhang.david');
	});

	test('a given surname settles the order', () => {
		expect(read('Zhang San', 'Zhang')).toEqual({
			surname: 'zhang',
			given: 'san',
			order: 'surnameFirst',
		});
		expect(read('Lǚ Bù', 'Lǚ')).toEqual({ surname: 'lv', given: 'bu', order: 'surnameFirst' });
		expect(read('东方明', '东')).toEqual({
			surname: 'dong',
			given: 'fang ming',
			order: 'surnameFirst',
		});
		expect(read('Mary Ann Lee', 'Lee')).toEqual({
			surname: 'lee',
			given: 'mary ann',
			order: 'givenFirst',
		});
		expect(failure(() => read('张三', '李')).message).toBe(
			'Name "张三" neither starts nor ends with the surname "李" [item 2]',
		);
	});

	test('characters without pinyin fail naming the character and the way out', () => {
		const emoji = failure(() => account('张😀'));
		expect(emoji.message).toBe(
			'Name "张😀" contains "😀" (U+1F600), which has no pinyin or Latin spelling [item 2]',
		);
		expect(emoji.description).toMatch(/Give the account name yourself/);
		expect(readingOf('龥')).toBeUndefined();
		expect(failure(() => account('张龥')).message).toBe(
			'Name "张龥" contains "龥" (U+9FA5), a Chinese character the pinyin table has no reading for [item 2]',
		);
		expect(failure(() => account('Иван')).message).toMatch(/contains "И" \(U\+0418\)/);
		expect(failure(() => account('·')).message).toBe(
			'Name "·" has no letters or Chinese characters to make an account name from [item 2]',
		);
		expect(failure(() => account('  ')).message).toBe('Name is empty [item 2]');
		expect(failure(() => account('张\u200b三')).message).toMatch(/invisible character/);
	});

	test('characters outside the main block: Extension A–F and 〇', () => {
		expect(account('李〇')).toBe('liling');
		expect(account('钱𫖮')).toBe('qianyi');
		expect(readingOf('㐀')).toBeUndefined();
	});

	test('account names stay within the length limit and always pass validation', () => {
		const long = `${'阿卜杜拉'.repeat(10)}·${'艾买提'.repeat(10)}`;
		for (const rule of NAMING_RULES) {
			const accountName = account(long, rule.value);
			expect(accountName.length).toBeLessThanOrEqual(64);
			expect(validateAccountName(name, accountName)).toBe(accountName);
		}
		expect(account(long, 'dottedPinyin')).toBe('abudula'.repeat(10).slice(0, 64));
		const names = ['张三', '欧阳修', '阿卜杜拉·艾买提', 'John Smith', 'Ø. Ærø', '3号'];
		for (const text of names) {
			for (const rule of NAMING_RULES) {
				const accountName = account(text, rule.value);
				expect(validateAccountName(name, accountName)).toBe(accountName);
			}
		}
	});

	test('collisions get a number: zhangsan, zhangsan2, zhangsan3…', async () => {
		const asked: string[] = [];
		const taken = new Set(['zhangsan', 'zhangsan2']);
		const free = await withCollisionSuffix(name, 'zhangsan', (candidate) => {
			asked.push(candidate);
			return taken.has(candidate);
		});
		expect(free).toBe('zhangsan3');
		expect(asked).toEqual(['zhangsan', 'zhangsan2', 'zhangsan3']);
		expect(await withCollisionSuffix(name, 'lisi', async () => false)).toBe('lisi');

		// Several people in one run: each name chosen counts as taken for the next.
		const chosen = new Set<string>();
		for (let n = 0; n < 3; n++) {
			chosen.add(await withCollisionSuffix(name, account('张三'), (each) => chosen.has(each)));
		}
		expect([...chosen]).toEqual(['zhangsan', 'zhangsan2', 'zhangsan3']);
	});

	test('a suffix shortens a long name to fit, and an endless collision fails', async () => {
		const base = `${'a'.repeat(62)}.b`;
		const free = await withCollisionSuffix(name, base, (candidate) => candidate === base);
		expect(free).toBe(`${'a'.repeat(62)}2`);
		expect(validateAccountName(name, free)).toBe(free);

		let asked = 0;
		const error = await withCollisionSuffix(name, 'zhangsan', () => {
			asked++;
			return true;
		}).catch((thrown: unknown) => thrown as NodeOperationError);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(
			`Name "zhangsan" and "zhangsan2" to "zhangsan${MOST_COLLISIONS}" are all taken [item 2]`,
		);
		expect(asked).toBe(MOST_COLLISIONS);
		await expect(withCollisionSuffix(name, 'Zhang', () => false)).rejects.toThrow(
			'contains capital letters',
		);
	});

	test('the committed table is what the generator makes from pinyin-pro', () => {
		const committed = readFileSync(TABLE_FILE, 'utf8');
		expect(renderTable()).toBe(committed);
		expect(Buffer.byteLength(committed)).toBeLessThan(200 * 1024);
	});

	test('node code never loads pinyin-pro, and the package does not depend on it at run time', () => {
		const loads = /(?:\bfrom\s+|\bimport\s+|\b(?:require|import)\(\s*)['"]pinyin-pro['"]/;
		const files = [...sourceFiles(join(ROOT, 'nodes')), ...sourceFiles(join(ROOT, 'credentials'))];
		expect(files).toContain(TABLE_FILE);
		expect(files.filter((file) => loads.test(readFileSync(file, 'utf8')))).toEqual([]);
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		expect(manifest.devDependencies['pinyin-pro']).toMatch(/^\d+\.\d+\.\d+$/);
		expect(manifest.dependencies?.['pinyin-pro']).toBeUndefined();
		expect(manifest.peerDependencies?.['pinyin-pro']).toBeUndefined();
	});
});
