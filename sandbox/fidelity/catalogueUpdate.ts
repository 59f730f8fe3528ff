/**
 * `npm run fidelity -- DIR --update-catalogue`: marks inferred catalogue entries `seen`, with the
 * recording as their source, by a minimal textual edit of the endpoint files (`INFERRED` becomes
 * `seenIn('<source>')`), and the same entries' rows in the README's endpoint table.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { statusText } from '../../nodes/NeteaseEmail/shared/transport/endpoints/endpoint';

export interface CatalogueUpdateOptions {
	/** The folder of the endpoint files (nodes/NeteaseEmail/shared/transport/endpoints). */
	endpointsDir: string;
	/** Where the entries were seen, e.g. "recording 2026-11-29 by a user". */
	source: string;
	/** The README whose endpoint table rows follow the entries; none when undefined. */
	readme?: string;
}

export interface CatalogueUpdateResult {
	/** Key → the endpoint file it was marked in (already seen or not inferred: not listed). */
	marked: Record<string, string>;
	/** Endpoint files and README written. */
	files: string[];
	/** Keys found in no endpoint file, README rows not found. */
	problems: string[];
}

/** Why a source text cannot be used, or undefined. */
export function sourceProblem(source: string): string | undefined {
	if (source.trim() === '') return 'it is empty';
	if (/[\r\n|]/.test(source))
		return 'it must be one line without "|" (it goes into a README table)';
	if (source.length > 80) return 'it must be at most 80 characters';
	return undefined;
}

export function markSeen(
	keys: readonly string[],
	options: CatalogueUpdateOptions,
): CatalogueUpdateResult {
	const problem = sourceProblem(options.source);
	if (problem) throw new Error(`The source "${options.source}" cannot be used: ${problem}`);
	const result: CatalogueUpdateResult = { marked: {}, files: [], problems: [] };
	const files = readdirSync(options.endpointsDir).filter(
		(name) => name.endsWith('.ts') && name !== 'endpoint.ts' && name !== 'index.ts',
	);
	const pending = new Set(keys);
	for (const name of files) {
		const file = join(options.endpointsDir, name);
		let text = readFileSync(file, 'utf8');
		let changed = false;
		for (const key of pending) {
			const edit = markEntry(text, key, options.source);
			if (edit.outcome === 'absent') continue;
			pending.delete(key);
			if (edit.outcome === 'notInferred')
				result.problems.push(`${key}: not inferred, left as it is`);
			if (edit.outcome !== 'marked') continue;
			result.marked[key] = file;
			text = edit.text;
			changed = true;
		}
		if (changed) {
			writeFileSync(file, fixImports(text));
			result.files.push(file);
		}
	}
	for (const key of pending) result.problems.push(`${key}: in no endpoint file`);
	if (options.readme)
		updateReadme(options.readme, Object.keys(result.marked), options.source, result);
	return result;
}

export type EntryEdit =
	| { outcome: 'marked'; text: string }
	| { outcome: 'alreadySeen' | 'notInferred' | 'absent' };

/** The file with entry `key` marked seen, if the file has that entry and it is inferred. */
export function markEntry(text: string, key: string, source: string): EntryEdit {
	const entry = new RegExp(`(['"])${escapeRegExp(key)}\\1\\s*:\\s*(read|write)\\(`).exec(text);
	if (!entry) return { outcome: 'absent' };
	const call = scanCall(text, entry.index + entry[0].length - 1);
	const details = call.args[1];
	const trimmed = details?.text.trim() ?? '';
	if (/\bseenIn\(/.test(trimmed)) return { outcome: 'alreadySeen' };
	if (!details || !isInferred(text, trimmed)) return { outcome: 'notInferred' };
	const seen = `seenIn(${quote(source)})`;
	const lead = details.text.slice(0, details.text.indexOf(trimmed));
	const trail = details.text.slice(lead.length + trimmed.length);
	let edited: string;
	if (trimmed === 'INFERRED') edited = seen;
	else if (/\.\.\.INFERRED\b/.test(trimmed))
		edited = trimmed.replace(/\.\.\.INFERRED\b/, () => `...${seen}`);
	else if (/^[A-Za-z_$][\w$]*$/.test(trimmed)) edited = `{ ...${trimmed}, ...${seen} }`;
	else edited = `${trimmed.slice(0, -1).replace(/[\s,]*$/, '')}, ...${seen} }`;
	return {
		outcome: 'marked',
		text: text.slice(0, details.start) + lead + edited + trail + text.slice(details.end),
	};
}

/**
 * Whether an entry's details make it inferred: `INFERRED` itself, or a constant of the file built
 * from it (`const SETTING = { ...INFERRED, ...IDEMPOTENT };`).
 */
function isInferred(text: string, details: string): boolean {
	if (/\bINFERRED\b/.test(details)) return true;
	return [...details.matchAll(/[A-Za-z_$][\w$]*/g)].some(([name]) =>
		new RegExp(`const ${escapeRegExp(name)}\\s*=\\s*\\{[^}]*\\bINFERRED\\b`).test(text),
	);
}

interface Arg {
	start: number;
	end: number;
	text: string;
}

/** The top-level arguments of the call whose `(` is at `open`. */
function scanCall(text: string, open: number): { args: Arg[]; close: number } {
	const args: Arg[] = [];
	let depth = 0;
	let start = open + 1;
	let quoteChar: string | undefined;
	for (let i = open + 1; i < text.length; i++) {
		const char = text[i];
		if (quoteChar) {
			if (char === '\\') i++;
			else if (char === quoteChar) quoteChar = undefined;
			continue;
		}
		if (char === "'" || char === '"' || char === '`') quoteChar = char;
		else if ('([{'.includes(char)) depth++;
		else if (')]}'.includes(char)) {
			if (depth === 0) {
				args.push({ start, end: i, text: text.slice(start, i) });
				return { args, close: i };
			}
			depth--;
		} else if (char === ',' && depth === 0) {
			args.push({ start, end: i, text: text.slice(start, i) });
			start = i + 1;
		}
	}
	throw new Error(`unbalanced call at offset ${open}`);
}

/** `seenIn` imported from './endpoint'; `INFERRED` no longer imported when nothing uses it. */
function fixImports(text: string): string {
	return text.replace(/import \{([^}]*)\} from '\.\/endpoint';/, (statement, list: string) => {
		const rest = text.replace(statement, '');
		const names = new Set(
			list
				.split(',')
				.map((name) => name.trim())
				.filter(Boolean),
		);
		names.add('seenIn');
		if (!/\bINFERRED\b/.test(rest)) names.delete('INFERRED');
		const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
		return `import { ${sorted.join(', ')} } from './endpoint';`;
	});
}

function updateReadme(
	readme: string,
	keys: string[],
	source: string,
	result: CatalogueUpdateResult,
): void {
	let text = readFileSync(readme, 'utf8');
	const status = statusText({ status: 'seen', source });
	let changed = false;
	for (const key of keys) {
		const row = new RegExp(
			`^(\\| \`${escapeRegExp(key)}\` \\| \`[^\`]*\` \\| )([^|\\n]*?)( \\|)$`,
			'm',
		);
		const match = row.exec(text);
		if (!match) {
			result.problems.push(`${key}: no row in ${readme}`);
			continue;
		}
		if (match[2] === status) continue;
		text = text.replace(
			row,
			(_row, start: string, _status: string, end: string) => start + status + end,
		);
		changed = true;
	}
	if (changed) {
		writeFileSync(readme, text);
		result.files.push(readme);
	}
}

function quote(text: string): string {
	return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
