import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Input checks run before any request is sent. The rules mirror what the platform (and the
 * sandbox) accept, so a bad value fails here with the field named instead of half-way through a run.
 * Each check takes the `Field` it reads, so the error names it exactly as the editor does.
 */
const ACCOUNT_NAME = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL_LOCAL_PART = /^[A-Za-z0-9._%+-]{1,64}$/;
const CHINA_MOBILE = /^1[3-9]\d{9}$/;
const INTERNATIONAL_MOBILE = /^\d{5,15}$/;
const MD5_HEX = /^[a-f0-9]{32}$/i;
export const DEPARTMENT_NAME_MAX_LENGTH = 64;

/** Where a value came from: a parameter of an item, or a column of an imported row. */
export interface Field {
	label: string;
	invalid(problem: string, fix: string): NodeOperationError;
}

/** A field of an item: errors read `<label> <problem> [item N]`, with the fix as description. */
export function itemField(node: INode, itemIndex: number, label: string): Field {
	return {
		label,
		invalid: (problem, fix) =>
			new NodeOperationError(node, `${label} ${problem} [item ${itemIndex}]`, {
				itemIndex,
				description: fix,
			}),
	};
}

/**
 * A text parameter as n8n gives it: text, or a number an expression gave, as text; `''` when
 * there is none. Anything else an expression may give (an object, a list, true or false) fails
 * saying what it is, instead of passing as "[object Object]" or reading as empty.
 */
export function textOf(field: Field, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	const kind = Array.isArray(value)
		? 'a list'
		: typeof value === 'boolean'
			? String(value)
			: typeof value === 'object'
				? 'an object'
				: `a ${typeof value}`;
	throw field.invalid(
		`is ${kind}, not text`,
		`Give "${field.label}" as text: when an expression fills it, take the one field you mean (e.g. {{ $json.name }}), or join a list with .join(', ').`,
	);
}

/** What may be in a text: one line, several lines, or an identifier (a name, an address, an ID). */
export type TextKind = 'line' | 'multiline' | 'identifier';

/** Characters that show nothing: pasted along from web pages and chats, or used to disguise text. */
const INVISIBLE: Record<number, string> = {
	0x00ad: 'soft hyphen',
	0x200b: 'zero-width space',
	0x200c: 'zero-width non-joiner',
	0x200d: 'zero-width joiner',
	0x200e: 'left-to-right mark',
	0x200f: 'right-to-left mark',
	0x202a: 'left-to-right embedding',
	0x202b: 'right-to-left embedding',
	0x202c: 'pop directional formatting',
	0x202d: 'left-to-right override',
	0x202e: 'right-to-left override',
	0x2060: 'word joiner',
	0x2066: 'left-to-right isolate',
	0x2067: 'right-to-left isolate',
	0x2068: 'first strong isolate',
	0x2069: 'pop directional isolate',
	0xfeff: 'zero-width no-break space',
};

/** Invisible characters that free text of some scripts (and emoji) needs; never in identifiers. */
const JOINERS_AND_MARKS = new Set([0x200c, 0x200d, 0x200e, 0x200f]);

/** Cyrillic and Greek letters that look like Latin ones, each followed by the letter it mimics. */
const LOOK_ALIKE_PAIRS =
	'аaеeоoрpсcуyхxіiјjѕsԁdһhӏlԛqԝwАAВBЕEКKМMНHОOРPСCТTХXІIЈJЅS' +
	'οoαaνvιiκkρpυuΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧX';
const LOOK_ALIKES = new Map(
	Array.from({ length: LOOK_ALIKE_PAIRS.length / 2 }, (_, n) => [
		LOOK_ALIKE_PAIRS[2 * n],
		LOOK_ALIKE_PAIRS[2 * n + 1],
	]),
);

const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;

const codePoint = (character: string) =>
	`U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The ASCII character `character` passes for, and the script it really is from. */
function lookAlike(character: string): { ascii: string; script: string } | undefined {
	const code = character.codePointAt(0)!;
	if (code >= 0xff01 && code <= 0xff5e) {
		return { ascii: String.fromCharCode(code - 0xfee0), script: 'full-width' };
	}
	if (code === 0x3002 || code === 0xff61) return { ascii: '.', script: 'ideographic full stop' };
	const ascii = LOOK_ALIKES.get(character);
	if (ascii) return { ascii, script: code < 0x400 ? 'Greek' : 'Cyrillic' };
	return undefined;
}

/** The first character `text` must not hold as a text of `kind`, as a problem and its fix. */
export function unusualCharacter(
	text: string,
	kind: TextKind,
): { problem: string; fix: string } | undefined {
	for (const character of text) {
		const code = character.codePointAt(0)!;
		if (LINE_BREAK.test(character) && kind !== 'multiline') {
			return {
				problem: 'contains a line break',
				fix: 'Keep it on one line: remove the line breaks (in an expression, e.g. with .replace(/[\\r\\n]+/g, " ")).',
			};
		}
		const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
		if (control && !(kind === 'multiline' && /[\t\r\n\u0085]/.test(character))) {
			return {
				problem: `contains a control character (${codePoint(character)})`,
				fix: 'Remove it: control characters show nothing and usually come with a copied or generated value.',
			};
		}
		const invisible = INVISIBLE[code];
		if (invisible && (kind === 'identifier' || !JOINERS_AND_MARKS.has(code))) {
			return {
				problem: `contains an invisible character (${codePoint(character)}, ${invisible})`,
				fix: 'Delete it, or type the value again: invisible characters usually come with text copied from a web page, a document or a chat.',
			};
		}
		const similar = kind === 'identifier' ? lookAlike(character) : undefined;
		if (similar) {
			const retyped = Array.from(text, (each) => lookAlike(each)?.ascii ?? each).join('');
			return {
				problem: `"${text}" contains "${character}" (${codePoint(character)}, ${similar.script}), which only looks like "${similar.ascii}"`,
				fix: `Type it as "${similar.ascii}", i.e. "${retyped}": addresses, account names and IDs use plain ASCII letters, digits and punctuation.`,
			};
		}
	}
	return undefined;
}

/** Fails when `text` holds a character a text of `kind` must not (see `unusualCharacter`). */
export function checkCharacters(field: Field, text: string, kind: TextKind = 'line'): string {
	const found = unusualCharacter(text, kind);
	if (found) throw field.invalid(found.problem, found.fix);
	return text;
}

/**
 * A required text, trimmed: at most `maxLength` characters, on one line unless `kind` says
 * otherwise, without control or invisible characters.
 */
export function requireText(
	field: Field,
	value: unknown,
	maxLength = 256,
	kind: TextKind = 'line',
): string {
	const text = textOf(field, value).trim();
	if (!text) throw field.invalid('is empty', `Enter a value for "${field.label}".`);
	if (text.length > maxLength) {
		throw field.invalid(`is longer than ${maxLength} characters`, `Shorten "${field.label}".`);
	}
	return checkCharacters(field, text, kind);
}

/** Empty stays undefined; anything else must pass `requireText`. */
export function optionalText(
	field: Field,
	value: unknown,
	maxLength = 256,
	kind: TextKind = 'line',
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return requireText(field, value, maxLength, kind);
}

export function isMailDomain(text: string): boolean {
	return DOMAIN.test(text);
}

export function validateDomain(field: Field, value: unknown): string {
	const domain = checkCharacters(field, requireText(field, value), 'identifier').toLowerCase();
	if (!DOMAIN.test(domain)) {
		throw field.invalid(
			`"${domain}" is not a mail domain`,
			'Use a domain such as example.com, without "@" or "http://".',
		);
	}
	return domain;
}

function isAccountName(text: string): boolean {
	return ACCOUNT_NAME.test(text) && !text.includes('..');
}

export function validateAccountName(field: Field, value: string): string {
	const rules =
		'Use 1–64 lowercase letters, digits, ".", "_" or "-", starting and ending with a letter or digit, without "..".';
	checkCharacters(field, value, 'identifier');
	if (/[A-Z]/.test(value)) {
		const lower = value.toLowerCase();
		// Only suggest what would itself pass.
		const fix = isAccountName(lower) ? `Account names are lowercase: use "${lower}".` : rules;
		throw field.invalid(`"${value}" contains capital letters`, fix);
	}
	if (!isAccountName(value)) throw field.invalid(`"${value}" is not a valid account name`, rules);
	return value;
}

export interface AccountAddress {
	accountName: string;
	domain: string;
	email: string;
}

/**
 * Accepts "zhang.san" or "zhang.san@example.com"; without "@" the domain is `defaultDomain`
 * (already checked by the caller).
 */
export function parseAccountAddress(
	field: Field,
	value: unknown,
	defaultDomain: string,
): AccountAddress {
	const text = checkCharacters(field, requireText(field, value, 320), 'identifier');
	const at = text.lastIndexOf('@');
	if (at === 0) {
		throw field.invalid(
			`"${text}" has nothing before "@"`,
			'Give the account name, e.g. zhang.san or zhang.san@example.com.',
		);
	}
	if (at === text.length - 1) {
		throw field.invalid(
			`"${text}" has no domain after "@"`,
			`Add the domain (e.g. ${text}${defaultDomain}) or leave out "@" to use the default domain.`,
		);
	}
	const domain = at === -1 ? defaultDomain : validateDomain(field, text.slice(at + 1));
	const accountName = validateAccountName(field, at === -1 ? text : text.slice(0, at));
	return { accountName, domain, email: `${accountName}@${domain}` };
}

/** Any mail address, inside the organisation or outside it; returned lower-cased. */
export function validateEmail(field: Field, value: unknown): string {
	const text = checkCharacters(field, requireText(field, value, 320), 'identifier');
	const at = text.lastIndexOf('@');
	const fix = 'Use a full mail address such as zhang.san@example.com.';
	if (at < 1 || !EMAIL_LOCAL_PART.test(text.slice(0, at))) {
		throw field.invalid(`"${text}" is not a mail address`, fix);
	}
	if (!DOMAIN.test(text.slice(at + 1).toLowerCase())) {
		throw field.invalid(`"${text}" has no valid domain after "@"`, fix);
	}
	return text.toLowerCase();
}

export type PasswordType = 'plain' | 'md5';

export function validatePassword(
	field: Field,
	password: unknown,
	type: PasswordType,
	accountName?: string,
): string {
	const text = textOf(field, password);
	if (!text) throw field.invalid('is empty', `Enter a value for "${field.label}".`);
	if (type === 'md5') {
		if (!MD5_HEX.test(text)) {
			throw field.invalid(
				'is not an MD5 digest',
				'With Password Type "MD5", pass the 32-character hexadecimal MD5 of the password.',
			);
		}
		return text.toLowerCase();
	}
	const fix =
		'Use 8–32 characters without spaces, mixing at least two of letters, digits and symbols, and not containing the account name.';
	if (text.length < 8 || text.length > 32)
		throw field.invalid(`has ${text.length} characters`, fix);
	if (/\s/.test(text)) throw field.invalid('contains spaces', fix);
	const classes = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(text)).length;
	if (classes < 2) throw field.invalid('uses only one kind of character', fix);
	if (accountName && text.toLowerCase().includes(accountName.toLowerCase())) {
		throw field.invalid('contains the account name', fix);
	}
	return text;
}

/** Normalises a mobile number; a Chinese mainland number unless a country code is given. */
export function validateMobile(field: Field, value: unknown, countryCode = ''): string {
	let digits = requireText(field, value, 32).replace(/[\s-]/g, '');
	if (!countryCode && digits.startsWith('+86')) digits = digits.slice(3);
	const valid = countryCode ? INTERNATIONAL_MOBILE.test(digits) : CHINA_MOBILE.test(digits);
	if (!valid) {
		throw field.invalid(
			`"${value}" is not a valid mobile number`,
			countryCode
				? 'Enter 5–15 digits without the country code.'
				: 'Enter an 11-digit Chinese mainland number (e.g. 13800138000), or set the country code for other numbers.',
		);
	}
	return digits;
}

export function validateCountryCode(field: Field, value: unknown): string {
	const code = String(value ?? '')
		.replace(/^\+/, '')
		.trim();
	if (code && !/^\d{1,4}$/.test(code)) {
		throw field.invalid(`"${code}" is not a country code`, 'Use 1–4 digits, e.g. 852.');
	}
	return code;
}

export function validateRank(field: Field, value: unknown): number {
	const rank = Number(value);
	if (!Number.isInteger(rank) || rank < 1) {
		throw field.invalid(
			`"${value}" is not a whole number of 1 or more`,
			'Use 1 for the first position.',
		);
	}
	return rank;
}

/** One department name: the same rule for Create, Update and every level of a path. */
export function validateDepartmentName(field: Field, value: unknown): string {
	const name = requireText(field, value, DEPARTMENT_NAME_MAX_LENGTH);
	if (name.includes('/')) {
		throw field.invalid(
			`"${name}" contains "/"`,
			'A department name cannot contain "/"; to create a whole path use Department → Ensure Path.',
		);
	}
	return name;
}

/** Splits "研发中心/后端组" into its names, each checked like a department name. */
export function parseDepartmentPath(field: Field, value: unknown): string[] {
	const text = requireText(field, value, 1024);
	const names = text
		.replace(/^\/+|\/+$/g, '')
		.split('/')
		.map((name) => name.trim());
	if (names.some((name) => !name)) {
		throw field.invalid(
			`"${text}" has an empty level`,
			'Separate department names with single "/", e.g. 研发中心/后端组.',
		);
	}
	for (const name of names) {
		if (name.length > DEPARTMENT_NAME_MAX_LENGTH) {
			throw field.invalid(
				`has the level "${name}", longer than ${DEPARTMENT_NAME_MAX_LENGTH} characters`,
				'Shorten that department name.',
			);
		}
	}
	return names;
}

/**
 * A number parameter's value: a finite number, or text of one (an expression or a CSV gives text);
 * undefined for anything else (empty text, true, "soon"…).
 */
export function numberOf(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** The most a Limit may ask for; more is what Return All is for. */
export const MAX_LIMIT = 1_000_000;

/** A Limit parameter: a whole number of results, 1 to MAX_LIMIT (text of digits is read too). */
export function validateLimit(field: Field, value: unknown): number {
	const limit = numberOf(value);
	if (limit === undefined || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		throw field.invalid(
			`"${String(value)}" is not a whole number from 1 to ${MAX_LIMIT}`,
			'Give how many results to return, e.g. 50, or switch on Return All.',
		);
	}
	return limit;
}

/**
 * A switch: only true or false. An expression giving "yes", "false" or 0 would otherwise be read
 * as off (or on) without a word.
 */
export function validateBoolean(field: Field, value: unknown): boolean {
	if (typeof value !== 'boolean') {
		throw field.invalid(
			`"${String(value)}" is not true or false`,
			'Turn it on or off, or use an expression that yields true or false.',
		);
	}
	return value;
}

/**
 * An options parameter: one of its values. The editor offers only those, but an expression can
 * give anything.
 */
export function validateChoice<T extends string | number | boolean>(
	field: Field,
	value: unknown,
	choices: ReadonlyArray<{ name: string; value: T }>,
): T {
	const choice = choices.find((each) => String(each.value) === String(value));
	if (!choice) {
		const listed = choices.map((each) => `${JSON.stringify(each.value)} (${each.name})`);
		throw field.invalid(`"${String(value)}" is not a choice`, `Use one of: ${listed.join(', ')}.`);
	}
	return choice.value;
}

const MESSAGE_ID = /^[A-Za-z0-9_.:=+/-]{1,128}$/;
export const MESSAGE_ID_HINT =
	'Use the message\'s "id" from Message → Get Many (e.g. ABsAMADBE3Y13ePXA4VlNaol); it belongs to that mailbox.';

/** A message's ID in its mailbox (`mid`), not its Message-ID header, and no path. */
export function validateMessageId(field: Field, value: unknown): string {
	const text = textOf(field, value).trim();
	if (!text) throw field.invalid('is empty', MESSAGE_ID_HINT);
	if (/^<.*@.*>$/.test(text)) {
		throw field.invalid(`"${text}" is a Message-ID header, not a message ID`, MESSAGE_ID_HINT);
	}
	checkCharacters(field, text, 'identifier');
	// "/" and "." belong to IDs, but a "." or ".." step would make one a path.
	if (!MESSAGE_ID.test(text) || text.split('/').some((step) => step === '.' || step === '..')) {
		throw field.invalid(`"${text}" is not a message ID`, MESSAGE_ID_HINT);
	}
	return text;
}
