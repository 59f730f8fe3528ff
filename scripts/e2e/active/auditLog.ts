/**
 * audit-log-sync: every entry of the sandbox's admin operation log becomes exactly one row of the
 * PostgreSQL table, whatever delivers it: the first activation's backfill (the earlier steps'
 * writes), the writes the other examples cause, and a re-delivery of everything.
 */
import type { ExampleWorkflow } from '../../lib/examples';
import { assert } from '../report';
import type { ActiveCase, ActiveContext } from './context';
import { until } from './context';
import type { RunningPostgres } from './postgres';

export const AUDIT_TABLE = 'netease_admin_log';
export const AUDIT_DATABASE = 'netease_audit';
export const TRIGGER_NODE = 'New admin operation';
export const INSERT_NODE = 'Insert into audit table';

/** The table's DDL as the example's setup note documents it (so the documented DDL is what runs). */
export function documentedDdl(workflow: ExampleWorkflow): string {
	const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
	const sql = notes
		.map((node) => /```sql\n([\s\S]*?)```/.exec(String(node.parameters.content))?.[1])
		.find((block) => block?.includes(`CREATE TABLE ${AUDIT_TABLE}`));
	assert(sql, `${workflow.id} documents no CREATE TABLE ${AUDIT_TABLE} in a sticky note`);
	return sql;
}

/** `<epoch second> <action> <target>` of each entry, sorted: what a row must match. */
function keysOfEntries(ctx: ActiveContext): string[] {
	return ctx.suite
		.state()
		.adminOperationLogs.map(
			(entry) => `${Math.floor(entry.time / 1000)} ${entry.action} ${entry.target}`,
		)
		.sort();
}

async function keysOfRows(postgres: RunningPostgres): Promise<string[]> {
	const rows = await postgres.query(
		`SELECT extract(epoch FROM logged_at)::bigint, action, coalesce(target, '') FROM ${AUDIT_TABLE}`,
	);
	return rows.map((row) => row.join(' ')).sort();
}

export async function rowCount(postgres: RunningPostgres): Promise<number> {
	const [[count]] = await postgres.query(`SELECT count(*) FROM ${AUDIT_TABLE}`);
	return Number(count);
}

function difference(a: string[], b: string[]): string[] {
	const rest = [...b];
	return a.filter((key) => {
		const at = rest.indexOf(key);
		if (at === -1) return true;
		rest.splice(at, 1);
		return false;
	});
}

/**
 * Waits until the table holds exactly one row per entry of the sandbox's admin log (same second,
 * action and target); throws with what is missing or extra.
 */
export async function untilInSync(ctx: ActiveContext, timeoutMs?: number): Promise<number> {
	let last = { missing: [] as string[], extra: [] as string[] };
	try {
		return await until(
			'one row per admin log entry',
			async () => {
				const entries = keysOfEntries(ctx);
				const rows = await keysOfRows(ctx.postgres);
				last = { missing: difference(entries, rows), extra: difference(rows, entries) };
				return last.missing.length === 0 && last.extra.length === 0 ? rows.length : undefined;
			},
			timeoutMs,
		);
	} catch (error) {
		const { missing, extra } = last;
		throw new Error(
			`${(error as Error).message}; ${missing.length} entries without a row (${missing.slice(0, 3).join('; ')}), ${extra.length} rows without an entry (${extra.slice(0, 3).join('; ')})`,
		);
	}
}

export function auditLogCase(): ActiveCase {
	return {
		example: 'audit-log-sync',
		// The other examples' writes (replies, the new account, forwarding) are its events.
		async cause() {},
		async verify(ctx) {
			await ctx.suite.check(
				"audit-log-sync: the writes of the other examples' reactions arrive as rows, one per entry",
				async () => {
					const rows = await untilInSync(ctx);
					return `${rows} rows = ${rows} entries of the sandbox's admin log`;
				},
			);
		},
	};
}
