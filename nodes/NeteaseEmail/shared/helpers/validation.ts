import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Input checks run before any request is sent. The rules mirror what the platform (and the
 * sandbox) accept, so a bad value fails here with the field named instead of half-way through a run.
 */
const ACCOUNT_NAME = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CHINA_MOBILE = /^1[3-9]\d{9}$/;
const INTERNATIONAL_MOBILE = /^\d{5,15}$/;
const MD5_HEX = /^[a-f0-9]{32}$/i;

export function invalid(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(node, `${field} ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: fix,
	});
}

export function requireText(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	maxLength = 256,
): string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!text) throw invalid(node, itemIndex, field, 'is empty', `Enter a value for "${field}".`);
	if (text.length > maxLength) {
		throw invalid(
			node,
			itemIndex,
			field,
			`is longer than ${maxLength} characters`,
			`Shorten "${field}".`,
		);
	}
	return text;
}

export function isMailDomain(text: string): boolean {
	return DOMAIN.test(text);
}

export function validateDomain(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const domain = requireText(node, itemIndex, field, value).toLowerCase();
	if (!DOMAIN.test(domain)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`"${domain}" is not a mail domain`,
			'Use a domain such as example.com, without "@" or "http://".',
		);
	}
	return domain;
}

export function validateAccountName(
	node: INode,
	itemIndex: number,
	field: string,
	value: string,
): string {
	if (/[A-Z]/.test(value)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`"${value}" contains capital letters`,
			`Account names are lowercase: use "${value.toLowerCase()}".`,
		);
	}
	if (!ACCOUNT_NAME.test(value) || value.includes('..')) {
		throw invalid(
			node,
			itemIndex,
			field,
			`"${value}" is not a valid account name`,
			'Use 1–64 lowercase letters, digits, ".", "_" or "-", starting and ending with a letter or digit, without "..".',
		);
	}
	return value;
}

export interface AccountAddress {
	accountName: string;
	domain: string;
	email: string;
}

/** Accepts "zhang.san" or "zhang.san@example.com"; the domain defaults to the credential's. */
export function parseAccountAddress(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	defaultDomain: string,
): AccountAddress {
	const text = requireText(node, itemIndex, field, value, 320);
	const at = text.lastIndexOf('@');
	const localPart = at === -1 ? text : text.slice(0, at);
	const domain =
		at === -1
			? validateDomain(node, itemIndex, 'Default Mail Domain (credential)', defaultDomain)
			: validateDomain(node, itemIndex, field, text.slice(at + 1));
	const accountName = validateAccountName(node, itemIndex, field, localPart);
	return { accountName, domain, email: `${accountName}@${domain}` };
}

export type PasswordType = 'plain' | 'md5';

export function validatePassword(
	node: INode,
	itemIndex: number,
	password: unknown,
	type: PasswordType,
	accountName?: string,
): string {
	const field = 'Password';
	const text = typeof password === 'string' ? password : '';
	if (!text) throw invalid(node, itemIndex, field, 'is empty', 'Enter the initial password.');
	if (type === 'md5') {
		if (!MD5_HEX.test(text)) {
			throw invalid(
				node,
				itemIndex,
				field,
				'is not an MD5 digest',
				'With Password Type "MD5", pass the 32-character hexadecimal MD5 of the password.',
			);
		}
		return text.toLowerCase();
	}
	const fix =
		'Use 8–32 characters without spaces, mixing at least two of letters, digits and symbols, and not containing the account name.';
	if (text.length < 8 || text.length > 32)
		throw invalid(node, itemIndex, field, `has ${text.length} characters`, fix);
	if (/\s/.test(text)) throw invalid(node, itemIndex, field, 'contains spaces', fix);
	const classes = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(text)).length;
	if (classes < 2) throw invalid(node, itemIndex, field, 'uses only one kind of character', fix);
	if (accountName && text.toLowerCase().includes(accountName.toLowerCase())) {
		throw invalid(node, itemIndex, field, 'contains the account name', fix);
	}
	return text;
}

/** Normalises a mobile number; a Chinese mainland number unless a country code is given. */
export function validateMobile(
	node: INode,
	itemIndex: number,
	value: unknown,
	countryCode = '',
): string {
	const field = 'Mobile';
	let digits = requireText(node, itemIndex, field, value, 32).replace(/[\s-]/g, '');
	if (!countryCode && digits.startsWith('+86')) digits = digits.slice(3);
	const valid = countryCode ? INTERNATIONAL_MOBILE.test(digits) : CHINA_MOBILE.test(digits);
	if (!valid) {
		throw invalid(
			node,
			itemIndex,
			field,
			`"${value}" is not a valid mobile number`,
			countryCode
				? 'Enter 5–15 digits without the country code.'
				: 'Enter an 11-digit Chinese mainland number (e.g. 13800138000), or set the country code for other numbers.',
		);
	}
	return digits;
}

export function validateRank(node: INode, itemIndex: number, value: unknown): number {
	const rank = Number(value);
	if (!Number.isInteger(rank) || rank < 1) {
		throw invalid(
			node,
			itemIndex,
			'Rank',
			`"${value}" is not a whole number of 1 or more`,
			'Use 1 for the first position.',
		);
	}
	return rank;
}

/** Splits "研发中心/后端组" into its names; rejects empty segments such as "a//b". */
export function parseDepartmentPath(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
): string[] {
	const text = requireText(node, itemIndex, field, value, 1024);
	const names = text
		.replace(/^\/+|\/+$/g, '')
		.split('/')
		.map((name) => name.trim());
	if (names.some((name) => !name)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`"${text}" has an empty level`,
			'Separate department names with single "/", e.g. 研发中心/后端组.',
		);
	}
	return names;
}
