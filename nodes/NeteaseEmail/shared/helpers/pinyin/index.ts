/**
 * Account names from people's names: 张三 → zhangsan, zhang.san, zhangs or szhang, and then
 * zhangsan2, zhangsan3… when taken. The pinyin comes from a table generated from pinyin-pro at
 * build time (table.generated.ts), so no pinyin library is loaded at run time. Each character
 * reads as it usually does, and the surname as a surname (单 shan, 曾 zeng, 尉迟 yuchi).
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import type { Field } from '../validation';
import { requireText, validateAccountName } from '../validation';
import { compoundSurnameAt, readingOf, surnameReading } from './readings';

export interface PinyinName {
	/** The surname's syllables (["ou", "yang"]); a surname in Latin letters or after "·" is one word. */
	surname: string[];
	/** The given name's syllables (["san", "feng"]); in Latin letters or before "·", a word per name. */
	given: string[];
	/** Chinese names put the surname first; "John Smith" and 阿卜杜拉·艾买提 put it last. */
	order: 'surnameFirst' | 'givenFirst';
}

export type NamingRule = 'fullPinyin' | 'dottedPinyin' | 'surnameInitials' | 'initialsSurname';

/** The naming rules as options of an n8n parameter. */
export const NAMING_RULES: Array<INodePropertyOptions & { value: NamingRule }> = [
	{
		name: 'Full Pinyin',
		value: 'fullPinyin',
		description: '张三 → zhangsan, 欧阳修 → ouyangxiu, John Smith → johnsmith',
	},
	{
		name: 'Full Pinyin With a Dot',
		value: 'dottedPinyin',
		description: '张三 → zhang.san, 欧阳修 → ouyang.xiu, John Smith → john.smith',
	},
	{
		name: 'Given-Name Initials and Surname',
		value: 'initialsSurname',
		description: '张三丰 → sfzhang, 欧阳修 → xouyang, John Smith → jsmith',
	},
	{
		name: 'Surname and Given-Name Initials',
		value: 'surnameInitials',
		description: '张三丰 → zhangsf, 欧阳修 → ouyangx, John Smith → smithj',
	},
];

/** validateAccountName's limit. */
const ACCOUNT_NAME_MAX_LENGTH = 64;
/** zhangsan, zhangsan2 … zhangsan1000: more means the lookup or the data is wrong. */
export const MOST_COLLISIONS = 1000;

/** The dots between the parts of a transliterated name (阿卜杜拉·艾买提), after NFKC. */
const NAME_DOTS = /[\u00b7\u2022\u2027\u2219\u22c5\u30fb]/;
const SEPARATOR = /[\s.\u00b7\u2022\u2027\u2219\u22c5\u30fb]/;
/** Dropped inside a word: O'Brien → obrien, Jean-Luc → jeanluc. */
const JOINER = /['\u2019\u2010-]/;
/** Latin letters without a decomposition to a-z. */
const OTHER_LATIN: Record<string, string> = {
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	ø: 'o',
	đ: 'd',
	ð: 'd',
	ł: 'l',
	þ: 'th',
	ı: 'i',
};

/**
 * One Latin letter or digit as a-z/0-9 (é → e, Ñ → n), if it is one. Pinyin writes ü only in
 * lü and nü, which toneless pinyin spells lv and nv; elsewhere (Müller) ü is u.
 */
function latinLetter(character: string, previous: string): string | undefined {
	const lower = character.toLowerCase();
	const decomposed = lower.normalize('NFD');
	if (decomposed.startsWith('u\u0308')) return previous === 'l' || previous === 'n' ? 'v' : 'u';
	const bare = decomposed.replace(/\p{M}+/gu, '');
	return /^[a-z0-9]$/.test(bare) ? bare : OTHER_LATIN[lower];
}

function unconvertible(field: Field, name: string, character: string) {
	const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
	const what = /\p{Script=Han}/u.test(character)
		? 'a Chinese character the pinyin table has no reading for'
		: 'which has no pinyin or Latin spelling';
	return field.invalid(
		`"${name}" contains "${character}" (${code}), ${what}`,
		'Give the account name yourself (e.g. zhangsan) instead of deriving it from the name, or correct the name.',
	);
}

/** Each Chinese character as its syllable, each run of Latin letters and digits as one word. */
function syllablesAndWords(field: Field, name: string, text: string): string[] {
	const units: string[] = [];
	let word = '';
	const endWord = () => {
		if (word) units.push(word);
		word = '';
	};
	for (const character of text) {
		if (SEPARATOR.test(character)) {
			endWord();
			continue;
		}
		if (JOINER.test(character)) continue;
		const letter = latinLetter(character, word.slice(-1));
		if (letter) {
			word += letter;
			continue;
		}
		const syllable = readingOf(character);
		if (!syllable) throw unconvertible(field, name, character);
		endWord();
		units.push(syllable);
	}
	endWord();
	return units;
}

function surnameFirst(field: Field, name: string, surname: string, given: string): PinyinName {
	return {
		surname: surnameReading(surname) ?? syllablesAndWords(field, name, surname),
		given: syllablesAndWords(field, name, given),
		order: 'surnameFirst',
	};
}

/** Each part of `text` (between spaces or dots) as one word. */
function wordsOf(field: Field, name: string, text: string): string[] {
	return text
		.split(SEPARATOR)
		.map((part) => syllablesAndWords(field, name, part).join(''))
		.filter(Boolean);
}

/** The last word is the surname. */
function givenFirst(field: Field, name: string, text: string): PinyinName {
	const words = wordsOf(field, name, text);
	return { surname: words.slice(-1), given: words.slice(0, -1), order: 'givenFirst' };
}

/** `text` after its first `count` characters that are not separators. */
function after(text: string, count: number): string {
	let offset = 0;
	for (const character of text) {
		if (count === 0) break;
		if (!SEPARATOR.test(character)) count--;
		offset += character.length;
	}
	return text.slice(offset);
}

function guess(field: Field, name: string): PinyinName {
	const characters = Array.from(name).filter((character) => !SEPARATOR.test(character));
	if (!/\p{Script=Han}/u.test(characters[0] ?? '') || NAME_DOTS.test(name)) {
		return givenFirst(field, name, name);
	}
	// A two-character name is a surname and a given name even when it could be a compound surname.
	const compound = characters.length > 2 ? compoundSurnameAt(characters.join('')) : undefined;
	const surname = compound ?? characters[0];
	return surnameFirst(field, name, surname, after(name, Array.from(surname).length));
}

function splitAt(field: Field, name: string, surname: string): PinyinName {
	const lowerName = name.toLowerCase();
	const lowerSurname = surname.toLowerCase();
	if (lowerName.startsWith(lowerSurname)) {
		return surnameFirst(field, name, surname, name.slice(surname.length));
	}
	if (lowerName.endsWith(lowerSurname)) {
		return {
			surname: [wordsOf(field, name, surname).join('')].filter(Boolean),
			given: wordsOf(field, name, name.slice(0, name.length - surname.length)),
			order: 'givenFirst',
		};
	}
	throw field.invalid(
		`"${name}" neither starts nor ends with the surname "${surname}"`,
		'Give the surname as it is written in the name, or leave it out.',
	);
}

/**
 * Reads a person's name as pinyin. Chinese names are surname first, with compound surnames
 * (欧阳修 → ou yang + xiu) when the name is longer than the surname; names with "·" (阿卜杜拉·艾买提)
 * and names in Latin letters (John Smith) end with the surname. `surname`, when the record has
 * it, settles which part the surname is (e.g. "Zhang" in "Zhang San").
 */
export function nameToPinyin(
	field: Field,
	value: unknown,
	options: { surname?: string } = {},
): PinyinName {
	const name = requireText(field, value).normalize('NFKC');
	const surname = options.surname?.trim().normalize('NFKC');
	const read = surname ? splitAt(field, name, surname) : guess(field, name);
	if (read.surname.length === 0 && read.given.length === 0) {
		throw field.invalid(
			`"${name}" has no letters or Chinese characters to make an account name from`,
			'Correct the name, or give the account name yourself.',
		);
	}
	return read;
}

/** The first `length` characters of an account name, not ending with ".", "_" or "-". */
function fit(accountName: string, length: number): string {
	return accountName.slice(0, length).replace(/[._-]+$/, '');
}

/** A name's pinyin as an account name by `rule`, shortened to the longest account name allowed. */
export function composeAccountName(name: PinyinName, rule: NamingRule): string {
	const surname = name.surname.join('');
	const initials = name.given.map((unit) => unit[0]).join('');
	const parts =
		name.order === 'surnameFirst' ? [surname, name.given.join('')] : [...name.given, surname];
	const composed = {
		fullPinyin: () => parts.join(''),
		dottedPinyin: () => parts.filter(Boolean).join('.'),
		surnameInitials: () => surname + initials,
		initialsSurname: () => initials + surname,
	}[rule]();
	return fit(composed, ACCOUNT_NAME_MAX_LENGTH);
}

/** `nameToPinyin` then `composeAccountName`, checked as an account name. */
export function accountNameFromName(
	field: Field,
	value: unknown,
	rule: NamingRule,
	options: { surname?: string } = {},
): string {
	return validateAccountName(field, composeAccountName(nameToPinyin(field, value, options), rule));
}

/**
 * `base`, or base2, base3… (shortened to fit), the first that `taken` says is free. Callers that
 * name several people in one run must count the names they already chose as taken.
 */
export async function withCollisionSuffix(
	field: Field,
	base: string,
	taken: (accountName: string) => boolean | Promise<boolean>,
): Promise<string> {
	validateAccountName(field, base);
	for (let number = 1; number <= MOST_COLLISIONS; number++) {
		const suffix = number === 1 ? '' : String(number);
		const candidate = fit(base, ACCOUNT_NAME_MAX_LENGTH - suffix.length) + suffix;
		if (!(await taken(candidate))) return candidate;
	}
	throw field.invalid(
		`"${base}" and "${base}2" to "${base}${MOST_COLLISIONS}" are all taken`,
		'Give the account name yourself.',
	);
}
