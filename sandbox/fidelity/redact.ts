/**
 * Removes secrets from recorded platform traffic, replacing each one by a placeholder `<kind-n>`
 * that is stable for the life of one Redactor (one recording): the same value always gets the same
 * placeholder, wherever it appears.
 *
 * Secrets are found by field name (authCode, tokens, passwords, mobiles, account names) and, once
 * known, by value anywhere (inside URLs, messages, JSON held in strings). Mobile numbers (Chinese
 * pattern) and e-mail addresses are also found by pattern in any string; of an address only the
 * local part is replaced, the domain is kept.
 */

export type SecretKind =
	| 'appkey'
	| 'access-token'
	| 'refresh-token'
	| 'sso-token'
	| 'password'
	| 'mobile'
	| 'user';

/** A placeholder as written into a recording: `<user-1>`, `<access-token-2>`… */
export const PLACEHOLDER = /<([a-z]+(?:-[a-z]+)*)-(\d+)>/g;
const WHOLE_PLACEHOLDER = /^<[a-z]+(?:-[a-z]+)*-\d+>$/;

const MOBILE_PATTERN = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
/** `local@domain` or its URL-encoded form `local%40domain`. */
const EMAIL_PATTERN =
	/([A-Za-z0-9._%+-]+)(@|%40)([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

/** Which secret a field holds, by its name; undefined when the name says nothing. */
export function secretKindOfField(name: string): SecretKind | undefined {
	const key = name.toLowerCase();
	if (/authcode|appkey|appsecret/.test(key)) return 'appkey';
	if (/pass(word|wd)|secret/.test(key)) return 'password';
	if (key.includes('token') && !/time|expire/.test(key)) {
		if (key.includes('refresh')) return 'refresh-token';
		return key.includes('sso') ? 'sso-token' : 'access-token';
	}
	if (key === 'sign') return 'sso-token';
	if (/mobile|phone/.test(key) && !/prefix|type|status/.test(key)) return 'mobile';
	if (ACCOUNT_FIELDS.has(key) || key.endsWith('accountname') || key.endsWith('accountnames'))
		return 'user';
	return undefined;
}

/** Fields holding a mailbox local part (or an address, or a list of them). */
const ACCOUNT_FIELDS = new Set([
	'account',
	'accounts',
	'alias',
	'aliases',
	'aliasname',
	'approver',
	'archivemailbox',
	'leaver',
	'successor',
]);

export function isPlaceholder(value: string): boolean {
	return WHOLE_PLACEHOLDER.test(value);
}

/** `<user-3>` → `user`. */
export function kindOfPlaceholder(placeholder: string): string {
	return placeholder.slice(1, -1).replace(/-\d+$/, '');
}

export class Redactor {
	/** Secret value → its placeholder (also under its URL-encoded form). */
	private readonly secrets = new Map<string, string>();
	/** Lower-cased local part → its placeholder. */
	private readonly users = new Map<string, string>();
	private readonly counters = new Map<SecretKind, number>();
	private patterns: { secrets?: RegExp; users?: RegExp } | undefined;

	/** The placeholder of `value`, made on first sight. */
	placeholder(kind: SecretKind, value: string): string {
		const map = kind === 'user' ? this.users : this.secrets;
		const key = kind === 'user' ? value.toLowerCase() : value;
		let placeholder = map.get(key);
		if (!placeholder) {
			const n = (this.counters.get(kind) ?? 0) + 1;
			this.counters.set(kind, n);
			placeholder = `<${kind}-${n}>`;
			map.set(key, placeholder);
			if (kind !== 'user') {
				const encoded = encodeURIComponent(value);
				if (!map.has(encoded)) map.set(encoded, placeholder);
			}
			this.patterns = undefined;
		}
		return placeholder;
	}

	/** Makes `value` a known secret of `kind` (e.g. a value a replayed answer gave back). */
	learn(kind: SecretKind, value: string): void {
		if (value !== '' && !isPlaceholder(value)) this.placeholder(kind, value);
	}

	/**
	 * Redacts several values as one exchange: every secret any of them reveals by field name (e.g. a
	 * token in the answer) is learnt first, so it is replaced in all of them.
	 */
	redactAll(values: unknown[]): unknown[] {
		for (const value of values) this.learnFrom(value, undefined);
		return values.map((value) => this.redact(value));
	}

	redact(value: unknown, kind?: SecretKind): unknown {
		if (typeof value === 'string') return kind ? this.redactField(kind, value) : this.text(value);
		if (typeof value === 'number' && kind) return this.redactField(kind, String(value));
		if (Array.isArray(value)) return value.map((each) => this.redact(each, kind));
		if (value !== null && typeof value === 'object') {
			return Object.fromEntries(
				Object.entries(value).map(([key, each]) => [
					this.text(key),
					this.redact(each, secretKindOfField(key)),
				]),
			);
		}
		return value;
	}

	/** A free string: known secrets, then mobiles and e-mail local parts by pattern. */
	text(value: string): string {
		this.learnEmails(value);
		const patterns = this.compiled();
		let result = value;
		if (patterns.secrets)
			result = result.replace(patterns.secrets, (match) => this.secrets.get(match) ?? match);
		if (patterns.users)
			result = result.replace(patterns.users, (match) => this.users.get(match.toLowerCase())!);
		return result.replace(MOBILE_PATTERN, (match) => this.placeholder('mobile', match));
	}

	private redactField(kind: SecretKind, value: string): string {
		if (value === '' || isPlaceholder(value)) return value;
		if (kind !== 'user') return this.placeholder(kind, value);
		// One name, an address, or a list of them.
		return value
			.split(/([,;\s]+)/)
			.map((part, index) =>
				index % 2 === 1 || part === '' || isPlaceholder(part) || part.includes('@')
					? this.text(part)
					: this.placeholder('user', part),
			)
			.join('');
	}

	private learnFrom(value: unknown, kind: SecretKind | undefined): void {
		if (typeof value === 'string' || (typeof value === 'number' && kind)) {
			const text = String(value);
			if (kind) this.redactField(kind, text);
			else this.learnEmails(text);
		} else if (Array.isArray(value)) {
			for (const each of value) this.learnFrom(each, kind);
		} else if (value !== null && typeof value === 'object') {
			for (const [key, each] of Object.entries(value)) {
				this.learnEmails(key);
				this.learnFrom(each, secretKindOfField(key));
			}
		}
	}

	private learnEmails(text: string): void {
		if (!text.includes('@') && !text.includes('%40')) return;
		for (const match of text.matchAll(EMAIL_PATTERN)) this.learn('user', match[1]);
	}

	/**
	 * One regular expression for the known secrets, replaced wherever they occur, and one for user
	 * names, replaced only as whole names (not inside longer words or domains).
	 */
	private compiled(): { secrets?: RegExp; users?: RegExp } {
		if (this.patterns) return this.patterns;
		const secrets = [...this.secrets.keys()];
		const users = [...this.users.keys()];
		this.patterns = {
			secrets: secrets.length ? new RegExp(alternatives(secrets, shortAsWord), 'g') : undefined,
			users: users.length
				? new RegExp(`(?<![\\w.+-])(?:${alternatives(users)})(?![\\w+-]|\\.\\w)`, 'gi')
				: undefined,
		};
		return this.patterns;
	}
}

/** Longest first, so a secret containing another is replaced whole. */
function alternatives(
	values: string[],
	wrap: (escaped: string, value: string) => string = (e) => e,
) {
	return [...new Set(values)]
		.sort((a, b) => b.length - a.length)
		.map((value) => wrap(escapeRegExp(value), value))
		.join('|');
}

/** A secret under 4 characters would match inside ordinary words: it is replaced as a whole word only. */
function shortAsWord(escaped: string, value: string): string {
	return value.length < 4 ? `(?<!\\w)${escaped}(?!\\w)` : escaped;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
