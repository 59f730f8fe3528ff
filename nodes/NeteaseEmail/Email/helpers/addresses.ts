import type { Field } from '../../shared/helpers/validation';
import { unusualCharacter, validateEmail } from '../../shared/helpers/validation';

/** A recipient or sender: the address, and the display name (`""` when none). */
export interface MailAddress {
	address: string;
	name: string;
}

const SEPARATORS = new Set([',', ';', '，', '；', '\n']);

/** Splits `a@x, "Zhang, San" <b@x>; c@x` at separators outside quotes and angle brackets. */
function splitList(text: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	let bracketed = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '\\' && i + 1 < text.length) current += c + text[++i];
			else {
				current += c;
				if (c === '"') quoted = false;
			}
			continue;
		}
		if (c === '"') quoted = true;
		else if (c === '<') bracketed = true;
		else if (c === '>') bracketed = false;
		else if (!bracketed && SEPARATORS.has(c)) {
			parts.push(current);
			current = '';
			continue;
		}
		current += c;
	}
	parts.push(current);
	return parts.map((part) => part.trim()).filter(Boolean);
}

/** `Name <addr>`, `"Name" <addr>`, `<addr>` or `addr`, taken apart without checking the address. */
function splitAddress(entry: string): MailAddress {
	const match = /^(.*?)\s*<([^<>]*)>$/s.exec(entry.trim());
	if (!match) return { address: entry.trim(), name: '' };
	let name = match[1].trim();
	if (/^".*"$/s.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, '$1');
	return { address: match[2].trim(), name };
}

function entriesOf(field: Field, value: unknown): MailAddress[] {
	if (value === undefined || value === null || value === '') return [];
	if (typeof value === 'string') return splitList(value).map(splitAddress);
	if (Array.isArray(value)) return value.flatMap((entry) => entriesOf(field, entry));
	if (typeof value === 'object') {
		const { address, email, name } = value as Record<string, unknown>;
		const text = address ?? email;
		if (typeof text === 'string') {
			return [{ address: text.trim(), name: typeof name === 'string' ? name.trim() : '' }];
		}
	}
	throw field.invalid(
		`contains ${JSON.stringify(value)}, which is not an address`,
		'Give addresses as text ("Zhang San <zhang.san@example.com>, li.na@example.com") or as an array of such texts or of {address, name} objects.',
	);
}

/**
 * Reads a recipient field: comma-separated `Name <addr>` / `addr` text, or an array of texts or
 * `{address, name}` from an expression. Every address is checked, the field and the bad address
 * named; repeats are dropped.
 */
export function parseAddressList(field: Field, value: unknown): MailAddress[] {
	const seen = new Set<string>();
	const list: MailAddress[] = [];
	for (const entry of entriesOf(field, value)) {
		const address = validateEmail(field, entry.address);
		// A line break in a name would end its header: what follows would be a header of its own.
		const unusual = unusualCharacter(entry.name, 'line');
		if (unusual) throw field.invalid(`has a display name that ${unusual.problem}`, unusual.fix);
		if (seen.has(address)) continue;
		seen.add(address);
		list.push({ address, name: entry.name });
	}
	return list;
}

/** Addresses as a message's headers hold them (`from`, `to`…): text or texts, never refused. */
export function headerAddresses(value: unknown): MailAddress[] {
	const texts = Array.isArray(value) ? value.map(String) : value ? [String(value)] : [];
	return texts
		.flatMap(splitList)
		.map(splitAddress)
		.map(({ address, name }) => ({ address: address.toLowerCase(), name }))
		.filter(({ address }) => address.includes('@'));
}

/** The entries of a header value as separate texts: `"a <x>, b <y>"` → `["a <x>", "b <y>"]`. */
export function headerEntries(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).filter(Boolean);
	return typeof value === 'string' ? splitList(value) : [];
}
