import {
	decodeCsvBytes,
	encodeCsvBytes,
	parseCsv,
	toCsv,
} from '../../nodes/NeteaseEmail/shared/helpers/csv';

const SAMPLE = '姓名,部门\n张三,研发中心/后端组\n';

// SAMPLE in GBK (Node has no GBK encoder): 姓 D0D5 名 C3FB 部 B2BF 门 C3C5 张 D5C5 三 C8FD
// 研 D1D0 发 B7A2 中 D6D0 心 D0C4 后 BAF3 端 B6CB 组 D7E9.
const SAMPLE_GBK = Buffer.from([
	0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb2, 0xbf, 0xc3, 0xc5, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xd1,
	0xd0, 0xb7, 0xa2, 0xd6, 0xd0, 0xd0, 0xc4, 0x2f, 0xba, 0xf3, 0xb6, 0xcb, 0xd7, 0xe9, 0x0a,
]);

function values(text: string, options?: { delimiter?: string }) {
	return parseCsv(text, options).rows.map((row) => row.values);
}

function lines(text: string) {
	return parseCsv(text).rows.map((row) => row.line);
}

describe('decodeCsvBytes', () => {
	test('reads UTF-8 without a BOM', () => {
		expect(decodeCsvBytes(Buffer.from(SAMPLE, 'utf8'))).toEqual({
			text: SAMPLE,
			encoding: 'utf-8',
		});
	});

	test('strips a UTF-8 BOM', () => {
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
		expect(decodeCsvBytes(bytes)).toEqual({ text: SAMPLE, encoding: 'utf-8' });
	});

	test('reads pure ASCII and empty input as UTF-8', () => {
		expect(decodeCsvBytes(Buffer.from('a,b\n1,2\n'))).toEqual({
			text: 'a,b\n1,2\n',
			encoding: 'utf-8',
		});
		expect(decodeCsvBytes(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8' });
	});

	test('falls back to GBK when the bytes are not UTF-8', () => {
		expect(decodeCsvBytes(SAMPLE_GBK)).toEqual({ text: SAMPLE, encoding: 'gbk' });
		expect(parseCsv(decodeCsvBytes(SAMPLE_GBK).text)).toEqual({
			headers: ['姓名', '部门'],
			rows: [{ line: 2, values: { 姓名: '张三', 部门: '研发中心/后端组' } }],
			problems: [],
		});
	});

	test('reads UTF-16LE with a BOM (Excel "Unicode text")', () => {
		const text = '姓名\t部门\r\n张三\t研发中心/后端组\r\n';
		const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		expect(decodeCsvBytes(bytes)).toEqual({ text, encoding: 'utf-16le' });
		expect(values(decodeCsvBytes(bytes).text)).toEqual([{ 姓名: '张三', 部门: '研发中心/后端组' }]);
	});

	test('trusts a UTF-8 BOM even when a byte after it is broken', () => {
		const bytes = Buffer.concat([
			Buffer.from([0xef, 0xbb, 0xbf]),
			Buffer.from('名,x\n'),
			Buffer.from([0xff]),
		]);
		expect(decodeCsvBytes(bytes)).toEqual({ text: '名,x\n\ufffd', encoding: 'utf-8' });
	});
});

describe('encodeCsvBytes', () => {
	test('writes UTF-8 with a BOM', () => {
		const bytes = encodeCsvBytes('张三,a\r\n');
		expect(bytes).toBeInstanceOf(Uint8Array);
		expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
		expect(Buffer.from(bytes.subarray(3)).toString('utf8')).toBe('张三,a\r\n');
		expect(decodeCsvBytes(bytes)).toEqual({ text: '张三,a\r\n', encoding: 'utf-8' });
	});
});

describe('parseCsv', () => {
	test('reads a header and rows with their line numbers', () => {
		expect(parseCsv('name,email\nAlice,a@x.com\nBob,b@x.com')).toEqual({
			headers: ['name', 'email'],
			rows: [
				{ line: 2, values: { name: 'Alice', email: 'a@x.com' } },
				{ line: 3, values: { name: 'Bob', email: 'b@x.com' } },
			],
			problems: [],
		});
	});

	test.each([
		['LF', '\n'],
		['CRLF', '\r\n'],
		['CR', '\r'],
	])('handles %s line endings', (_name, eol) => {
		const text = ['a,b', '1,2', '3,4', ''].join(eol);
		expect(parseCsv(text)).toEqual({
			headers: ['a', 'b'],
			rows: [
				{ line: 2, values: { a: '1', b: '2' } },
				{ line: 3, values: { a: '3', b: '4' } },
			],
			problems: [],
		});
	});

	test('a trailing newline does not make an empty row', () => {
		expect(values('a,b\n1,2\n')).toEqual([{ a: '1', b: '2' }]);
		expect(values('a,b\r\n1,2\r\n')).toEqual([{ a: '1', b: '2' }]);
	});

	test('skips blank and whitespace-only lines but keeps counting them', () => {
		const result = parseCsv('\n\na,b\n\n1,2\r\n   \r\n\t\n3,4\n\n\n');
		expect(result.headers).toEqual(['a', 'b']);
		expect(result.rows).toEqual([
			{ line: 5, values: { a: '1', b: '2' } },
			{ line: 8, values: { a: '3', b: '4' } },
		]);
		expect(result.problems).toEqual([]);
	});

	test('returns nothing for empty input', () => {
		expect(parseCsv('')).toEqual({ headers: [], rows: [], problems: [] });
		expect(parseCsv('\r\n\n')).toEqual({ headers: [], rows: [], problems: [] });
	});

	test('a header without rows', () => {
		expect(parseCsv('a,b\r\n')).toEqual({ headers: ['a', 'b'], rows: [], problems: [] });
	});

	test('ignores a BOM left in the text', () => {
		expect(parseCsv('\ufeffname,email\nA,a@x\n').headers).toEqual(['name', 'email']);
	});

	describe('delimiter', () => {
		test('detects semicolons (European Excel)', () => {
			expect(values('name;city;note\nA;Berlin;x,y\n')).toEqual([
				{ name: 'A', city: 'Berlin', note: 'x,y' },
			]);
		});

		test('detects tabs', () => {
			expect(values('name\tnote\nA\t"1,2;3"\n')).toEqual([{ name: 'A', note: '1,2;3' }]);
		});

		test('counts only delimiters outside quotes in the header line', () => {
			expect(parseCsv('"a,b,c";d;e\n1;2;3\n').headers).toEqual(['a,b,c', 'd', 'e']);
			expect(parseCsv('"x;y;z",w\n1,2\n').headers).toEqual(['x;y;z', 'w']);
		});

		test('uses the first non-empty line and defaults to comma', () => {
			expect(parseCsv('\n\na;b\n1;2').headers).toEqual(['a', 'b']);
			expect(values('name\nA;B\n')).toEqual([{ name: 'A;B' }]);
		});

		test('prefers comma on a tie', () => {
			expect(parseCsv('a,b;c\n').headers).toEqual(['a', 'b;c']);
		});

		test('an explicit delimiter wins over detection', () => {
			expect(values('a,b|c\n1,2|3\n', { delimiter: '|' })).toEqual([{ 'a,b': '1,2', c: '3' }]);
			expect(values('a;b\n1;2\n', { delimiter: ',' })).toEqual([{ 'a;b': '1;2' }]);
		});

		test.each(['', ',,', '"', '\n', '\r'])('refuses the delimiter %j', (delimiter) => {
			expect(() => parseCsv('a,b\n', { delimiter })).toThrow('Invalid CSV delimiter');
		});
	});

	describe('quoting', () => {
		test('quoted fields hold delimiters, escaped quotes and empty strings', () => {
			expect(values('a,b,c\n"x,y","say ""hi""",""\n')).toEqual([
				{ a: 'x,y', b: 'say "hi"', c: '' },
			]);
		});

		test('quoted fields hold newlines, and later rows keep their physical line numbers', () => {
			const result = parseCsv('name,address\r\nA,"line 1\r\nline 2\nline 3\rline 4"\r\nB,x\r\n');
			expect(result.rows).toEqual([
				{ line: 2, values: { name: 'A', address: 'line 1\r\nline 2\nline 3\rline 4' } },
				{ line: 6, values: { name: 'B', address: 'x' } },
			]);
			expect(result.problems).toEqual([]);
		});

		test('a row starts on the line of its first character, even when a header spans lines', () => {
			const result = parseCsv('"first\nname",b\n1,2\n');
			expect(result.headers).toEqual(['first\nname', 'b']);
			expect(result.rows).toEqual([{ line: 3, values: { 'first\nname': '1', b: '2' } }]);
		});

		test('keeps quotes inside an unquoted value literally', () => {
			expect(values('a,b\n5" disk,O"Brien\n')).toEqual([{ a: '5" disk', b: 'O"Brien' }]);
		});

		test('an unclosed quote is reported on the line it opened, with the rows before it', () => {
			const result = parseCsv('name,note\nA,ok\nB,"broken\nC,more\nD,end\n');
			expect(result.headers).toEqual(['name', 'note']);
			expect(result.rows).toEqual([{ line: 2, values: { name: 'A', note: 'ok' } }]);
			expect(result.problems).toEqual([{ line: 3, message: expect.stringContaining('line 3') }]);
			expect(result.problems[0].message).toMatch(/closing quote/);
		});

		test('an unclosed quote after a multi-line value names its own line', () => {
			const result = parseCsv('a,b\n1,"x\ny"\n2,3\n4,"oops');
			expect(result.rows.map((row) => row.line)).toEqual([2, 4]);
			expect(result.problems.map((problem) => problem.line)).toEqual([5]);
		});

		test('an unclosed quote in the header leaves no headers', () => {
			expect(parseCsv('"name,email\nA,a@x\n')).toEqual({
				headers: [],
				rows: [],
				problems: [{ line: 1, message: expect.stringMatching(/closing quote/) }],
			});
		});
	});

	describe('header', () => {
		test('trims header names', () => {
			expect(parseCsv(' name ,\temail\n').headers).toEqual(['name', 'email']);
		});

		test('reports duplicate names on the header line and keeps the first column', () => {
			const result = parseCsv('name,email,name\nA,a@x,B\n');
			expect(result.headers).toEqual(['name', 'email', 'name']);
			expect(result.problems).toEqual([
				{ line: 1, message: 'Column 3 of the header repeats the name "name" of column 1' },
			]);
			expect(result.rows).toEqual([{ line: 2, values: { name: 'A', email: 'a@x' } }]);
		});

		test('duplicates are found after trimming', () => {
			expect(parseCsv('邮箱, 邮箱\n').problems).toEqual([
				{ line: 1, message: 'Column 2 of the header repeats the name "邮箱" of column 1' },
			]);
		});

		test('reports empty names on the header line', () => {
			const result = parseCsv('name,  ,email\nA,x,a@x\n');
			expect(result.headers).toEqual(['name', '', 'email']);
			expect(result.problems).toEqual([{ line: 1, message: 'Column 2 of the header has no name' }]);
			expect(result.rows).toEqual([{ line: 2, values: { name: 'A', email: 'a@x' } }]);
		});

		test('ignores trailing empty header cells that Excel writes', () => {
			const result = parseCsv('name,email,,\nA,a@x,,\n');
			expect(result.headers).toEqual(['name', 'email']);
			expect(result.problems).toEqual([]);
			expect(result.rows).toEqual([{ line: 2, values: { name: 'A', email: 'a@x' } }]);
		});

		test('reports the header line when blank lines come before it', () => {
			expect(parseCsv('\n\na,a\n').problems.map((problem) => problem.line)).toEqual([3]);
		});
	});

	describe('row width', () => {
		test('a row with more values than columns is a problem and is left out', () => {
			const result = parseCsv('a,b,c,d\n1,2,3,4\n1,2,3,4,5\n5,6,7,8\n');
			expect(result.rows.map((row) => row.line)).toEqual([2, 4]);
			expect(result.problems).toEqual([
				{ line: 3, message: 'Line 3 has 5 values but the header has 4 columns' },
			]);
		});

		test('extra empty cells at the end of a row are not values', () => {
			const result = parseCsv('a,b\n1,2,,\n3,, ,\n');
			expect(result.problems).toEqual([]);
			expect(result.rows.map((row) => row.values)).toEqual([
				{ a: '1', b: '2' },
				{ a: '3', b: '' },
			]);
		});

		test('an extra value after empty cells still counts', () => {
			expect(parseCsv('a,b\n1,2,,x\n').problems).toEqual([
				{ line: 2, message: 'Line 2 has 4 values but the header has 2 columns' },
			]);
		});

		test('missing trailing cells become empty strings', () => {
			expect(values('a,b,c,d\n1,2\n1\n')).toEqual([
				{ a: '1', b: '2', c: '', d: '' },
				{ a: '1', b: '', c: '', d: '' },
			]);
		});

		test('a row of only delimiters is a row of empty values', () => {
			expect(parseCsv('a,b\n,\n').rows).toEqual([{ line: 2, values: { a: '', b: '' } }]);
		});
	});

	describe('values', () => {
		test('are not trimmed', () => {
			expect(values('a,b\n  x , y\t\n')).toEqual([{ a: '  x ', b: ' y\t' }]);
		});

		test('an unquoted value of only whitespace becomes empty; a quoted one is kept', () => {
			expect(values('a,b,c\n   ,\t,"  "\n')).toEqual([{ a: '', b: '', c: '  ' }]);
		});

		test('keep formula-like and phone-number text unchanged', () => {
			expect(values("a,b,c,d,e\n=SUM(A1),+8613800138000,-5,@x,'=1\n")).toEqual([
				{ a: '=SUM(A1)', b: '+8613800138000', c: '-5', d: '@x', e: "'=1" },
			]);
		});
	});

	test('line numbers count every physical line', () => {
		expect(lines('h\n1\n\n2\r\n"3\n3"\n4\r5')).toEqual([2, 4, 5, 7, 8]);
	});
});

describe('toCsv', () => {
	test('writes a header and rows with CRLF and commas', () => {
		expect(
			toCsv(
				['name', 'rank'],
				[
					{ name: 'Alice', rank: 3 },
					{ name: 'Bob', rank: 4 },
				],
			),
		).toBe('name,rank\r\nAlice,3\r\nBob,4\r\n');
	});

	test('quotes only the values that need it', () => {
		const row = {
			plain: '张三',
			comma: 'a,b',
			quote: 'say "hi"',
			lf: 'x\ny',
			cr: 'x\ry',
			semicolon: 'a;b',
			tab: 'a\tb',
			lead: ' x',
			trail: 'x ',
			inner: 'a b',
		};
		expect(toCsv(Object.keys(row), [row]).split('\r\n')[1]).toBe(
			'张三,"a,b","say ""hi""","x\ny","x\ry","a;b","a\tb"," x","x ",a b',
		);
	});

	test('writes null and undefined as empty, scalars as text, objects as JSON', () => {
		expect(
			toCsv(
				['n', 'u', 'missing', 'num', 'yes', 'no', 'obj', 'arr'],
				[{ n: null, u: undefined, num: -1.5, yes: true, no: false, obj: { a: 1 }, arr: [1, 'x'] }],
			),
		).toBe('n,u,missing,num,yes,no,obj,arr\r\n,,,-1.5,true,false,"{""a"":1}","[1,""x""]"\r\n');
	});

	test('does not prefix formula-like values', () => {
		expect(
			toCsv(['a', 'b', 'c', 'd'], [{ a: '=1+1', b: '+8613800138000', c: '-5', d: '@x' }]),
		).toBe('a,b,c,d\r\n=1+1,+8613800138000,-5,@x\r\n');
	});

	test('writes an empty single value as "" so that it is not a blank line', () => {
		expect(toCsv(['a'], [{ a: '' }, { a: 'x' }])).toBe('a\r\n""\r\nx\r\n');
		expect(parseCsv(toCsv(['a'], [{ a: '' }, { a: 'x' }])).rows.map((row) => row.values)).toEqual([
			{ a: '' },
			{ a: 'x' },
		]);
	});

	test('writes only the header when there are no rows', () => {
		expect(toCsv(['a', 'b'], [])).toBe('a,b\r\n');
	});
});

describe('round trip', () => {
	function roundTrip(headers: string[], rows: Array<Record<string, string>>) {
		const bytes = encodeCsvBytes(toCsv(headers, rows));
		const decoded = decodeCsvBytes(bytes);
		expect(decoded.encoding).toBe('utf-8');
		const result = parseCsv(decoded.text);
		expect(result.problems).toEqual([]);
		expect(result.headers).toEqual(headers);
		expect(result.rows.map((row) => row.values)).toEqual(rows);
		return result;
	}

	const TRICKY = [
		'张三',
		'研发中心/后端组',
		'+8613800138000',
		'-5',
		'=SUM(A1:A2)',
		'@handle',
		'a,b',
		'a;b',
		'tab\there',
		'say "hi"',
		'"',
		'""',
		'"quoted"',
		'line 1\nline 2',
		'line 1\r\nline 2',
		'ends with CR\r',
		'\n',
		' leading',
		'trailing ',
		'  both  ',
		' ',
		'\t',
		'\u3000全角空格',
		'',
		"'=1",
		'😀 emoji',
		'\ufeffbom inside',
	];

	test('keeps every tricky value in every column position', () => {
		const headers = ['姓名', '部门', 'mobile', 'note'];
		const rows = TRICKY.map((value, i) => ({
			姓名: value,
			部门: TRICKY[(i + 1) % TRICKY.length],
			mobile: TRICKY[(i + 2) % TRICKY.length],
			note: TRICKY[(i + 3) % TRICKY.length],
		}));
		roundTrip(headers, rows);
	});

	test.each(TRICKY)('keeps %j in a single-column file', (value) => {
		roundTrip(['value'], [{ value }, { value: 'x' }]);
	});

	test('keeps header names with delimiters, quotes and newlines', () => {
		roundTrip(
			['a,b', 'c;d', 'e"f', 'g\nh', 'i\tj'],
			[{ 'a,b': '1', 'c;d': '2', 'e"f': '3', 'g\nh': '4', 'i\tj': '5' }],
		);
	});

	test('keeps a row of empty values', () => {
		roundTrip(['a', 'b'], [{ a: '', b: '' }]);
	});

	test('1000 rows come back unchanged with their line numbers', () => {
		const headers = ['account', 'name', 'department', 'mobile', 'note'];
		const rows = Array.from({ length: 1000 }, (_, i) => ({
			account: `user${i}`,
			name: `员工${i}`,
			department: i % 3 === 0 ? '研发中心/后端组' : '市场部, 华东区',
			mobile: `+86138${String(i).padStart(8, '0')}`,
			note: i % 7 === 0 ? `multi\nline "${i}"` : i % 5 === 0 ? '' : ` padded ${i} `,
		}));
		const result = roundTrip(headers, rows);
		let expectedLine = 2;
		result.rows.forEach((row, i) => {
			expect(row.line).toBe(expectedLine);
			expectedLine += i % 7 === 0 ? 2 : 1;
		});
	});
});
