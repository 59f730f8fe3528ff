/**
 * What the suite gives n8n: the example workflows, wired to the custom node and the sandbox
 * credential, and the CSV of new hires the bulk import reads.
 */
import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';

import type { ExampleName, ExampleWorkflow } from '../lib/examples';
import { EXAMPLES, EXAMPLES_DIR, loadExample } from '../lib/examples';
import { assert } from './report';

/** n8n loads custom extensions' nodes as `CUSTOM.<node name>`. */
export const NODE_TYPE_PREFIX = 'CUSTOM.';
export const NODE_TYPES = [
	'neteaseEmailAddressBook',
	'neteaseEmailAddressBookTrigger',
	'neteaseEmail',
	'neteaseEmailTrigger',
	'neteaseEmailPushTrigger',
	'neteaseEmailSso',
	'neteaseEmailLogs',
	'neteaseEmailLogsTrigger',
	'neteaseEmailSettings',
	'neteaseEmailSettingsTrigger',
].map((name) => NODE_TYPE_PREFIX + name);
export const CREDENTIAL = { id: 'netease-e2e-credential', name: 'NetEase sandbox (e2e)' };
export const DATA_DIR = path.join(EXAMPLES_DIR, 'data');
const NEW_HIRES_CSV = path.join(DATA_DIR, 'new-hires.csv');
export const ORG_CHART_CSV = path.join(DATA_DIR, 'org-chart.csv');

export type Workflows = Record<ExampleName, ExampleWorkflow>;

export function loadWorkflows(): Workflows {
	const workflows = Object.fromEntries(
		EXAMPLES.map((name) => [
			name,
			loadExample(name, { nodeTypePrefix: NODE_TYPE_PREFIX, credential: CREDENTIAL }),
		]),
	) as Workflows;
	// The examples read from a folder of the user's n8n install; here, the repository's copies.
	const readFrom = (name: ExampleName, file: string) => {
		const reader = workflows[name].nodes.find(
			(node) => node.type === 'n8n-nodes-base.readWriteFile',
		);
		assert(reader, `${name} has no Read/Write Files node`);
		reader.parameters.fileSelector = realpathSync(file);
	};
	readFrom('bulk-import', NEW_HIRES_CSV);
	readFrom('org-chart-sync', ORG_CHART_CSV);
	return workflows;
}

/** The rows of new-hires.csv, keyed by its header. */
export async function readNewHires(): Promise<Array<Record<string, string>>> {
	const text = await fs.readFile(NEW_HIRES_CSV, 'utf8');
	assert(
		!text.includes('"'),
		`${NEW_HIRES_CSV} has quoted fields; the suite's CSV reader does not handle them`,
	);
	const [header, ...rows] = text
		.trim()
		.split(/\r?\n/)
		.map((line) => line.split(','));
	return rows.map((cells) =>
		Object.fromEntries(header.map((column, i) => [column, cells[i] ?? ''])),
	);
}
