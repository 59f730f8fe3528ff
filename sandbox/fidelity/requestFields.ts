/**
 * Request fields the real platform accepted that the sandbox does not take as sent: refused
 * (-401 naming a field the request lacks — found by renaming one of the request's fields) or
 * ignored (the sandbox answered code 0 but kept the field's value nowhere).
 */
import type { OrgSnapshot } from '../index';
import { isRecord, type Answer } from './answer';
import { isMultipartRecord } from './sandboxClient';
import { mostAlike } from './similarity';

export interface Rename {
	/** As the real platform accepted it. */
	from: string;
	/** As the sandbox expects it. */
	to: string;
}

export interface Attempt<R> {
	answer: Answer;
	reply: R;
}

export interface RenameFound<R> extends Attempt<R> {
	renames: Rename[];
	body: unknown;
}

/** At most this many fields renamed in one request, and this many probes per missing field. */
const MAX_RENAMES = 3;
const MAX_PROBES = 12;

/** The fields of a JSON body or of a multipart record. */
export function fieldsOf(body: unknown): Record<string, unknown> {
	if (isMultipartRecord(body)) return body.fields;
	return isRecord(body) ? body : {};
}

function withFields(body: unknown, fields: Record<string, unknown>): unknown {
	return isMultipartRecord(body) ? { ...body, fields } : fields;
}

function renamed(body: unknown, from: string, to: string): unknown {
	const fields = Object.fromEntries(
		Object.entries(fieldsOf(body)).map(([name, value]) => [name === from ? to : name, value]),
	);
	return withFields(body, fields);
}

/**
 * After a -401 naming a field the request lacks, tries renaming each other field to it (most alike
 * names first) until the sandbox stops asking for it, for up to three missing fields in turn. A
 * probe the sandbox refuses changes nothing (parameters are checked before any write); the probe it
 * accepts performs the call, as the real platform did. Undefined when no renaming helps.
 */
export async function findRenames<R>(
	body: unknown,
	refusal: Answer,
	send: (body: unknown) => Promise<Attempt<R>>,
): Promise<RenameFound<R> | undefined> {
	const renames: Rename[] = [];
	let current = body;
	let last: Attempt<R> | undefined;
	let answer = refusal;
	while (renames.length < MAX_RENAMES && answer.code === -401 && answer.marker) {
		const wanted = answer.marker;
		const fields = fieldsOf(current);
		if (wanted in fields) break;
		const taken = new Set(renames.map((rename) => rename.to));
		const candidates = mostAlike(
			wanted,
			Object.keys(fields).filter((name) => name !== 'domain' && !taken.has(name)),
		).slice(0, MAX_PROBES);
		let found: { trial: unknown; attempt: Attempt<R>; from: string } | undefined;
		for (const from of candidates) {
			const trial = renamed(current, from, wanted);
			const attempt = await send(trial);
			const stillRefused =
				attempt.answer.code === -401 &&
				(attempt.answer.marker === wanted || attempt.answer.marker === from);
			if (!stillRefused) {
				found = { trial, attempt, from };
				break;
			}
		}
		if (!found) break;
		renames.push({ from: found.from, to: wanted });
		current = found.trial;
		last = found.attempt;
		answer = found.attempt.answer;
	}
	return last && renames.length ? { ...last, renames, body: current } : undefined;
}

const NOT_CHECKED = /^domain$|pass(word|wd)|secret|authcode|token|^sign$/i;

/** Text values a field carries: its words, a comma list's items, or the strings inside JSON text. */
function valuesOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(valuesOf);
	if (isRecord(value)) return Object.values(value).flatMap(valuesOf);
	if (typeof value !== 'string') return [];
	const trimmed = value.trim();
	if (/^[[{]/.test(trimmed)) {
		try {
			return valuesOf(JSON.parse(trimmed));
		} catch {
			// not JSON: plain text
		}
	}
	return trimmed
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part.length >= 2);
}

/** The snapshot as searchable text, without the admin log (which keeps every request body). */
function stateText(state: OrgSnapshot): string {
	return JSON.stringify({ ...state, adminOperationLogs: [] }).toLowerCase();
}

function contains(text: string, value: string): boolean {
	return text.includes(JSON.stringify(value.toLowerCase()).slice(1, -1));
}

/**
 * Fields of a write the sandbox answered with code 0 whose values were new to the sandbox (in no
 * object before the call) and are still in none after it, nor in the answer: probably ignored.
 */
export function ignoredFields(
	body: unknown,
	before: OrgSnapshot,
	after: OrgSnapshot,
	answerData: unknown,
): string[] {
	const beforeText = stateText(before);
	const afterText = `${stateText(after)}\n${JSON.stringify(answerData ?? null).toLowerCase()}`;
	return Object.entries(fieldsOf(body))
		.filter(([name, value]) => {
			if (NOT_CHECKED.test(name)) return false;
			const values = valuesOf(value);
			if (values.length === 0 || values.some((each) => contains(beforeText, each))) return false;
			return !values.some((each) => contains(afterText, each));
		})
		.map(([name]) => name);
}
