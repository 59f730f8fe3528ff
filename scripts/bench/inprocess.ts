/**
 * npm run bench:inprocess [-- --accounts 500 --latency 50 --rate 100]
 *
 * Creates N accounts through the node (in-process n8n engine, real loopback HTTP) against a sandbox
 * with per-call latency and a rate limit, and compares the run with
 *   - the rate-limit bound: N calls cannot finish faster than N / rate seconds;
 *   - a sequential client: one call at a time, retrying -422 after 200 ms (what a careful
 *     hand-built HTTP Request loop achieves).
 * and then creates the same accounts again as one CSV through Directory → Import.
 * It prints ratios from this one run, and checks that every account exists exactly once.
 */
import type { IDataObject } from 'n8n-workflow';

import { encodeCsvBytes } from '../../nodes/NeteaseEmail/shared/helpers/csv';
import {
	CREATE_ACCOUNT_FROM_ITEM,
	fileItem,
	newHires,
	startPlatform,
} from '../../test/support/netease';
import { removeUserFolder } from '../../test/harness';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const ACCOUNTS = option('accounts', 500);
const LATENCY_MS = option('latency', 50);
const RATE = option('rate', 100);

async function post(
	url: string,
	body: IDataObject,
	headers: Record<string, string> = {},
): Promise<IDataObject> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	return (await response.json()) as IDataObject;
}

async function main() {
	const platform = await startPlatform({
		seed: 'empty',
		latencyMs: LATENCY_MS,
		rateLimit: { perSecond: RATE, code: -422 },
	});
	const { sandbox } = platform;
	const { appId, authCode, orgOpenId, domain } = sandbox.identity;
	const created = (prefix: string) =>
		sandbox.control.state().accounts.filter((a) => a.accountName.startsWith(prefix)).length;
	try {
		const items = newHires(ACCOUNTS, 'node');
		let started = Date.now();
		const run = await platform.run(CREATE_ACCOUNT_FROM_ITEM, { items, continueOnFail: true });
		const nodeSeconds = (Date.now() - started) / 1000;
		const failedItems = run.json.filter((item) => item.error).length;
		const nodeStats = sandbox.control.stats();
		const limitedByNode = nodeStats.rateLimited;
		const nodeCalls = Object.values(nodeStats.byPath).reduce((sum, path) => sum + path.calls, 0);
		const createdByNode = created('node');

		sandbox.control.reset('empty');
		sandbox.control.configure({
			latencyMs: LATENCY_MS,
			rateLimit: { perSecond: RATE, code: -422 },
		});
		started = Date.now();
		const token = (
			await post(`${sandbox.url}/api/pub/token/acquireToken`, { appId, authCode, orgOpenId })
		).data as IDataObject;
		const headers = {
			'qiye-access-token': String(token.accessToken),
			'qiye-app-id': appId,
			'qiye-org-open-id': orgOpenId,
		};
		for (let n = 0; n < ACCOUNTS; n++) {
			const body = {
				domain,
				accountName: `seq${n}`,
				name: `员工${n}`,
				password: 'Welcome#2026',
				passType: 0,
				passChangeFirstLogin: 1,
				visibleInAddr: 1,
			};
			while (
				(await post(`${sandbox.url}/api/open/account/createAccount`, body, headers)).code === -422
			) {
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		}
		const sequentialSeconds = (Date.now() - started) / 1000;
		const bound = ACCOUNTS / RATE;
		const createdBySequential = created('seq');

		// The same accounts as one CSV through Directory → Import, into a fresh organisation.
		sandbox.control.reset('empty');
		sandbox.control.configure({
			latencyMs: LATENCY_MS,
			rateLimit: { perSecond: RATE, code: -422 },
		});
		const csv = [
			'accountName,name',
			...items.map((item) => `csv${String(item.accountName)},${String(item.name)}`),
		];
		started = Date.now();
		const imported = await platform.run(
			{ resource: 'directory', operation: 'import', source: 'csv', password: 'Welcome#2026' },
			{ inputItems: [fileItem(encodeCsvBytes(csv.join('\r\n')))] },
		);
		const importSeconds = (Date.now() - started) / 1000;
		const importStats = sandbox.control.stats();
		const importCalls = Object.values(importStats.byPath).reduce(
			(sum, path) => sum + path.calls,
			0,
		);
		const importedRows = imported.json.filter((row) => row.outcome === 'created').length;

		console.log(
			`Creating ${ACCOUNTS} accounts, sandbox latency ${LATENCY_MS} ms per call, rate limit ${RATE} calls/s:`,
		);
		console.log(
			`  node run / rate-limit bound (N/R):        ${(nodeSeconds / bound).toFixed(2)}  (1.00 is the best possible)`,
		);
		console.log(
			`  sequential client / node run (speed-up):  ${(sequentialSeconds / nodeSeconds).toFixed(2)}`,
		);
		console.log(
			`  platform calls per account (node):        ${(nodeCalls / ACCOUNTS).toFixed(2)}  (${limitedByNode} answered -422 and were retried)`,
		);
		console.log(
			`  accounts created by the node:             ${createdByNode} of ${ACCOUNTS}, failed items: ${failedItems}`,
		);
		console.log(
			`  accounts created by the sequential client: ${createdBySequential} of ${ACCOUNTS}`,
		);
		console.log(`The same ${ACCOUNTS} accounts as one CSV through Directory → Import:`);
		console.log(
			`  import run / rate-limit bound (N/R):      ${(importSeconds / bound).toFixed(2)}`,
		);
		console.log(
			`  platform calls per row:                   ${(importCalls / ACCOUNTS).toFixed(2)}  (${importStats.rateLimited} answered -422 and were retried)`,
		);
		console.log(
			`  rows created:                             ${importedRows} of ${ACCOUNTS}, accounts ${created('csv')}`,
		);
		const failed = createdByNode !== ACCOUNTS || failedItems > 0;
		if (failed || importedRows !== ACCOUNTS || created('csv') !== ACCOUNTS) process.exitCode = 1;
	} finally {
		await platform.close();
		removeUserFolder();
	}
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exitCode = 1;
});
