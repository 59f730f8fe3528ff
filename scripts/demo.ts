/**
 * npm run demo: the main job of every module, against the embedded sandbox through n8n-core's
 * workflow engine with the built package from dist/: the onboarding, offboarding (with the mail
 * hand-over), directory-report and org-chart sync (dry run, apply, apply again) examples, a welcome
 * mail to the new hire and a one-click login link for them; prints what happened. Needs no NetEase
 * account and no n8n install.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	IPinData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { startSandbox } from '../sandbox';
import {
	CredentialStore,
	MANUAL_TRIGGER_TYPE,
	START_NODE,
	removeUserFolder,
	runWorkflow,
} from '../test/harness';
import type { ExampleName, ExampleWorkflow } from './lib/examples';
import { CREDENTIAL_TYPE, EXAMPLES_DIR, loadExample, setNodeOutput } from './lib/examples';

const DIST = join(__dirname, '../dist');
const NODE_TYPE_PREFIX = 'demo.';
const NODE_TYPE = `${NODE_TYPE_PREFIX}neteaseEmailAddressBook`;
const EMAIL_NODE_TYPE = `${NODE_TYPE_PREFIX}neteaseEmail`;
const SSO_NODE_TYPE = `${NODE_TYPE_PREFIX}neteaseEmailSso`;
const IF_TYPE = 'n8n-nodes-base.if';
const CREDENTIAL = { id: 'demo-credential', name: 'NetEase sandbox' };

/* eslint-disable @typescript-eslint/no-require-imports -- the demo loads the built package, as n8n does */
const { NeteaseEmailAddressBook } = require(
	join(DIST, 'nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node.js'),
) as {
	NeteaseEmailAddressBook: new () => INodeType;
};
const { NeteaseEmail } = require(join(DIST, 'nodes/NeteaseEmail/Email/NeteaseEmail.node.js')) as {
	NeteaseEmail: new () => INodeType;
};
const { NeteaseEmailSso } = require(
	join(DIST, 'nodes/NeteaseEmail/Sso/NeteaseEmailSso.node.js'),
) as {
	NeteaseEmailSso: new () => INodeType;
};
const { NeteaseEnterpriseEmailApi } = require(
	join(DIST, 'credentials/NeteaseEnterpriseEmailApi.credentials.js'),
) as {
	NeteaseEnterpriseEmailApi: new () => ICredentialType;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The examples start with a Set node holding their sample record, offboarding checks the hand-over
 * with an If node, and the report ends with n8n's Convert to File. Those belong to n8n itself (run
 * for real by `npm run e2e`); here the Set node's own JSON is pinned as its output, the If node is
 * played by DemoIfNode, and the other n8n nodes (file, Stop and Error) are left out.
 */
function adaptForEngine(workflow: ExampleWorkflow): {
	workflow: ExampleWorkflow;
	pinData: IPinData;
} {
	const pinData: IPinData = {};
	const runnable = workflow.nodes.filter((node) => {
		if (node.type === 'n8n-nodes-base.manualTrigger') node.type = MANUAL_TRIGGER_TYPE;
		if (node.type === 'n8n-nodes-base.set') pinData[node.name] = [{ json: setNodeOutput(node) }];
		return [
			MANUAL_TRIGGER_TYPE,
			NODE_TYPE,
			EMAIL_NODE_TYPE,
			'n8n-nodes-base.set',
			IF_TYPE,
		].includes(node.type);
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

interface IfCondition {
	leftValue: unknown;
	rightValue: unknown;
	operator: { type: string; operation: string };
}

/**
 * Stands in for n8n's If node on the conditions the examples use (all must hold; string equals):
 * items that pass go to the first output, the others to the second.
 */
class DemoIfNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'If',
		name: IF_TYPE,
		group: ['transform'],
		version: [2],
		description: "Plays n8n's If node for the demo",
		defaults: { name: 'If' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		properties: [{ displayName: 'Conditions', name: 'conditions', type: 'json', default: {} }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [passed, failed]: INodeExecutionData[][] = [[], []];
		this.getInputData().forEach((item, i) => {
			const { conditions, combinator } = this.getNodeParameter('conditions', i) as {
				conditions: IfCondition[];
				combinator: string;
			};
			const holds = conditions.map(({ leftValue, rightValue, operator }) => {
				if (operator.type !== 'string' || operator.operation !== 'equals' || combinator !== 'and')
					throw new Error(`The demo's If node cannot evaluate ${JSON.stringify(operator)}`);
				return leftValue === rightValue;
			});
			(holds.every(Boolean) ? passed : failed).push({ ...item, pairedItem: { item: i } });
		});
		return [passed, failed];
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
			loadExample(name, { nodeTypePrefix: NODE_TYPE_PREFIX, credential: CREDENTIAL }),
		);
		const result = await runWorkflow({
			nodes: workflow.nodes,
			connections: workflow.connections,
			nodeTypes: {
				[NODE_TYPE]: NeteaseEmailAddressBook,
				[EMAIL_NODE_TYPE]: NeteaseEmail,
				'n8n-nodes-base.set': PinnedSetNode,
				[IF_TYPE]: DemoIfNode,
			},
			credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
			credentials,
			pinData,
		});
		if (!result.success) throw new Error(`${workflow.name} failed: ${result.error?.message}`);
		return (node: string) => result.output(node).map((item) => item.json);
	};

	/** One NetEase node on its own, after a manual start that hands it `startItems`. */
	const runNode = async (
		type: string,
		parameters: INodeParameters,
		startItems: INodeExecutionData[] = [{ json: {} }],
	) => {
		const result = await runWorkflow({
			nodes: [
				START_NODE,
				{
					id: 'netease',
					name: 'NetEase',
					type,
					typeVersion: 1,
					position: [200, 0],
					parameters,
					credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
				},
			],
			connections: {
				Start: { main: [[{ node: 'NetEase', type: NodeConnectionTypes.Main, index: 0 }]] },
			},
			nodeTypes: {
				[NODE_TYPE]: NeteaseEmailAddressBook,
				[EMAIL_NODE_TYPE]: NeteaseEmail,
				[SSO_NODE_TYPE]: NeteaseEmailSso,
			},
			credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
			credentials,
			startItems,
		});
		if (!result.success) throw new Error(`${type} failed: ${result.error?.message}`);
		return result.output('NetEase').map((item) => item.json);
	};
	const fileItem = (bytes: Buffer, fileName: string, mimeType: string): INodeExecutionData => ({
		json: {},
		binary: { data: { data: bytes.toString('base64'), mimeType, fileName } },
	});

	/** The org-chart example's Import node on the example's CSV, as its Read File node hands it over. */
	const orgChart = async (dryRun: boolean) => {
		const csv = readFileSync(join(EXAMPLES_DIR, 'data/org-chart.csv'));
		const rows = await runNode(
			NODE_TYPE,
			{ resource: 'directory', operation: 'import', dryRun, password: 'Welcome#2026' },
			[fileItem(csv, 'org-chart.csv', 'text/csv')],
		);
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

		// Mail for the leaver (E1004), which the hand-over copies to the successor.
		for (const subject of ['客户需求确认', '发票寄送地址'])
			sandbox.control.deliverMail({ to: 'liu.yang', from: 'customer@client.example.net', subject });
		const offboarding = await run('offboarding');
		const [leaver] = offboarding('Find account by job number');
		const [suspended] = offboarding('Suspend account');
		const [handedOver] = offboarding('Hand over mailbox');
		const [deleted] = offboarding('Delete account (recoverable)');
		console.log('Offboarding');
		console.log(`  found by job number: ${leaver.email} (${leaver.name}, ${leaver.jobNumber})`);
		console.log(`  suspended:           ${suspended.email}`);
		console.log(
			`  mail handed over:    to ${handedOver.successor}, ${handedOver.copied} of ${handedOver.total} messages copied (${handedOver.state})`,
		);
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

		const [welcome] = await runNode(
			EMAIL_NODE_TYPE,
			{
				resource: 'message',
				operation: 'send',
				mailbox: { __rl: true, mode: 'address', value: 'service' },
				to: `周杰 <${account.email}>`,
				subject: '欢迎加入！入职指南见附件',
				text: '你好，周杰：欢迎加入。入职指南见附件。',
				options: { attachments: 'data' },
			},
			[fileItem(Buffer.from('入职指南 / onboarding guide'), '入职指南.txt', 'text/plain')],
		);
		const inbox = sandbox.control.state().mailboxes['zhou.jie'] ?? [];
		console.log('\nWelcome mail (NetEase Email → Message → Send)');
		console.log(
			`  sent:         ${welcome.messageId} to ${(welcome.accepted as string[]).join(', ')}`,
		);
		console.log(
			`  arrived:      "${inbox[inbox.length - 1]?.subject}" in ${account.email}'s inbox`,
		);

		const [link] = await runNode(SSO_NODE_TYPE, {
			resource: 'loginLink',
			operation: 'get',
			account: { __rl: true, mode: 'address', value: String(account.email) },
		});
		const page = await (await fetch(String(link.url))).text();
		console.log('\nOne-click login (NetEase Email SSO → Login Link → Get)');
		console.log(`  link:         ${String(link.url).replace(/sso_token=[^&]+/, 'sso_token=…')}`);
		console.log(`  opens:        ${/<b id="account">([^<]+)<\/b>/.exec(page)?.[1] ?? 'nothing'}`);

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
