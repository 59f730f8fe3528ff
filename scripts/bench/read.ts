/**
 * The read part of `npm run bench` (`--runs read`): 20,000 accounts put straight into the
 * sandbox's state (see sandbox.ts), read with Account → Get Many, Return All, then 10 of them,
 * then as many items of the same shape made by a Code node without any request: n8n's own share
 * of the memory. For each, the n8n process's resident memory when the measured node starts (booted,
 * workflow loaded) and its peak from then on (the node, then saving and printing the execution).
 * One page of the list answered to a plain client is timed too, to tell the sandbox's share of
 * the read from n8n's.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

import type { RequestRecord } from '../../sandbox';
import { NODE_TYPE_PREFIX } from '../e2e/fixtures';
import type { ExecuteResult, N8nSession } from '../e2e/n8n';
import { diagnostics } from '../e2e/report';
import type { ExampleWorkflow } from '../lib/examples';
import type { ReadMeasure, StepRun } from './measure';
import { measureRead, readProblems, stepRun } from './measure';
import type { MemorySampler } from './memory';
import { mb } from './memory';
import { pageAnswerMs } from './probe';
import type { BenchSandbox } from './sandbox';
import type { StepMemory } from './table';
import { readTable } from './table';
import { newAccounts, node, nodeGetMany, READ_NODE, workflow } from './workflows';

const READ_ALL = 'bench-node-read-all';
const READ_10 = 'bench-node-read-10';
const STAND_IN = 'bench-stand-in-same-items';
const CODE_NODE = 'bench-code-same-items';
const PAGE_SIZE = 100;

/** One execution as run.ts's `execute` returns it. */
export interface Execution {
	result: ExecuteResult;
	calls: RequestRecord[];
	memory: MemorySampler;
	loadBefore: unknown;
}

export interface ReadBench {
	n8n: N8nSession;
	sandbox: BenchSandbox;
	accounts: number;
	ratePerSecond: number;
	execute: (workflowId: string) => Promise<Execution>;
	log: (message: string) => void;
	/** Where broken results are reported (they make the benchmark exit 1). */
	problems: string[];
}

/** Items shaped as Get Many's simplified accounts of the bench sandbox, as JavaScript source. */
function sameShapeItemsSource(count: number, domain: string, orgOpenId: string): string {
	return `const items = [];
for (let n = 1; n <= ${count}; n++) {
  const number = String(n).padStart(${String(count).length}, '0');
  items.push({ json: {
    accountName: \`staff\${number}\`,
    email: \`staff\${number}@${domain}\`,
    name: \`压测员工\${number}\`,
    status: 'normal',
    departmentId: '${orgOpenId}_default',
    departmentPath: '默认部门',
    jobNumber: '', job: '', mobile: '',
    openId: \`sbxa\${String(n).padStart(12, '0')}\`,
  }, pairedItem: { item: 0 } });
}`;
}

const STAND_IN_CLASS = 'BenchSameShapeItems';

/**
 * A node that only outputs the items (`sameShapeItemsSource`), run in n8n's own process like the
 * package's node: n8n's share of the memory without any request. Written into the private copy
 * of dist/ that n8n loads (scripts/e2e/extension.ts), never into dist/ itself.
 */
export async function addStandInNode(
	extensionDir: string,
	sandbox: BenchSandbox,
	count: number,
): Promise<void> {
	const { domain, orgOpenId } = sandbox.identity;
	const source = `class ${STAND_IN_CLASS} {
  constructor() {
    this.description = {
      displayName: 'Bench: Same-Shape Items',
      name: 'benchSameShapeItems',
      group: ['transform'],
      version: 1,
      description: 'Outputs items shaped as Get Many accounts, without a request',
      defaults: { name: 'Same-shape items' },
      inputs: ['main'],
      outputs: ['main'],
      properties: [],
    };
  }
  async execute() {
    ${sameShapeItemsSource(count, domain, orgOpenId)}
    return [items];
  }
}
module.exports = { ${STAND_IN_CLASS} };
`;
	const dir = path.join(extensionDir, 'bench');
	await fs.mkdir(dir, { recursive: true });
	await fs.writeFile(path.join(dir, `${STAND_IN_CLASS}.node.js`), source);
}

/** The read part's workflows, imported with the others. */
export function readWorkflows(sandbox: BenchSandbox, count: number): ExampleWorkflow[] {
	const { domain, orgOpenId } = sandbox.identity;
	const start = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, {});
	const jsCode = `${sameShapeItemsSource(count, domain, orgOpenId)}\nreturn items;`;
	return [
		nodeGetMany(READ_ALL),
		nodeGetMany(READ_10, 10),
		workflow(STAND_IN, `Bench: ${count} items shaped as Get Many's, no request`, [
			start(),
			node(READ_NODE, `${NODE_TYPE_PREFIX}benchSameShapeItems`, 1, {}),
		]),
		workflow(CODE_NODE, `Bench: Code node, ${count} items shaped as Get Many's`, [
			start(),
			node(READ_NODE, 'n8n-nodes-base.code', 2, { jsCode }),
		]),
	];
}

/** The n8n process's memory around the measured node's run. */
function stepMemory({ memory }: Execution, step: StepRun | undefined): StepMemory {
	if (!step) return {};
	const idleKb = memory.rssAt(step.startTime);
	const peakKb = memory.peakSinceKb(step.startTime);
	return {
		idleRssMb: mb(idleKb),
		peakMb: mb(peakKb),
		aboveIdleMb: idleKb === undefined || peakKb === undefined ? undefined : mb(peakKb - idleKb),
		nodeRunPeakMb: mb(memory.highestRssKb(step.startTime, step.startTime + step.executionMs)),
		taskRunnerPeakMb: mb(memory.childrenPeakSinceKb(step.startTime)),
	};
}

/** Runs the read part; returns its table, or undefined when the read failed. */
export async function benchmarkRead(bench: ReadBench): Promise<string | undefined> {
	const { sandbox, accounts, problems, execute, log } = bench;
	sandbox.control.reset('empty');
	sandbox.addAccounts(newAccounts(accounts, 'staff'));
	const lastPage = Math.ceil(accounts / PAGE_SIZE);
	const probePages = Array.from({ length: 9 }, (_, i) => 1 + Math.floor((i * (lastPage - 1)) / 8));
	const pageMs = await pageAnswerMs(sandbox, probePages);
	log(`${accounts} accounts in the sandbox, a page answers in ${pageMs} ms; reading all…`);
	// All first: it finds the stored token expired or missing and gets one.
	const all = await execute(READ_ALL);
	log('reading 10, then making as many items without a request, in n8n and in a Code node…');
	const small = await execute(READ_10);
	const standIn = await execute(STAND_IN);
	const code = await execute(CODE_NODE);

	const runOf = (name: string, execution: Execution) => {
		const run = stepRun(execution.result, READ_NODE);
		if (run.failure) {
			console.error(
				diagnostics(`(${name}) n8n execute`, execution.result.stdout, execution.result.stderr),
			);
			problems.push(`(${name}) ${run.failure}`);
		}
		return run.step;
	};
	const step = runOf('read', all);
	const smallStep = runOf('read 10', small);
	const standInStep = runOf('stand-in', standIn);
	const codeStep = runOf('code node', code);
	if (!step) {
		console.log(JSON.stringify({ run: 'read', failure: 'no run data' }));
		return undefined;
	}
	const measure: ReadMeasure = measureRead({
		run: 'read',
		label: `Account → Get Many, Return All, ${accounts} accounts`,
		ratePerSecond: bench.ratePerSecond,
		simplified: true,
		step,
		result: all.result,
		calls: all.calls,
		state: sandbox.control.state(),
	});
	problems.push(...readProblems(measure).map((p) => `(read) ${p}`));
	const memory = {
		read: stepMemory(all, step),
		smallRead: stepMemory(small, smallStep),
		standIn: { ...stepMemory(standIn, standInStep), items: standInStep?.items.length },
		codeNode: { ...stepMemory(code, codeStep), items: codeStep?.items.length },
	};
	console.log(
		JSON.stringify({
			...measure,
			sandboxPageMs: pageMs,
			memory,
			memorySamples: all.memory.samples.length,
			loadAverageBefore: all.loadBefore,
		}),
	);
	return readTable(measure, memory, pageMs);
}
