/**
 * Guard: no module-level mutable state carries platform state from one execution to the next in
 * nodes/ and credentials/. In queue mode every worker runs many executions (of many workflows and
 * credentials) in one process, and a module is loaded once per process: anything a module keeps
 * outlives the execution that put it there and is not shared with the other processes. The package
 * keeps such state in n8n's stores instead (the credential for tokens, workflow static data for
 * trigger cursors) or per execution, in WeakMaps keyed by the execution context.
 *
 * What counts as module-level state, found with the TypeScript compiler (symbols, not names):
 * - a top-level `let` or `var`;
 * - a top-level `const` holding a container (`new Map/Set/WeakMap/WeakSet/Array`, an array or an
 *   object literal) that is mutated anywhere (a mutating method call such as `.set`/`.add`/`.push`,
 *   an assignment to or `delete` of one of its properties, `Object.assign` on it), here or in a
 *   module that imports it;
 * - a top-level `const` holding an instance of any other class (`new Something()`), which cannot
 *   be told apart from state;
 * - a `static` property of a top-level class: not readonly, or readonly holding a container that is
 *   mutated as above.
 * Anything else a function could mutate after receiving it as an argument is out of reach here.
 *
 * ALLOWED lists what is accepted, each with the reason; a new entry needs review. Per-execution
 * caches must be keyed by the execution context: every get/set/has/delete on them is checked to
 * pass one of the listed key names.
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const SCANNED = ['nodes', 'credentials'];

interface Allowance {
	reason: string;
	/** Names the first argument of every get/set/has/delete must have (the cache's key). */
	keys: string[];
}

const PER_EXECUTION = ['this', 'context'];

/** `<file relative to the repository>#<name>` (`Class.member` for a static property). */
const ALLOWED: Record<string, Allowance> = {
	'nodes/NeteaseEmail/shared/transport/session.ts#sessions': {
		reason:
			'the per-execution session (credential in use, pacing), keyed by the execution context; the token itself lives in the stored credential',
		keys: PER_EXECUTION,
	},
	'nodes/NeteaseEmail/shared/transport/timeouts.ts#timeouts': {
		reason:
			"each item's request timeout (Options → Timeout), checked before any request and kept for the execution's calls, keyed by the execution context",
		keys: PER_EXECUTION,
	},
	'nodes/NeteaseEmail/AddressBook/helpers/employee/accountNaming.ts#RunClaims.byExecution': {
		reason:
			'the account names and job numbers the items of one execution claimed, so two new hires of one run never get the same name; keyed by the execution context',
		keys: PER_EXECUTION,
	},
	'nodes/NeteaseEmail/AddressBook/helpers/employee/steps.ts#turns': {
		reason:
			'steps of one execution that must run one after another (two items creating one department), keyed by the execution context',
		keys: PER_EXECUTION,
	},
	'nodes/NeteaseEmail/AddressBook/helpers/employee/newHire.ts#knownLists': {
		reason:
			'whether each mail list exists, asked once per execution, keyed by the execution context',
		keys: PER_EXECUTION,
	},
	'nodes/NeteaseEmail/shared/transport/renewalGate.ts#renewals': {
		reason:
			'token renewals in flight in this process, by application, so concurrent executions renew one at a time; holds only the wait, never a token',
		keys: ['application'],
	},
	'nodes/NeteaseEmail/shared/directory/departments.ts#directories': {
		reason: 'the department directory, loaded once per execution and domain',
		keys: PER_EXECUTION,
	},
	'nodes/NeteaseEmail/shared/directory/presence.ts#AccountPresence.byExecution': {
		reason: 'account presence (which accounts existed before this execution wrote), per execution',
		keys: PER_EXECUTION,
	},
	'nodes/NeteaseEmail/AddressBook/actions/contact/contactBook.ts#ContactBook.byExecution': {
		reason: 'the contact list read once per execution and domain',
		keys: PER_EXECUTION,
	},
	'nodes/NeteaseEmail/AddressBook/helpers/contactGroups.ts#lists': {
		reason: 'the contact groups read once per execution and domain',
		keys: PER_EXECUTION,
	},
	'nodes/NeteaseEmail/AddressBook/actions/mailList/mailLists.ts#queues': {
		reason: "one execution's writes to one mail list, run one at a time",
		keys: PER_EXECUTION,
	},
	'nodes/NeteaseEmail/shared/framework/item.ts#labelCache': {
		reason:
			"display labels of an operation's own parameter definitions (static descriptions, no platform data), keyed by that definition array",
		keys: ['properties'],
	},
};

const CONTAINERS = ['Map', 'Set', 'WeakMap', 'WeakSet', 'Array'];
const MUTATORS = new Set([
	'add',
	'set',
	'delete',
	'clear',
	'push',
	'pop',
	'shift',
	'unshift',
	'splice',
	'sort',
	'reverse',
	'fill',
	'copyWithin',
]);
const KEYED_METHODS = ['get', 'set', 'has', 'delete'];
/** Methods that answer an element held in the container (whose mutation then counts). */
const ELEMENT_GETTERS = ['get', 'at', 'find', 'findLast'];

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const file = path.join(dir, name);
		if (statSync(file).isDirectory()) return sourceFiles(file);
		return file.endsWith('.ts') && !file.endsWith('.d.ts') ? [file] : [];
	});
}

const OPTIONS: ts.CompilerOptions = {
	target: ts.ScriptTarget.ES2019,
	module: ts.ModuleKind.CommonJS,
	moduleResolution: ts.ModuleResolutionKind.Node10,
	esModuleInterop: true,
	resolveJsonModule: true,
	strict: true,
	skipLibCheck: true,
	noEmit: true,
};

/** The expression without parentheses, `as`, `satisfies` and `!`. */
function unwrap(expression: ts.Expression): ts.Expression {
	let current = expression;
	while (
		ts.isParenthesizedExpression(current) ||
		ts.isAsExpression(current) ||
		ts.isSatisfiesExpression(current) ||
		ts.isNonNullExpression(current) ||
		ts.isTypeAssertionExpression(current)
	)
		current = current.expression;
	return current;
}

type Held = 'container' | 'instance' | undefined;

function held(initializer: ts.Expression | undefined): Held {
	if (!initializer) return undefined;
	const value = unwrap(initializer);
	if (ts.isArrayLiteralExpression(value) || ts.isObjectLiteralExpression(value)) return 'container';
	if (ts.isNewExpression(value)) {
		const callee = unwrap(value.expression);
		return ts.isIdentifier(callee) && CONTAINERS.includes(callee.text) ? 'container' : 'instance';
	}
	return undefined;
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) =>
	ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

interface Candidate {
	key: string;
	declaration: ts.Node;
	symbol: ts.Symbol;
	/** Why it is state whatever its uses, or undefined when only a mutation makes it so. */
	always?: string;
}

export interface State {
	/** `<file>#<name>`, as ALLOWED names it. */
	key: string;
	at: string;
	why: string;
	/** Every expression referring to it (identifiers, or `Class.member` accesses). */
	references: ts.Expression[];
}

/** The module-level state of the program's files that `scanned` accepts. */
function findModuleState(
	program: ts.Program,
	scanned: (fileName: string) => boolean,
	root: string,
): State[] {
	const checker = program.getTypeChecker();
	const sources = program.getSourceFiles().filter((file) => scanned(file.fileName));
	const relative = (node: ts.Node) =>
		path.relative(root, node.getSourceFile().fileName).split(path.sep).join('/');
	const where = (node: ts.Node) =>
		`${relative(node)}:${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

	const candidates = (file: ts.SourceFile): Candidate[] => {
		const found: Candidate[] = [];
		const add = (key: string, declaration: ts.Node, name: ts.Node, always?: string) => {
			const symbol = checker.getSymbolAtLocation(name);
			if (symbol) found.push({ key, declaration, symbol, always });
		};
		for (const statement of file.statements) {
			if (ts.isVariableStatement(statement)) {
				const constant = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
				for (const declaration of statement.declarationList.declarations) {
					const key = `${relative(file)}#${declaration.name.getText()}`;
					const kind = held(declaration.initializer);
					if (!constant) add(key, declaration, declaration.name, 'a module-level let/var');
					else if (kind === 'instance')
						add(key, declaration, declaration.name, 'a module-level class instance');
					else if (kind === 'container') add(key, declaration, declaration.name);
				}
			}
			if (ts.isClassDeclaration(statement) && statement.name) {
				for (const member of statement.members) {
					if (
						!ts.isPropertyDeclaration(member) ||
						!hasModifier(member, ts.SyntaxKind.StaticKeyword)
					)
						continue;
					const key = `${relative(file)}#${statement.name.text}.${member.name.getText()}`;
					const kind = held(member.initializer);
					if (!hasModifier(member, ts.SyntaxKind.ReadonlyKeyword))
						add(key, member, member.name, 'a static property');
					else if (kind === 'instance') add(key, member, member.name, 'a static class instance');
					else if (kind === 'container') add(key, member, member.name);
				}
			}
		}
		return found;
	};

	/** Every expression (identifier, or `Class.member` access) that refers to one of the symbols. */
	const references = (symbols: Set<ts.Symbol>): Map<ts.Symbol, ts.Expression[]> => {
		const found = new Map<ts.Symbol, ts.Expression[]>();
		const names = new Set([...symbols].map((symbol) => symbol.name));
		// Imported under another name: `import { cache as shared }` refers to it as `shared`.
		const aliases = (node: ts.Node) => {
			if (ts.isImportSpecifier(node) && names.has((node.propertyName ?? node.name).text))
				names.add(node.name.text);
			ts.forEachChild(node, aliases);
		};
		sources.forEach(aliases);
		const target = (identifier: ts.Identifier) => {
			const symbol = checker.getSymbolAtLocation(identifier);
			return symbol && symbol.flags & ts.SymbolFlags.Alias
				? checker.getAliasedSymbol(symbol)
				: symbol;
		};
		const visit = (node: ts.Node) => {
			if (ts.isIdentifier(node) && names.has(node.text)) {
				const symbol = target(node);
				const parent = node.parent;
				const declares =
					(ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) &&
					parent.name === node;
				const imports = ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent);
				if (symbol && symbols.has(symbol) && !declares && !imports) {
					const reference =
						ts.isPropertyAccessExpression(parent) && parent.name === node ? parent : node;
					found.set(symbol, [...(found.get(symbol) ?? []), reference]);
				}
			}
			ts.forEachChild(node, visit);
		};
		sources.forEach(visit);
		return found;
	};

	/** How a reference mutates what it refers to, or undefined when it does not. */
	const mutation = (reference: ts.Expression): string | undefined => {
		// Walk up `ref.a.b[c]` and `ref.get(k).d`: a mutation of anything held in it counts.
		let top: ts.Expression = reference;
		for (;;) {
			const parent = top.parent;
			if (
				!(ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) ||
				parent.expression !== top
			)
				break;
			const call = parent.parent;
			const method = ts.isPropertyAccessExpression(parent) ? parent.name.text : '';
			if (ts.isCallExpression(call) && call.expression === parent) {
				if (MUTATORS.has(method)) return `.${method}() at ${where(parent)}`;
				top = ELEMENT_GETTERS.includes(method) ? call : parent;
			} else top = parent;
		}
		const parent = top.parent;
		if (top !== reference) {
			if (
				ts.isBinaryExpression(parent) &&
				parent.left === top &&
				parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
				parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment
			)
				return `assignment at ${where(parent)}`;
			if (ts.isDeleteExpression(parent)) return `delete at ${where(parent)}`;
			if (
				(ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
				[ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(parent.operator)
			)
				return `${ts.tokenToString(parent.operator)} at ${where(parent)}`;
		}
		if (
			ts.isCallExpression(parent) &&
			parent.arguments[0] === top &&
			/^Object\.(assign|defineProperty|defineProperties|setPrototypeOf)$/.test(
				parent.expression.getText(),
			)
		)
			return `${parent.expression.getText()} at ${where(parent)}`;
		return undefined;
	};

	const all = sources.flatMap(candidates);
	const uses = references(new Set(all.map((candidate) => candidate.symbol)));
	const states: State[] = [];
	for (const candidate of all) {
		const refs = uses.get(candidate.symbol) ?? [];
		const mutated = refs.map(mutation).filter((how): how is string => how !== undefined);
		const why = candidate.always ?? (mutated.length ? `mutated: ${mutated[0]}` : undefined);
		if (why)
			states.push({ key: candidate.key, at: where(candidate.declaration), why, references: refs });
	}
	return states;
}

/** First arguments of get/set/has/delete calls on the reference that are not among `keys`. */
function wrongKeys(reference: ts.Expression, keys: string[]): string[] {
	const access = reference.parent;
	if (!ts.isPropertyAccessExpression(access) || access.expression !== reference) return [];
	const call = access.parent;
	if (!ts.isCallExpression(call) || call.expression !== access) return [];
	if (!KEYED_METHODS.includes(access.name.text)) return [];
	const key = call.arguments[0]?.getText() ?? '(none)';
	return keys.includes(key) ? [] : [`${access.name.text}(${key})`];
}

/** A program of in-memory files (name → text) beside the real library files. */
function virtualProgram(sources: Record<string, string>): ts.Program {
	const host = ts.createCompilerHost(OPTIONS);
	const read = host.getSourceFile.bind(host);
	host.getSourceFile = (fileName, language, ...rest) =>
		fileName in sources
			? ts.createSourceFile(fileName, sources[fileName], language, true)
			: read(fileName, language, ...rest);
	const exists = host.fileExists.bind(host);
	host.fileExists = (fileName) => fileName in sources || exists(fileName);
	const folders = new Set(Object.keys(sources).map((fileName) => path.posix.dirname(fileName)));
	const folderExists = host.directoryExists?.bind(host);
	host.directoryExists = (folder) => folders.has(folder) || (folderExists?.(folder) ?? false);
	return ts.createProgram(Object.keys(sources), OPTIONS, host);
}

describe('module-level state in nodes/ and credentials/', () => {
	const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
	const scanned = new Set(files);
	const states = findModuleState(
		ts.createProgram(files, OPTIONS),
		(fileName) => scanned.has(path.resolve(fileName)),
		ROOT,
	);
	const allowed = states.filter((state) => ALLOWED[state.key]);

	it('scans the package sources', () => {
		expect(files.length).toBeGreaterThan(50);
		expect(files.some((file) => file.endsWith(path.join('transport', 'session.ts')))).toBe(true);
	});

	it('holds none but the reviewed per-execution caches', () => {
		const unreviewed = states
			.filter((state) => !ALLOWED[state.key])
			.map((state) => `${state.key} (${state.at}): ${state.why}`);
		expect(unreviewed).toEqual([]);
	});

	it('lists only allowances that still exist', () => {
		const found = new Set(states.map((state) => state.key));
		expect(Object.keys(ALLOWED).filter((key) => !found.has(key))).toEqual([]);
	});

	it('keys every allowed cache as its allowance says (by the execution context)', () => {
		const misuse = allowed.flatMap((state) =>
			state.references.flatMap((reference) =>
				wrongKeys(reference, ALLOWED[state.key].keys).map((call) => `${state.key}: ${call}`),
			),
		);
		expect(misuse).toEqual([]);
		for (const state of allowed) expect(state.references.length).toBeGreaterThan(0);
	});

	it('recognises each kind of module-level state, through imports too', () => {
		const program = virtualProgram({
			'/virtual/state.ts': [
				'let counter = 0;',
				'export const registry: Record<string, number> = {};',
				'export const cache = new Map<string, string>();',
				'const CODES = new Set([1, 2]);',
				'const client = new Date();',
				'export class Keeper {',
				'	static last = "";',
				'	static readonly byKey = new WeakMap<object, string[]>();',
				'	static readonly FIXED = new Set(["a"]);',
				'	static remember(key: object) { Keeper.byKey.get(key)?.push("x"); return Keeper.FIXED.has("a"); }',
				'}',
				'export function touch(key: string) { counter++; return CODES.has(1) || client; }',
			].join('\n'),
			'/virtual/user.ts': [
				"import { cache as shared, registry } from './state';",
				'export function use(key: string) { shared.set(key, key); registry[key] = 1; }',
				'export function shadow() { const cache = new Map(); cache.set(1, 1); return cache; }',
			].join('\n'),
		});
		const found = findModuleState(program, (name) => name.startsWith('/virtual/'), '/virtual');
		expect(Object.fromEntries(found.map((state) => [state.key, state.why]))).toEqual({
			'state.ts#counter': 'a module-level let/var',
			'state.ts#registry': 'mutated: assignment at user.ts:2',
			'state.ts#cache': 'mutated: .set() at user.ts:2',
			'state.ts#client': 'a module-level class instance',
			'state.ts#Keeper.last': 'a static property',
			'state.ts#Keeper.byKey': 'mutated: .push() at state.ts:10',
		});
	});
});
