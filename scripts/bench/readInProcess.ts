/**
 * NODE_OPTIONS=--expose-gc npx tsx scripts/bench/readInProcess.ts [-- --accounts 20000 --latency 50 --rate 100]
 *
 * Account → Get Many, Return All, in the in-process n8n engine (n8n-core's WorkflowExecute, as the
 * integration tests run it) against the sandbox at a latency per call and a rate limit: the read's
 * wall time against the bound (calls / rate), its calls, and the JavaScript heap it needs: sampled
 * every few milliseconds during the run (peak above the heap before it) and after it (what the
 * run's output items keep). Then the same for a stand-in node that outputs as many items of the
 * same shape without any request: n8n's own share of the heap. Nothing is asserted; the exit code
 * is 1 only when the read lost, duplicated or reordered an account.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailAddressBook } from '../../nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node.ts';
import type { WorkflowRunResult } from '../../test/harness';
import { CredentialStore, removeUserFolder, START_NODE, runWorkflow } from '../../test/harness';
import {
	CREDENTIAL_ID,
	CREDENTIAL_TYPE,
	credentialData,
	NODE_TYPE,
} from '../../test/support/netease';
import { startBenchSandbox } from './sandbox';
import { newAccounts } from './workflows';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const ACCOUNTS = option('accounts', 20_000);
const LATENCY_MS = option('latency', 50);
const RATE = option('rate', 100);
const STAND_IN_TYPE = 'bench.sameShapeItems';
const READ_ALL = { resource: 'account', operation: 'getAll', returnAll: true };

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const collect = () => (globalThis as { gc?: () => void }).gc?.();

/** Outputs `count` items shaped as Get Many's simplified accounts, built here, no request. */
class SameShapeItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Same-shape items (bench)',
		name: 'sameShapeItems',
		group: ['transform'],
		version: 1,
		description: 'Outputs as many items as Get Many, of the same shape',
		defaults: { name: 'Stand-in' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Count', name: 'count', type: 'number', default: 0 }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const count = this.getNodeParameter('count', 0) as number;
		const items = newAccounts(count, 'staff').map(({ accountName, name }, n) => ({
			json: {
				accountName,
				email: `${accountName}@sandbox.example.com`,
				name,
				status: 'normal',
				departmentId: 'sbx-org-0001_default',
				departmentPath: '默认部门',
				jobNumber: '',
				job: '',
				mobile: '',
				openId: `sbxa${String(n + 1).padStart(12, '0')}`,
			} as IDataObject,
			pairedItem: { item: 0 },
		}));
		return [items];
	}
}

/**
 * Live heap (after a full collection) every 20 ms while `task` runs: the peak above the heap
 * before it, and what is still live after it while its result is held. The collections slow the
 * task down, so it is run apart from the timed read.
 */
async function liveHeap(task: () => Promise<WorkflowRunResult>) {
	const live = () => {
		collect();
		return process.memoryUsage().heapUsed;
	};
	const before = live();
	let peak = before;
	const timer = setInterval(() => (peak = Math.max(peak, live())), 20);
	let result: WorkflowRunResult;
	try {
		result = await task();
	} finally {
		clearInterval(timer);
	}
	const after = live();
	return {
		peakMb: mb(Math.max(peak, after) - before),
		keptMb: mb(after - before),
		// Read after the last measure: the run's output items are part of what it keeps.
		items: result.output('Read').length,
	};
}

async function main() {
	const sandbox = await startBenchSandbox({
		latencyMs: LATENCY_MS,
		rateLimit: { perSecond: RATE, code: -422 },
	});
	sandbox.addAccounts(newAccounts(ACCOUNTS, 'staff'));
	const credentials = new CredentialStore([
		{
			id: CREDENTIAL_ID,
			name: 'NetEase sandbox',
			type: CREDENTIAL_TYPE,
			data: credentialData(sandbox),
		},
	]);
	const run = async (type: string, parameters: INodeParameters) => {
		const result = await runWorkflow({
			nodes: [
				START_NODE,
				{
					id: 'read',
					name: 'Read',
					type,
					typeVersion: 1,
					position: [200, 0],
					parameters,
					credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: 'NetEase sandbox' } },
				},
			],
			connections: { Start: { main: [[{ node: 'Read', type: 'main', index: 0 }]] } },
			nodeTypes: { [NODE_TYPE]: NeteaseEmailAddressBook, [STAND_IN_TYPE]: SameShapeItems },
			credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
			credentials,
			startItems: [{ json: {} }],
		});
		if (!result.success) throw new Error(`the ${type} run failed`);
		return result;
	};

	try {
		// Warm up: code loaded and compiled, a token stored, before anything is measured.
		await run(NODE_TYPE, { resource: 'account', operation: 'getAll', returnAll: false, limit: 10 });
		sandbox.control.clearRequests();

		const started = performance.now();
		const result = await run(NODE_TYPE, READ_ALL);
		const seconds = (performance.now() - started) / 1000;
		const names = result.output('Read').map((item) => String(item.json.accountName));
		const expected = newAccounts(ACCOUNTS, 'staff').map((account) => account.accountName);
		const inOrder =
			names.length === expected.length && names.every((name, n) => name === expected[n]);
		const calls = sandbox.control.requests();
		const byPath: Record<string, number> = {};
		for (const call of calls) byPath[call.path] = (byPath[call.path] ?? 0) + 1;
		const refused = calls.filter((call) => call.code === -422).length;

		const ours = await liveHeap(() => run(NODE_TYPE, READ_ALL));
		const standIn = await liveHeap(() => run(STAND_IN_TYPE, { count: ACCOUNTS }));

		console.log(
			JSON.stringify({
				run: 'read in-process',
				accounts: ACCOUNTS,
				latencyMs: LATENCY_MS,
				ratePerSecond: RATE,
				readSeconds: Math.round(seconds * 100) / 100,
				calls: calls.length,
				callsByPath: byPath,
				rateLimitedAnswers: refused,
				boundSeconds: calls.length / RATE,
				boundOverWall: Math.round((calls.length / RATE / seconds) * 100) / 100,
				outputItems: names.length,
				everyAccountOnceInOrder: inOrder,
				liveHeap: ours,
				standInLiveHeap: standIn,
				gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
			}),
		);
		if (!inOrder) process.exitCode = 1;
	} finally {
		await sandbox.close();
		removeUserFolder();
	}
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exitCode = 1;
});
