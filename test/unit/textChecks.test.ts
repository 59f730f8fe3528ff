import { NodeOperationError } from 'n8n-workflow';

import {
	itemField,
	requireText,
	textOf,
	unusualCharacter,
	validateBoolean,
	validateChoice,
	validateLimit,
	validateMessageId,
} from '../../nodes/NeteaseEmail/shared/helpers/validation';
import { node } from './fake-context';

const field = (label = 'Field') => itemField(node, 0, label);

function message(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return (error as NodeOperationError).message;
	}
	throw new Error('expected a NodeOperationError');
}

describe('Text checks of the shared validators', () => {
	test('textOf: text and numbers are text; objects, lists and switches are named', () => {
		expect(textOf(field(), 'x')).toBe('x');
		expect(textOf(field(), 42)).toBe('42');
		expect(textOf(field(), null)).toBe('');
		expect(message(() => textOf(field('Name'), { a: 1 }))).toBe(
			'Name is an object, not text [item 0]',
		);
		expect(message(() => textOf(field('Name'), ['a']))).toBe('Name is a list, not text [item 0]');
		expect(message(() => textOf(field('Name'), false))).toBe('Name is false, not text [item 0]');
	});

	test('several lines allow line breaks and tabs, one line and identifiers do not', () => {
		expect(unusualCharacter('第一行\r\n\t第二行', 'multiline')).toBeUndefined();
		expect(unusualCharacter('a\nb', 'line')?.problem).toBe('contains a line break');
		expect(unusualCharacter('a\tb', 'line')?.problem).toBe('contains a control character (U+0009)');
		expect(unusualCharacter('a\u0000b', 'multiline')?.problem).toBe(
			'contains a control character (U+0000)',
		);
	});

	test('free text keeps joiners and direction marks; identifiers keep nothing invisible', () => {
		const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
		expect(unusualCharacter(`张三 ${family}`, 'line')).toBeUndefined();
		expect(unusualCharacter('a\u200Db', 'identifier')?.problem).toBe(
			'contains an invisible character (U+200D, zero-width joiner)',
		);
		expect(unusualCharacter('a\uFEFFb', 'line')?.problem).toBe(
			'contains an invisible character (U+FEFF, zero-width no-break space)',
		);
	});

	test('look-alikes are reported in identifiers only, with the text retyped', () => {
		const found = unusualCharacter('zh\u0430ng\u3002san\uFF20example.com', 'identifier');
		expect(found?.problem).toBe(
			'"zh\u0430ng\u3002san\uFF20example.com" contains "\u0430" (U+0430, Cyrillic), which only looks like "a"',
		);
		expect(found?.fix).toContain('"zhang.san@example.com"');
		expect(unusualCharacter('Ο\u03BFps', 'identifier')?.problem).toMatch(/U\+039F, Greek/);
		expect(unusualCharacter('王芳：全体员工（研发）', 'line')).toBeUndefined();
	});

	test('requireText checks the trimmed text, as one line unless told otherwise', () => {
		expect(requireText(field(), '  张三 \r\n')).toBe('张三');
		expect(requireText(field(), 'a\r\nb', 256, 'multiline')).toBe('a\r\nb');
		expect(message(() => requireText(field('Name'), 'a\r\nb'))).toBe(
			'Name contains a line break [item 0]',
		);
	});

	test('validateLimit: whole numbers from 1 to a million, digits as text too', () => {
		expect(validateLimit(field(), 50)).toBe(50);
		expect(validateLimit(field(), '20')).toBe(20);
		expect(validateLimit(field(), 1_000_000)).toBe(1_000_000);
		for (const bad of [0, -1, 2.5, 1_000_001, Infinity, NaN, '', 'ten', null, true])
			expect(message(() => validateLimit(field('Limit'), bad))).toMatch(
				/^Limit ".*" is not a whole number from 1 to 1000000 \[item 0\]$/,
			);
	});

	test('validateBoolean and validateChoice', () => {
		expect(validateBoolean(field(), false)).toBe(false);
		expect(message(() => validateBoolean(field('On'), 'false'))).toBe(
			'On "false" is not true or false [item 0]',
		);
		const choices = [
			{ name: 'Inbox', value: 1 },
			{ name: 'Sent', value: 3 },
		];
		expect(validateChoice(field(), '3', choices)).toBe(3);
		expect(message(() => validateChoice(field('Folder'), 9, choices))).toBe(
			'Folder "9" is not a choice [item 0]',
		);
	});

	test('validateMessageId: IDs may hold "/" and ".", never as a path step', () => {
		expect(validateMessageId(field(), 'ABsAMADBE3Y1/3eP.XA4+Vl=')).toBe('ABsAMADBE3Y1/3eP.XA4+Vl=');
		for (const bad of ['../x', 'a/../b', './a', 'a/.'])
			expect(message(() => validateMessageId(field('Message ID'), bad))).toBe(
				`Message ID "${bad}" is not a message ID [item 0]`,
			);
	});
});
