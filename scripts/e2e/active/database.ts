/**
 * n8n's own SQLite database in the suite's user folder, opened with n8n's sqlite3 module (as the
 * LDAP step reads its executions), for what the REST API does not offer: a trigger's static data
 * (where a polling trigger keeps its cursor). Write only while n8n is stopped.
 */
import * as path from 'node:path';

import { mustRun } from '../ldap/command';
import type { Suite } from '../suite';

type Method = 'all' | 'run';

async function sqlite(
	suite: Suite,
	method: Method,
	sql: string,
	params: unknown[],
): Promise<unknown> {
	const database = path.join(suite.n8n.userFolder, '.n8n', 'database.sqlite');
	const script = `
		const sqlite3 = require('sqlite3');
		const [file, method, sql, params] = process.argv.slice(1);
		const db = new sqlite3.Database(file, method === 'all' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE);
		db[method](sql, JSON.parse(params), function (error, rows) {
			if (error) { console.error(error.message); process.exitCode = 1; }
			else console.log(JSON.stringify(method === 'all' ? rows : { changes: this.changes }));
			db.close();
		});`;
	const { node, n8n } = suite.n8n.provided;
	const output = await mustRun(
		node,
		['-e', script, database, method, sql, JSON.stringify(params)],
		{
			env: { PATH: process.env.PATH, NODE_PATH: path.resolve(path.dirname(n8n), '../..') },
		},
	);
	return JSON.parse(output) as unknown;
}

/** The workflow's static data (`node:<name>` keys for node-scoped data). */
export async function staticDataOf(
	suite: Suite,
	workflowId: string,
): Promise<Record<string, unknown>> {
	const rows = (await sqlite(suite, 'all', 'SELECT staticData FROM workflow_entity WHERE id = ?', [
		workflowId,
	])) as Array<{ staticData: string | null }>;
	if (rows.length !== 1) throw new Error(`workflow ${workflowId} is not in n8n's database`);
	const text = rows[0].staticData;
	return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * Forgets what one node kept in the workflow's static data (a polling trigger's cursor): as if the
 * trigger had never been activated. n8n must be stopped.
 */
export async function forgetNodeStaticData(
	suite: Suite,
	workflowId: string,
	nodeName: string,
): Promise<Record<string, unknown>> {
	const data = await staticDataOf(suite, workflowId);
	const key = `node:${nodeName}`;
	const forgotten = data[key] as Record<string, unknown> | undefined;
	if (!forgotten) throw new Error(`workflow ${workflowId} keeps no static data for "${nodeName}"`);
	delete data[key];
	const result = (await sqlite(
		suite,
		'run',
		'UPDATE workflow_entity SET staticData = ? WHERE id = ?',
		[JSON.stringify(data), workflowId],
	)) as { changes: number };
	if (result.changes !== 1)
		throw new Error(`updating ${workflowId}'s static data changed ${result.changes} rows`);
	return forgotten;
}
