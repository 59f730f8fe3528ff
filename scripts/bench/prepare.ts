/**
 * npx tsx scripts/bench/prepare.ts [--accounts 2000 --rounds 3 --through-n8n]
 *
 * Where the time before Account → Create's first write goes, in-process (n8n-core's engine, the
 * sandbox on loopback without latency or rate limit): the prepare phase of every item, split into
 * n8n's parameter resolution (the context's getNodeParameter: expressions, defaults, type checks)
 * and the node's own work (everything else prepare does: checks, look-ups, awaits), and how long
 * after the node started the first createAccount call arrived. Several rounds, a fresh
 * organisation each; the first one runs cold code. Nothing is changed in the node: its prepare
 * and the context are wrapped from outside. `--through-n8n` sends every parameter read to n8n, as
 * before parameters that hold no expression were read once and `{{ $json.field }}` taken from the
 * input (see framework/parameters.ts). In-process n8n runs expressions with its `legacy` engine;
 * n8n itself (2.x) runs them isolated, several times slower (see scripts/bench/profile.ts).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { create } from '../../nodes/NeteaseEmail/AddressBook/actions/account/create.operation';
import type { Item } from '../../nodes/NeteaseEmail/shared/framework/item';
import { NodeParameters } from '../../nodes/NeteaseEmail/shared/framework/parameters';
import { removeUserFolder } from '../../test/harness';
import { CREATE_ACCOUNT_FROM_ITEM, newHires, startPlatform } from '../../test/support/netease';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const ACCOUNTS = option('accounts', 2000);
const ROUNDS = option('rounds', 3);
const CREATE_PATH = '/api/open/account/createAccount';

interface Phase {
	firstPrepareAt?: number;
	lastPrepareEnd?: number;
	prepareCalls: number;
	parameterMs: number;
	parameterCalls: number;
}

let phase: Phase = { prepareCalls: 0, parameterMs: 0, parameterCalls: 0 };
const timedContexts = new WeakSet<object>();

/** Times every getNodeParameter call of this execution's context (n8n's share). */
function timeParameters(context: IExecuteFunctions) {
	if (timedContexts.has(context)) return;
	timedContexts.add(context);
	const original = context.getNodeParameter.bind(context) as (...args: unknown[]) => unknown;
	(context as { getNodeParameter: unknown }).getNodeParameter = (...args: unknown[]) => {
		const started = performance.now();
		try {
			return original(...args);
		} finally {
			phase.parameterMs += performance.now() - started;
			phase.parameterCalls++;
		}
	};
}

if (process.argv.includes('--through-n8n')) {
	NodeParameters.prototype.get = function (name: string, index: number, fallback?: unknown) {
		const { context } = this as unknown as { context: IExecuteFunctions };
		return context.getNodeParameter(name, index, fallback);
	};
}

const prepare = create.prepare;
create.prepare = async function (this: IExecuteFunctions, item: Item) {
	timeParameters(this);
	phase.firstPrepareAt ??= performance.now();
	try {
		return await prepare.call(this, item);
	} finally {
		phase.prepareCalls++;
		phase.lastPrepareEnd = performance.now();
	}
};

const round = (value: number) => Math.round(value);

async function main() {
	const platform = await startPlatform({ seed: 'empty' });
	const { sandbox } = platform;
	try {
		for (let n = 1; n <= ROUNDS; n++) {
			sandbox.control.reset('empty');
			phase = { prepareCalls: 0, parameterMs: 0, parameterCalls: 0 };
			const run = await platform.run(CREATE_ACCOUNT_FROM_ITEM, {
				items: newHires(ACCOUNTS, `r${n}x`),
				continueOnFail: true,
			});
			const nodeRun = run.runData.NetEase?.[0];
			const firstCreate = sandbox.control.requests().find((call) => call.path === CREATE_PATH);
			const prepareMs = (phase.lastPrepareEnd ?? 0) - (phase.firstPrepareAt ?? 0);
			console.log(
				JSON.stringify({
					round: n,
					accounts: ACCOUNTS,
					failedItems: run.json.filter((item) => item.error).length,
					prepareMs: round(prepareMs),
					n8nParameterMs: round(phase.parameterMs),
					nodeOwnMs: round(prepareMs - phase.parameterMs),
					parameterCalls: phase.parameterCalls,
					perItemUs: round((prepareMs * 1000) / ACCOUNTS),
					nodeStartToFirstCreateMs:
						nodeRun && firstCreate ? Date.parse(firstCreate.time) - nodeRun.startTime : null,
					nodeStepMs: nodeRun?.executionTime,
				}),
			);
		}
	} finally {
		await platform.close();
		removeUserFolder();
	}
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exitCode = 1;
});
