/**
 * Helpers for the recording / replay tests: a temporary recording folder, the files' text, the
 * credential pointed at a proxy or a replay server, and the example workflows run in-process.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IConnections,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailAddressBook } from '../../nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node';
import { ENDPOINTS } from '../../nodes/NeteaseEmail/shared/transport/endpoints';
import type { RecordedExchange } from '../../sandbox/fidelity/recording';
import type { WorkflowRunResult } from '../harness';
import { runWorkflow } from '../harness';
import type { TestPlatform } from './netease';
import { CREDENTIAL_ID, CREDENTIAL_TYPE, credentialData, NODE_TYPE } from './netease';

/** A hand-written recorded call: a JSON POST to `path` (its catalogue key looked up) answered `code`. */
export function recordedExchange(
	seq: number,
	path: string,
	body: unknown,
	data: unknown,
	code = 0,
): RecordedExchange {
	return {
		format: 1,
		seq,
		endpoint: Object.entries(ENDPOINTS).find(([, endpoint]) => endpoint.path === path)?.[0] ?? null,
		method: 'POST',
		path,
		query: {},
		request: { contentType: 'application/json', body },
		response: {
			httpStatus: 200,
			contentType: 'application/json',
			body: { code, success: code === 0, message: '', data },
		},
		timing: { startedAt: '2026-11-29T10:00:00.000Z', ms: 5 },
	};
}

/** A fresh temporary folder, removed after the test file. */
export function useTempDir(prefix: string): () => string {
	const dirs: string[] = [];
	afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
	return () => {
		const dir = mkdtempSync(join(tmpdir(), prefix));
		dirs.push(dir);
		return dir;
	};
}

/** Every file in a recording folder with its text. */
export function recordingFiles(dir: string): Array<{ name: string; text: string }> {
	return readdirSync(dir)
		.sort()
		.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** The stored credential as a user would enter it (no token yet), with its Base URL at `baseUrl`. */
export function freshCredentialAt(platform: TestPlatform, baseUrl: string): void {
	platform.credentials.set(CREDENTIAL_ID, { ...credentialData(platform.sandbox), baseUrl });
}

/** The example workflows this package ships (examples/*.json). */
const EXAMPLES_DIR = join(__dirname, '../../examples');
const PACKAGE_PREFIX = 'n8n-nodes-netease-enterprise-email.';
const SET_TYPE = 'n8n-nodes-base.set';
const STICKY_TYPE = 'n8n-nodes-base.stickyNote';

interface ExampleFile {
	nodes: INode[];
	connections: IConnections;
}

/**
 * Runs an example workflow in-process against the stored credential. The examples' sample records
 * are Set nodes in raw mode; n8n-nodes-base is not installed here, so a stand-in outputs the
 * node's JSON as n8n's Set node would. Sticky notes are left out.
 */
export async function runExample(
	platform: TestPlatform,
	name: string,
): Promise<WorkflowRunResult & { outputs: Record<string, unknown[]> }> {
	const example = JSON.parse(
		readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8'),
	) as ExampleFile;
	const nodes = example.nodes
		.filter((node) => node.type !== STICKY_TYPE)
		.map((node) =>
			node.type.startsWith(PACKAGE_PREFIX)
				? {
						...node,
						credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: 'NetEase sandbox' } },
					}
				: node,
		);
	const unknown = nodes.filter(
		(node) =>
			![NODE_TYPE, SET_TYPE, 'n8n-nodes-base.manualTrigger'].includes(node.type) &&
			!node.type.startsWith(PACKAGE_PREFIX),
	);
	if (unknown.length) throw new Error(`runExample cannot run ${unknown.map((n) => n.type)}`);
	const result = await runWorkflow({
		nodes,
		connections: example.connections,
		nodeTypes: { [NODE_TYPE]: NeteaseEmailAddressBook, [SET_TYPE]: RawSetNode },
		credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
		credentials: platform.credentials,
	});
	const outputs = Object.fromEntries(
		nodes.map((node) => [node.name, result.output(node.name).map((item) => item.json)]),
	);
	return Object.assign(result, { outputs });
}

/** n8n's Set node in raw mode, for JSON without expressions: every input item becomes that JSON. */
class RawSetNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Edit Fields (raw JSON stand-in)',
		name: 'set',
		group: ['transform'],
		version: [3, 3.1, 3.2, 3.3, 3.4],
		description: 'Outputs its JSON for every input item',
		defaults: { name: 'Edit Fields' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'raw' },
			{ displayName: 'JSON', name: 'jsonOutput', type: 'string', default: '{}' },
			{ displayName: 'Options', name: 'options', type: 'json', default: {} },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_, index) => ({
				json: JSON.parse(this.getNodeParameter('jsonOutput', index) as string),
				pairedItem: { item: index },
			})),
		];
	}
}
