/**
 * Check bookkeeping and run-data accessors for the end-to-end suite (scripts/e2e/run.ts and the
 * scenarios it runs).
 *
 * Every check prints one line on stdout, `ok   <name> — <detail>` or `FAIL <name> — <reason>`; the
 * summary line is `N passed, M failed`. Diagnostics (n8n output of a failed command) go to stderr.
 */
import type { ExecuteResult } from './n8n';

/** Thrown by `assert`; its message is the one-line reason printed after FAIL. */
export class CheckFailure extends Error {}

export function assert(condition: unknown, reason: string): asserts condition {
	if (!condition) throw new CheckFailure(reason);
}

export class Report {
	passed = 0;
	failed = 0;

	/** Records one check: the body returns a short detail for the ok line, or throws the reason. */
	async check(name: string, body: () => string | void | Promise<string | void>): Promise<boolean> {
		try {
			const detail = await body();
			this.passed++;
			console.log(`ok   ${name}${detail ? ` — ${detail}` : ''}`);
			return true;
		} catch (error) {
			this.failed++;
			const reason =
				error instanceof CheckFailure ? error.message : `unexpected ${describeError(error)}`;
			console.log(`FAIL ${name} — ${oneLine(reason)}`);
			return false;
		}
	}

	summary(): string {
		return `${this.passed} passed, ${this.failed} failed`;
	}
}

export function describeError(error: unknown): string {
	if (error instanceof Error) return `${error.name}: ${error.message}`;
	return String(error);
}

export function oneLine(text: unknown, max = 300): string {
	const flat = String(text).replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Last lines of a command's output, indented, for stderr. */
export function diagnostics(label: string, stdout: string, stderr: string, lines = 40): string {
	const tail = (text: string) =>
		text
			.trimEnd()
			.split('\n')
			.slice(-lines)
			.map((line) => `  | ${line}`)
			.join('\n');
	return [
		`[e2e] ${label}`,
		'  stdout (tail):',
		tail(stdout),
		'  stderr (tail):',
		tail(stderr),
	].join('\n');
}

// ---- n8n run data ------------------------------------------------------------------------------

export interface BinaryMeta {
	fileName?: string;
	mimeType?: string;
	fileExtension?: string;
	bytes?: number;
	id?: string;
	data?: string;
}

export interface RunItem {
	json: Record<string, unknown>;
	binary?: Record<string, BinaryMeta>;
	pairedItem?: unknown;
}

interface NodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string };
	data?: { main?: Array<RunItem[] | null> };
}

export interface ExecutionJson {
	status?: string;
	finished?: boolean;
	data?: {
		resultData?: {
			runData?: Record<string, NodeRun[]>;
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
		};
	};
}

export function asExecution(json: unknown): ExecutionJson | undefined {
	return typeof json === 'object' && json !== null ? (json as ExecutionJson) : undefined;
}

/** Why an `execute` did not succeed, in one line; undefined when it did. */
export function executionFailure(result: ExecuteResult): string | undefined {
	const execution = asExecution(result.json);
	const error = execution?.data?.resultData?.error;
	if (result.exitCode === 0 && execution?.status === 'success' && !error) return undefined;
	if (result.signal)
		return `n8n ended by ${result.signal}${/killed after/.test(result.stderr) ? ' (timeout)' : ''}`;
	if (error) {
		const where = error.node?.name ? ` in node "${error.node.name}"` : '';
		return `exit ${result.exitCode}, status ${execution?.status}${where}: ${error.message ?? 'unknown error'}`;
	}
	const printed = /Execution error:\s*=+\s*([^\n]+)/.exec(result.stdout)?.[1];
	if (printed) return `exit ${result.exitCode}: ${printed}`;
	if (!execution) return `exit ${result.exitCode}, no run data printed`;
	return `exit ${result.exitCode}, status ${execution.status}`;
}

/** Output items of a node's first run, first output (`runData[node][0].data.main[0]`). */
export function nodeItems(execution: ExecutionJson | undefined, node: string): RunItem[] {
	const runs = execution?.data?.resultData?.runData?.[node];
	assert(runs && runs.length > 0, `node "${node}" did not run`);
	const run = runs[0];
	assert(!run.error, `node "${node}" failed: ${run.error?.message}`);
	const items = run.data?.main?.[0];
	assert(Array.isArray(items), `node "${node}" has no main output`);
	return items;
}

/** The json of a node's single output item. */
export function singleJson(
	execution: ExecutionJson | undefined,
	node: string,
): Record<string, unknown> {
	const items = nodeItems(execution, node);
	assert(items.length === 1, `node "${node}" output ${items.length} items, expected 1`);
	return items[0].json;
}

/** Asserts the listed fields (compared as JSON); the reason names the first that differs. */
export function assertMatches(
	what: string,
	actual: Record<string, unknown> | undefined,
	expected: Record<string, unknown>,
): asserts actual {
	assert(actual, `${what}: missing`);
	for (const [key, value] of Object.entries(expected)) {
		assert(
			JSON.stringify(actual[key]) === JSON.stringify(value),
			`${what}: ${key} is ${JSON.stringify(actual[key])}, expected ${JSON.stringify(value)}`,
		);
	}
}

/** A token or secret shortened for printing. */
export function short(token: unknown): string {
	return typeof token === 'string' && token ? `${token.slice(0, 8)}…` : JSON.stringify(token);
}
