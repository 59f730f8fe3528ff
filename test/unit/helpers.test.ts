import { NodeOperationError } from 'n8n-workflow';

import {
	chinaTimeToIso,
	formatChinaTime,
	parseChinaTime,
} from '../../nodes/NeteaseEmail/shared/helpers/chinaTime';
import { mapWithConcurrency } from '../../nodes/NeteaseEmail/shared/framework/concurrency';
import {
	itemField,
	parseAccountAddress,
	parseDepartmentPath,
	requireText,
	validateAccountName,
	validateDomain,
	validateMobile,
	validatePassword,
	validateRank,
} from '../../nodes/NeteaseEmail/shared/helpers/validation';
import { node } from './fake-context';

function thrown(fn: () => unknown): NodeOperationError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected a NodeOperationError');
}

describe('chinaTime', () => {
	test('reads platform times as UTC+8', () => {
		expect(parseChinaTime('2021-12-01 13:25:08')).toBe(Date.UTC(2021, 11, 1, 5, 25, 8));
		expect(parseChinaTime('2021-9-1 1:2:3')).toBe(Date.UTC(2021, 7, 31, 17, 2, 3));
		expect(parseChinaTime(' 2024-02-29T08:00:00 ')).toBe(Date.UTC(2024, 1, 29, 0, 0, 0));
	});

	test.each(['', 'tomorrow', '2021-12-01', '2021/12/01 13:25:08', '2021-12-01 13:25:08Z'])(
		'%j is not a platform time',
		(text) => {
			expect(parseChinaTime(text)).toBeNaN();
			expect(chinaTimeToIso(text)).toBe('');
		},
	);

	test('converts to ISO and formats back', () => {
		expect(chinaTimeToIso('2026-01-01 00:30:00')).toBe('2025-12-31T16:30:00.000Z');
		expect(formatChinaTime(0)).toBe('1970-01-01 08:00:00');
		expect(formatChinaTime(Date.UTC(2025, 11, 31, 16, 30, 5))).toBe('2026-01-01 00:30:05');
		const now = Math.floor(Date.now() / 1000) * 1000;
		expect(parseChinaTime(formatChinaTime(now))).toBe(now);
	});
});

describe('validation', () => {
	test('requireText trims, accepts numbers, and names the field and item on failure', () => {
		expect(requireText(itemField(node, 0, 'Name'), '  研发  ')).toBe('研发');
		expect(requireText(itemField(node, 0, 'Rank'), 7)).toBe('7');
		const empty = thrown(() => requireText(itemField(node, 3, 'Name'), '   '));
		expect(empty.message).toBe('Name is empty [item 3]');
		expect(empty.description).toBe('Enter a value for "Name".');
		expect(empty.context.itemIndex).toBe(3);
		expect(thrown(() => requireText(itemField(node, 0, 'Name'), undefined)).message).toBe(
			'Name is empty [item 0]',
		);
		expect(thrown(() => requireText(itemField(node, 1, 'Name'), 'abcd', 3)).message).toBe(
			'Name is longer than 3 characters [item 1]',
		);
	});

	test('validateDomain lowercases and rejects addresses and URLs', () => {
		expect(validateDomain(itemField(node, 0, 'Domain'), ' Mail.Example.COM ')).toBe(
			'mail.example.com',
		);
		for (const bad of ['a@example.com', 'http://example.com', 'example', '-x.com', 'ex ample.com'])
			expect(thrown(() => validateDomain(itemField(node, 2, 'Domain'), bad)).message).toMatch(
				/^Domain ".*" is not a mail domain \[item 2\]$/,
			);
	});

	test('validateAccountName', () => {
		expect(validateAccountName(itemField(node, 0, 'Account'), 'zhang.san_01-x')).toBe(
			'zhang.san_01-x',
		);
		expect(validateAccountName(itemField(node, 0, 'Account'), 'a')).toBe('a');
		expect(validateAccountName(itemField(node, 0, 'Account'), 'a'.repeat(64))).toBe('a'.repeat(64));
		const capital = thrown(() => validateAccountName(itemField(node, 1, 'Account'), 'Zhang'));
		expect(capital.message).toBe('Account "Zhang" contains capital letters [item 1]');
		expect(capital.description).toBe('Account names are lowercase: use "zhang".');
		for (const bad of ['.zhang', 'zhang.', 'zh..ang', 'zh ang', 'a'.repeat(65), '', '张三'])
			expect(thrown(() => validateAccountName(itemField(node, 0, 'Account'), bad)).message).toMatch(
				/is not a valid account name/,
			);
	});

	test('parseAccountAddress with and without a domain', () => {
		expect(parseAccountAddress(itemField(node, 0, 'Email'), 'zhang.san', 'example.com')).toEqual({
			accountName: 'zhang.san',
			domain: 'example.com',
			email: 'zhang.san@example.com',
		});
		expect(parseAccountAddress(itemField(node, 0, 'Email'), 'li@Other.CN', 'example.com')).toEqual({
			accountName: 'li',
			domain: 'other.cn',
			email: 'li@other.cn',
		});
		expect(
			thrown(() => parseAccountAddress(itemField(node, 4, 'Email'), 'in.nodomain@', 'x.com'))
				.message,
		).toBe('Email "in.nodomain@" has no domain after "@" [item 4]');
		expect(
			thrown(() => parseAccountAddress(itemField(node, 0, 'Email'), '@x.com', 'x.com')).message,
		).toBe('Email "@x.com" has nothing before "@" [item 0]');
		expect(
			thrown(() => parseAccountAddress(itemField(node, 0, 'Email'), 'li@bad', 'example.com'))
				.message,
		).toMatch(/^Email "bad" is not a mail domain/);
	});

	test('validatePassword: plain rules and MD5', () => {
		expect(validatePassword(itemField(node, 0, 'Password'), 'abc12345', 'plain')).toBe('abc12345');
		expect(
			validatePassword(itemField(node, 0, 'Password'), 'ABCDEF0123456789ABCDEF0123456789', 'md5'),
		).toBe('abcdef0123456789abcdef0123456789');
		const cases: Array<[unknown, string, string | undefined, RegExp]> = [
			['', 'plain', undefined, /is empty/],
			['abc1234', 'plain', undefined, /has 7 characters/],
			['a1'.repeat(17), 'plain', undefined, /has 34 characters/],
			['abc 12345', 'plain', undefined, /contains spaces/],
			['abcdefghij', 'plain', undefined, /only one kind of character/],
			['zhang12345', 'plain', 'Zhang', /contains the account name/],
			['not-md5', 'md5', undefined, /is not an MD5 digest/],
		];
		for (const [password, type, account, pattern] of cases) {
			const error = thrown(() =>
				validatePassword(
					itemField(node, 6, 'Password'),
					password,
					type as 'plain' | 'md5',
					account,
				),
			);
			expect(error.message).toMatch(pattern);
			expect(error.message).toMatch(/^Password .* \[item 6\]$/);
		}
	});

	test('validateMobile', () => {
		expect(validateMobile(itemField(node, 0, 'Mobile'), '138-0013 8000')).toBe('13800138000');
		expect(validateMobile(itemField(node, 0, 'Mobile'), '+8613800138000')).toBe('13800138000');
		expect(validateMobile(itemField(node, 0, 'Mobile'), '6591234567', '65')).toBe('6591234567');
		expect(
			thrown(() => validateMobile(itemField(node, 0, 'Mobile'), '12800138000')).message,
		).toMatch(/not a valid mobile/);
		expect(
			thrown(() => validateMobile(itemField(node, 0, 'Mobile'), '1380013800')).message,
		).toMatch(/not a valid mobile/);
		expect(
			thrown(() => validateMobile(itemField(node, 0, 'Mobile'), '1234', '1')).description,
		).toMatch(/5–15 digits/);
	});

	test('validateRank', () => {
		expect(validateRank(itemField(node, 0, 'Rank'), '3')).toBe(3);
		for (const bad of [0, -1, 1.5, 'x', ''])
			expect(thrown(() => validateRank(itemField(node, 0, 'Rank'), bad)).message).toMatch(
				/not a whole number of 1 or more/,
			);
	});

	test('parseDepartmentPath', () => {
		expect(parseDepartmentPath(itemField(node, 0, 'Path'), '/研发中心/ 后端组 /')).toEqual([
			'研发中心',
			'后端组',
		]);
		expect(parseDepartmentPath(itemField(node, 0, 'Path'), 'Sales')).toEqual(['Sales']);
		expect(thrown(() => parseDepartmentPath(itemField(node, 5, 'Path'), 'a//b')).message).toBe(
			'Path "a//b" has an empty level [item 5]',
		);
		expect(thrown(() => parseDepartmentPath(itemField(node, 0, 'Path'), '/')).message).toMatch(
			/empty level/,
		);
	});
});

describe('mapWithConcurrency', () => {
	function deferred() {
		let resolve: () => void = () => {};
		const promise = new Promise<void>((r) => (resolve = r));
		return { promise, resolve };
	}

	test('runs every index, never more than `limit` at once, results keyed by index', async () => {
		let running = 0;
		let peak = 0;
		const result = await mapWithConcurrency([0, 1, 2, 3, 4, 5, 6], 3, async (i) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise<void>((r) => setImmediate(r));
			running--;
			return i * 10;
		});
		expect(peak).toBe(3);
		expect([...result.entries()].sort((a, b) => a[0] - b[0])).toEqual(
			[0, 1, 2, 3, 4, 5, 6].map((i) => [i, i * 10]),
		);
	});

	test('an empty list runs nothing', async () => {
		const task = jest.fn(async () => 1);
		await expect(mapWithConcurrency([], 5, task)).resolves.toEqual(new Map());
		expect(task).not.toHaveBeenCalled();
	});

	test('after a failure no new task starts; running ones finish; the lowest failing index is thrown', async () => {
		const gates = [0, 1, 2].map(() => deferred());
		const started: number[] = [];
		const finished: number[] = [];
		const run = mapWithConcurrency([0, 1, 2, 3, 4, 5], 3, async (i) => {
			started.push(i);
			if (i < 3) await gates[i].promise;
			finished.push(i);
			if (i === 1 || i === 2) throw new Error(`failed ${i}`);
			return i;
		});
		gates[2].resolve();
		await new Promise<void>((r) => setImmediate(r));
		gates[1].resolve();
		gates[0].resolve();
		await expect(run).rejects.toThrow('failed 1');
		expect(started).toEqual([0, 1, 2]);
		expect(finished.sort()).toEqual([0, 1, 2]);
	});

	test('a limit of 0 still runs the tasks one by one', async () => {
		const order: number[] = [];
		await mapWithConcurrency([3, 1, 2], 0, async (i) => {
			order.push(i);
		});
		expect(order).toEqual([3, 1, 2]);
	});
});
