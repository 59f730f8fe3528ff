/**
 * npm run demo: runs the onboarding, offboarding and directory-report examples and the org-chart
 * sync (dry run, apply, apply again) against the embedded sandbox through n8n-core's workflow
 * engine, with the built package from dist/, and prints what happened. Needs no NetEase account and
 * no n8n install.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IPinData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { startSandbox } from '../sandbox';
import {
	CredentialStore,
	MANUAL_TRIGGER_TYPE,
	removeUserFolder,
	runWorkflow,
} from '../test/harness';
import type { ExampleName, ExampleWorkflow } from './lib/examples';
import { CREDENTIAL_TYPE, EXAMPLES_DIR, loadExample, setNodeOutput } from './lib/examples';

const DIST = join(__dirname, '../dist');
const NODE_TYPE = 'demo.neteaseEmailAddressBook';
const CREDENTIAL = { id: 'demo-credential', name: 'NetEase sandbox' };

/* eslint-disable @typescript-eslint/no-require-imports -- the demo loads the built package, as n8n does */
const { NeteaseEmailAddressBook } = require(
	join(DIST, 'nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node.js'),
) as {
	NeteaseEmailAddressBook: new () => INodeType;
};
const { NeteaseEnterpriseEmailApi } = require(
	join(DIST, 'credentials/NeteaseEnterpriseEmailApi.credentials.js'),
) as {
	NeteaseEnterpriseEmailApi: new () => ICredentialType;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The examples start with a Set node holding their sample record, and the report ends with n8n's
 * Convert to File. Those two belong to n8n itself (run for real by `npm run e2e`); here the Set
 * node's own JSON is pinned as its output and file nodes after the last NetEase node are left out.
 */
function adaptForEngine(workflow: ExampleWorkflow): {
	workflow: ExampleWorkflow;
	pinData: IPinData;
} {
	const pinData: IPinData = {};
	const runnable = workflow.nodes.filter((node) => {
		if (node.type === 'n8n-nodes-base.manualTrigger') node.type = MANUAL_TRIGGER_TYPE;
		if (node.type === 'n8n-nodes-base.set') pinData[node.name] = [{ json: setNodeOutput(node) }];
		return [MANUAL_TRIGGER_TYPE, NODE_TYPE, 'n8n-nodes-base.set'].includes(node.type);
	});
	const kept = new Set(runnable.map((node) => node.name));
	const connections = Object.fromEntries(
		Object.entries(workflow.connections)
			.filter(([from]) => kept.has(from))
			.map(([from, outputs]) => [
				from,
				{ main: outputs.main.map((links) => (links ?? []).filter((link) => kept.has(link.node))) },
			]),
	);
	return { workflow: { ...workflow, nodes: runnable, connections }, pinData };
}

/** Stands in for n8n's Set node, whose output the demo always pins; it never runs. */
class PinnedSetNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Edit Fields (Set)',
		name: 'n8n-nodes-base.set',
		group: ['input'],
		version: [3.4],
		description: 'Pinned sample record',
		defaults: { name: 'Set' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(): Promise<never> {
		throw new Error("The demo pins the Set node's output; it is not meant to run");
	}
}

function table(rows: IDataObject[], columns: string[]): string {
	const width = (text: string) =>
		[...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
	const cell = (row: IDataObject, column: string) => String(row[column] ?? '');
	const widths = columns.map((column) =>
		Math.max(width(column), ...rows.map((row) => width(cell(row, column)))),
	);
	const line = (values: string[]) =>
		values.map((value, i) => value + ' '.repeat(widths[i] - width(value))).join('  ');
	return [
		line(columns),
		line(widths.map((w) => '-'.repeat(w))),
		...rows.map((row) => line(columns.map((c) => cell(row, c)))),
	].join('\n');
}

async function main() {
	const sandbox = await startSandbox({ seed: 'demo' });
	const { orgOpenId, appId, authCode, domain, baseUrl } = sandbox.credential;
	const credentials = new CredentialStore([
		{
			...CREDENTIAL,
			type: CREDENTIAL_TYPE,
			data: { orgOpenId, appId, appSecret: authCode, domain, baseUrl },
		},
	]);
	const run = async (name: ExampleName) => {
		const { workflow, pinData } = adaptForEngine(
			loadExample(name, { nodeType: NODE_TYPE, credential: CREDENTIAL }),
		);
		const result = await runWorkflow({
			nodes: workflow.nodes,
			connections: workflow.connections,
			nodeTypes: { [NODE_TYPE]: NeteaseEmailAddressBook, 'n8n-nodes-base.set': PinnedSetNode },
			credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
			credentials,
			pinData,
		});
		if (!result.success) throw new Error(`${workflow.name} failed: ${result.error?.message}`);
		return (node: string) => result.output(node).map((item) => item.json);
	};

	/** The org-chart example's Import node on the example's CSV, as its Read File node hands it over. */
	const orgChart = async (dryRun: boolean) => {
		const csv = readFileSync(join(EXAMPLES_DIR, 'data/org-chart.csv'));
		const result = await runWorkflow({
			nodes: [
				{
					id: 'start',
					name: 'Start',
					type: MANUAL_TRIGGER_TYPE,
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'import',
					name: 'Import',
					type: NODE_TYPE,
					typeVersion: 1,
					position: [200, 0],
					parameters: {
						resource: 'directory',
						operation: 'import',
						dryRun,
						password: 'Welcome#2026',
					},
					credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
				},
			],
			connections: {
				Start: { main: [[{ node: 'Import', type: NodeConnectionTypes.Main, index: 0 }]] },
			},
			nodeTypes: { [NODE_TYPE]: NeteaseEmailAddressBook },
			credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
			credentials,
			startItems: [
				{
					json: {},
					binary: {
						data: { data: csv.toString('base64'), mimeType: 'text/csv', fileName: 'org-chart.csv' },
					},
				},
			],
		});
		if (!result.success) throw new Error(`org-chart sync failed: ${result.error?.message}`);
		const rows = result.output('Import').map((item) => item.json);
		const counts = new Map<string, number>();
		for (const row of rows)
			counts.set(String(row.outcome), (counts.get(String(row.outcome)) ?? 0) + 1);
		return { rows, summary: [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ') };
	};

	try {
		console.log(`Sandbox running at ${sandbox.url} (demo organisation on ${domain})\n`);

		const onboarding = await run('hr-onboarding');
		const [department] = onboarding('Ensure department path');
		const [account] = onboarding('Create account');
		console.log('HR onboarding');
		console.log(
			`  departments created: ${(department.createdPaths as string[]).join(', ') || 'none (already there)'}`,
		);
		console.log(
			`  account created:     ${account.email} (${account.name}) in ${account.departmentPath}\n`,
		);

		const offboarding = await run('offboarding');
		const [leaver] = offboarding('Find account by job number');
		const [suspended] = offboarding('Suspend account');
		const [deleted] = offboarding('Delete account (recoverable)');
		console.log('Offboarding');
		console.log(`  found by job number: ${leaver.email} (${leaver.name}, ${leaver.jobNumber})`);
		console.log(`  suspended:           ${suspended.email}`);
		console.log(`  deleted:             ${deleted.email} (recoverable: ${deleted.recoverable})\n`);

		const report = (await run('directory-report'))('List every account');
		console.log(`Directory report (${report.length} accounts)`);
		console.log(
			table(report, ['email', 'name', 'status', 'departmentPath', 'jobNumber']).replace(
				/^/gm,
				'  ',
			),
		);

		const preview = await orgChart(true);
		const update = preview.rows.find((row) => row.outcome === 'wouldUpdate');
		console.log(`\nOrg-chart sync (examples/data/org-chart.csv, ${preview.rows.length} rows)`);
		console.log(`  dry run:       ${preview.summary}; nothing written`);
		if (update)
			console.log(`                 e.g. ${update.key}: ${JSON.stringify(update.changes)}`);
		console.log(`  applied:       ${(await orgChart(false)).summary}`);
		console.log(`  applied again: ${(await orgChart(false)).summary}`);

		const stats = sandbox.control.stats();
		const calls = Object.entries(stats.byPath).filter(
			([path]) => !path.startsWith('/api/pub/token'),
		);
		const total = calls.reduce((sum, [, s]) => sum + s.calls, 0);
		console.log(
			`\n${total} platform calls, ${stats.tokensAcquired} token acquired, ${stats.tokensRefreshed} refreshed.`,
		);
	} finally {
		await sandbox.close();
		removeUserFolder();
	}
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exitCode = 1;
});
