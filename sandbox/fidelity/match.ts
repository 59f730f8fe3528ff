/**
 * How the replay server compares a live request with recorded ones, and how it gives an answer
 * back the real values the recording replaced by placeholders.
 */
import { PLACEHOLDER, isPlaceholder, type Redactor } from './redact';

/**
 * A value as the replay compares it: redacted by the same rules as the recording, every
 * placeholder reduced to its kind (`<user-3>` → `<user>`), UUIDs (fresh in every run, e.g. a sent
 * mail's Message-ID) reduced to `<uuid>`, object keys sorted.
 */
export function normalised(redactor: Redactor, value: unknown): string {
	return JSON.stringify(canonical(redactor.redact(value)));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function canonical(value: unknown): unknown {
	if (typeof value === 'string') return value.replace(PLACEHOLDER, '<$1>').replace(UUID, '<uuid>');
	if (Array.isArray(value)) return value.map(canonical);
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).map(
			([key, each]) => [canonical(key) as string, canonical(each)] as const,
		);
		entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return Object.fromEntries(entries);
	}
	return value;
}

/**
 * Where the recorded value holds a placeholder and the live one a real value at the same place,
 * remembers placeholder → real value (e.g. `<user-1>@example.com` ↔ `zhangsan@example.com` gives
 * `<user-1>` → `zhangsan`).
 */
export function collectBindings(recorded: unknown, live: unknown, into: Map<string, string>): void {
	if (typeof recorded === 'string') {
		if (typeof live === 'string' || typeof live === 'number')
			bindString(recorded, String(live), into);
	} else if (Array.isArray(recorded)) {
		if (Array.isArray(live))
			recorded.forEach((each, index) => collectBindings(each, live[index], into));
	} else if (recorded !== null && typeof recorded === 'object') {
		if (live !== null && typeof live === 'object' && !Array.isArray(live)) {
			const liveObject = live as Record<string, unknown>;
			for (const [key, each] of Object.entries(recorded)) {
				if (key in liveObject) collectBindings(each, liveObject[key], into);
			}
		}
	}
}

function bindString(recorded: string, live: string, into: Map<string, string>): void {
	const placeholders = recorded.match(PLACEHOLDER);
	if (!placeholders) return;
	const pattern = recorded
		.split(PLACEHOLDER_SPLIT)
		.map((part, index) => (index % 2 === 1 ? '(.+?)' : escapeRegExp(part)))
		.join('');
	const match = new RegExp(`^${pattern}$`, 's').exec(live);
	if (!match) return;
	placeholders.forEach((placeholder, index) => {
		const value = match[index + 1];
		if (!isPlaceholder(value)) into.set(placeholder, value);
	});
}

const PLACEHOLDER_SPLIT = /(<[a-z]+(?:-[a-z]+)*-\d+>)/;

/** The recorded answer with every placeholder whose real value is known put back. */
export function personalised(value: unknown, bindings: Map<string, string>): unknown {
	if (bindings.size === 0) return value;
	if (typeof value === 'string')
		return value.replace(PLACEHOLDER, (placeholder) => bindings.get(placeholder) ?? placeholder);
	if (Array.isArray(value)) return value.map((each) => personalised(each, bindings));
	if (value !== null && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value).map(([key, each]) => [
				personalised(key, bindings),
				personalised(each, bindings),
			]),
		);
	return value;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
