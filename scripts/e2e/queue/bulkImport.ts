/**
 * Check 1: ten batches of the 200 new hires of examples/data/new-hires.csv (account names prefixed
 * per batch, so 2,000 distinct accounts) POSTed at once to the bulk import's production webhook.
 * The main process answers each at once and queues an execution; the two workers run them, with
 * the sandbox's access token expiring every TOKEN_CALLS business calls. Read back from n8n's
 * execution records and the sandbox's request log: every account created exactly once, no failed
 * item, both workers used, and the token renewals — coordinated only through the credential n8n
 * stores in PostgreSQL — bounded by the expiries plus one per worker.
 */
import type { RequestRecord } from '../../../sandbox';
import { readNewHires } from '../fixtures';
import { isBusiness, isTokenCall, listCalls, tokenOf } from '../platform-calls';
import { assert, oneLine } from '../report';
import type { QueueContext } from './context';
import { assertRunByWorkers, callsSince, lastSeq, perWorker, seconds } from './context';
import { enqueuedByMain, workerIdsOnMain } from './logs';
import type { ExecutionRecord } from './records';
import { CREATE_NODE, webhookPath } from './workflows';

export const BATCHES = 10;
export const TOKEN_CALLS = 50;
const CREATE_PATH = '/api/open/account/createAccount';
const EXPIRED = -301;

type Row = Record<string, string>;

const batchName = (batch: number, accountName: string) =>
	`q${String(batch).padStart(2, '0')}-${accountName}`;

/** The largest number of executions running at the same moment. */
function mostAtOnce(executions: ExecutionRecord[]): number {
	const edges = executions.flatMap((e) => [
		{ at: e.startedAt ?? 0, step: 1 },
		{ at: e.stoppedAt ?? 0, step: -1 },
	]);
	edges.sort((a, b) => a.at - b.at || a.step - b.step);
	let running = 0;
	let most = 0;
	for (const edge of edges) most = Math.max(most, (running += edge.step));
	return most;
}

/** Per access token: the business calls it authorised (answered anything but an expiry). */
function authorisedByToken(calls: RequestRecord[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const call of calls.filter(isBusiness)) {
		const token = tokenOf(call);
		const authorised = call.code !== EXPIRED && call.code !== -300;
		counts.set(token, (counts.get(token) ?? 0) + (authorised ? 1 : 0));
	}
	return counts;
}

async function postBatches(ctx: QueueContext, rows: Row[]): Promise<string> {
	const url = `${ctx.cluster.server?.baseUrl}/webhook/${webhookPath(ctx.workflows.bulkImport)}`;
	const sent = Date.now();
	const answers = await Promise.all(
		Array.from({ length: BATCHES }, async (_, i) => {
			const hires = rows.map((row) => ({ ...row, accountName: batchName(i + 1, row.accountName) }));
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ batch: i + 1, hires }),
				signal: AbortSignal.timeout(30_000),
			});
			return { status: res.status, body: await res.text() };
		}),
	);
	const refused = answers.filter(
		(answer) => answer.status !== 200 || !answer.body.includes('Workflow was started'),
	);
	assert(
		refused.length === 0,
		`${refused.length} webhook calls answered otherwise: ${refused.map((a) => `${a.status} ${oneLine(a.body, 80)}`).join('; ')}`,
	);
	return `all answered 200 "Workflow was started" within ${seconds(Date.now() - sent)}`;
}

export async function bulkImport(ctx: QueueContext): Promise<void> {
	const { report, sandbox, records, cluster } = ctx;
	const workflow = ctx.workflows.bulkImport;
	const rows = await readNewHires();
	const expected = new Set(
		Array.from({ length: BATCHES }, (_, i) =>
			rows.map((row) => batchName(i + 1, row.accountName)),
		).flat(),
	);
	const total = expected.size;
	const afterId = await records.newestId(workflow.id);
	const fromSeq = lastSeq(sandbox);
	const started = Date.now();
	let executions: ExecutionRecord[] = [];

	sandbox.control.configure({ expireAccessTokenAfterCalls: TOKEN_CALLS });
	try {
		const posted = await report.check(
			`${BATCHES} batches of ${rows.length} new hires POSTed at once to the production webhook on the main process (Respond: Immediately)`,
			() => postBatches(ctx, rows),
		);
		if (!posted) return;
		await report.check(
			`${BATCHES} executions recorded in PostgreSQL (execution_entity), mode webhook, all success`,
			async () => {
				executions = await records.waitFor(
					workflow.id,
					`${BATCHES} bulk-import executions`,
					(all) => all.length >= BATCHES,
					{ afterId, timeoutMs: 15 * 60_000, settleMs: 2_000 },
				);
				const failed = executions.filter((e) => e.status !== 'success');
				const errors = await Promise.all(failed.map((e) => records.error(e.id)));
				assert(
					failed.length === 0,
					`${failed.length} not successful: ${failed.map((e, i) => `#${e.id} ${e.status} ${errors[i] ?? ''}`).join('; ')}`,
				);
				assert(executions.length === BATCHES, `${executions.length} executions`);
				const modes = [...new Set(executions.map((e) => e.mode))];
				assert(modes.join() === 'webhook', `modes ${modes.join(', ')}`);
				return `#${executions[0].id}–#${executions[executions.length - 1].id}, all done ${seconds(Date.now() - started)} after the first POST`;
			},
		);
	} finally {
		sandbox.control.configure({ expireAccessTokenAfterCalls: 0 });
	}
	if (executions.length !== BATCHES) return;
	const calls = callsSince(sandbox, fromSeq);

	const slots = cluster.workers.length * ctx.concurrency;
	await report.check(
		`the executions queued: at most ${slots} ran at once (${cluster.workers.length} workers × concurrency ${ctx.concurrency}), the others waited in Redis for a free slot`,
		() => {
			const atOnce = mostAtOnce(executions);
			const waits = executions.map((e) => (e.startedAt ?? 0) - e.createdAt);
			const waited = waits.filter((ms) => ms > 1_000).length;
			assert(atOnce <= slots, `${atOnce} ran at once`);
			assert(
				BATCHES <= slots || waited >= BATCHES - slots,
				`only ${waited} executions waited more than a second`,
			);
			const durations = executions.map((e) => (e.stoppedAt ?? 0) - (e.startedAt ?? 0));
			return `${atOnce} at once; ${waited} waited up to ${seconds(Math.max(...waits))} (createdAt → startedAt); each ran ${seconds(Math.min(...durations))}–${seconds(Math.max(...durations))}`;
		},
	);
	await report.check(
		'the main process enqueued every execution and both workers ran some (each started by exactly one worker, per its log)',
		() => {
			const enqueued = new Set(enqueuedByMain(cluster.mainLog()));
			const missing = executions.filter((e) => !enqueued.has(e.id));
			assert(missing.length === 0, `not enqueued by the main process: ${missing.map((e) => e.id)}`);
			const byExecution = assertRunByWorkers(ctx, executions);
			const used = new Set(byExecution.values());
			assert(
				used.size === cluster.workers.length,
				`only ${[...used].join(', ')} ran executions (${perWorker(byExecution)})`,
			);
			const reported = workerIdsOnMain(cluster.mainLog());
			const ids = [...new Set(executions.map((e) => reported.get(e.id) ?? '(none)'))];
			return `${perWorker(byExecution)}; the main process logged workerId ${ids.join(', ')} (n8n's host id, the same for workers sharing a host name)`;
		},
	);
	await report.check(
		`${total} output items of "${CREATE_NODE}" (${BATCHES} × ${rows.length}), all created: true, 0 failed items`,
		async () => {
			const names: string[] = [];
			let failed = 0;
			let example = '';
			for (const execution of executions) {
				const items = await records.items(execution.id, CREATE_NODE);
				assert(items.length === rows.length, `#${execution.id}: ${items.length} items`);
				for (const { json } of items) {
					names.push(String(json.accountName));
					if (json.error !== undefined || json.created !== true) {
						failed++;
						example ||= `#${execution.id}: ${oneLine(JSON.stringify(json), 150)}`;
					}
				}
			}
			assert(failed === 0, `${failed} items failed or not created, e.g. ${example}`);
			const distinct = new Set(names);
			assert(
				distinct.size === total && names.every((name) => expected.has(name)),
				`${distinct.size} distinct account names among ${names.length} items`,
			);
			return `${names.length} items, ${distinct.size} distinct accounts`;
		},
	);
	await report.check(
		`each of the ${total} accounts created exactly once (createAccount answered 0 once per account name in the sandbox's request log)`,
		() => {
			const creates = calls.filter((call) => call.path === CREATE_PATH);
			const createdCount = new Map<string, number>();
			for (const call of creates.filter((c) => c.code === 0)) {
				const name = String((call.body as { accountName?: string }).accountName);
				createdCount.set(name, (createdCount.get(name) ?? 0) + 1);
			}
			const wrong = [...expected].filter((name) => createdCount.get(name) !== 1);
			assert(
				wrong.length === 0,
				`${wrong.length} accounts not created exactly once, e.g. ${wrong[0]} × ${createdCount.get(wrong[0]) ?? 0}`,
			);
			const strangers = [...createdCount.keys()].filter((name) => !expected.has(name));
			assert(strangers.length === 0, `unexpected accounts created: ${strangers.slice(0, 3)}`);
			const inSandbox = sandbox.control
				.state()
				.accounts.filter((account) => expected.has(account.accountName)).length;
			assert(inSandbox === total, `${inSandbox} of them in the sandbox's organisation`);
			const failures = calls.filter(
				(call) => isBusiness(call) && call.code !== 0 && call.code !== EXPIRED,
			);
			assert(failures.length === 0, `other failures: ${listCalls(failures, 5)}`);
			const resent = creates.length - total;
			return `${creates.length} createAccount calls (${resent} answered ${EXPIRED} and sent again with a new token), ${calls.length} platform calls in all`;
		},
	);
	await report.check(
		`token renewals coordinated through n8n's credential store: renewals ≤ expiries + workers (token expiring every ${TOKEN_CALLS} calls)`,
		() => {
			const renewals = calls.filter((call) => isTokenCall(call) && call.code === 0);
			const acquired = renewals.filter((call) => call.path.endsWith('acquireToken')).length;
			const authorised = authorisedByToken(calls);
			const expiries = [...authorised.values()].filter((n) => n >= TOKEN_CALLS).length;
			const cutShort = [...authorised.values()].filter((n) => n < TOKEN_CALLS).length;
			const expiryAnswers = calls.filter((call) => isBusiness(call) && call.code === EXPIRED);
			const bound = expiries + cluster.workers.length;
			const detail = `${renewals.length} renewals (${acquired} acquireToken, ${renewals.length - acquired} refresh) for ${expiries} tokens used up after ${TOKEN_CALLS} calls; ${authorised.size} tokens used, ${cutShort} retired early by another renewal; ${expiryAnswers.length} calls answered ${EXPIRED}`;
			assert(renewals.length <= bound, `${detail}: more than ${bound}`);
			return detail;
		},
	);
}
