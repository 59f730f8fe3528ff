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

export function requireText(field: Field, value: unknown, maxLength = 256): string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!text) throw field.invalid('is empty', `Enter a value for "${field.label}".`);
	if (text.length > maxLength) {
		throw field.invalid(`is longer than ${maxLength} characters`, `Shorten "${field.label}".`);
	}
	return text;
}

/** Empty stays undefined; anything else must pass `requireText`. */
export function optionalText(field: Field, value: unknown, maxLength = 256): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return requireText(field, value, maxLength);
}

export function isMailDomain(text: string): boolean {
	return DOMAIN.test(text);
}

export function validateDomain(field: Field, value: unknown): string {
	const domain = requireText(field, value).toLowerCase();
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
	const text = requireText(field, value, 320);
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
	const text = requireText(field, value, 320);
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
	const text = typeof password === 'string' ? password : '';
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
