/**
 * Check 2: a NetEase Email Trigger (polling new mail every POLL_PERIOD_S seconds) published in
 * queue mode polls on the main process and keeps its cursor in the workflow's static data, which
 * n8n stores in PostgreSQL. Mails before a restart of the main process, mails while it is down
 * (the workers keep running), the main process started again: every mail emitted exactly once,
 * each execution run by a worker.
 */
import { POLL_PERIOD_S } from '../active/workflows';
import { publish } from '../n8n-server';
import { assert } from '../report';
import type { QueueContext } from './context';
import { assertRunByWorkers, perWorker, seconds, until } from './context';
import type { ExecutionRecord } from './records';
import { POLL_NODE, POLLED_MAILBOX } from './workflows';

const MAILS = 3;

interface Cursor {
	position: number;
	seen: string[];
}

async function cursorOf(ctx: QueueContext): Promise<Cursor | undefined> {
	const data = await ctx.records.staticData(ctx.workflows.polling.id);
	return (data[`node:${POLL_NODE}`] as { cursor?: Cursor } | undefined)?.cursor;
}

function deliver(ctx: QueueContext, label: string): string[] {
	const subjects = Array.from({ length: MAILS }, (_, i) => `${label} #${i + 1} ${Date.now()}`);
	for (const subject of subjects)
		ctx.sandbox.control.deliverMail({
			to: POLLED_MAILBOX,
			from: 'customer@elsewhere.example',
			subject,
			text: `${subject}: polled, not pushed.`,
		});
	return subjects;
}

/** The subjects the trigger emitted in these executions, in order. */
async function emitted(ctx: QueueContext, executions: ExecutionRecord[]): Promise<string[]> {
	const subjects: string[] = [];
	for (const execution of executions)
		for (const item of await ctx.records.items(execution.id, POLL_NODE))
			subjects.push(String(item.json.subject));
	return subjects;
}

/** Waits until the trigger emitted `count` items after `afterId`, then one poll period more. */
async function untilEmitted(ctx: QueueContext, afterId: string, count: number) {
	const executions = await ctx.records.waitFor(
		ctx.workflows.polling.id,
		`${count} mails emitted`,
		async (all) => (await emitted(ctx, all)).length >= count,
		{ afterId, timeoutMs: 90_000, settleMs: POLL_PERIOD_S * 1000 + 2_000 },
	);
	const failed = executions.filter((e) => e.status !== 'success');
	assert(failed.length === 0, `not successful: ${failed.map((e) => `#${e.id} ${e.status}`)}`);
	return { executions, subjects: await emitted(ctx, executions) };
}

function assertEachOnce(subjects: string[], expected: string[]): void {
	const strangers = subjects.filter((subject) => !expected.includes(subject));
	assert(strangers.length === 0, `emitted mails not sent in this check: ${strangers.join(', ')}`);
	const counts = expected.map((subject) => subjects.filter((s) => s === subject).length);
	const wrong = expected.filter((_, i) => counts[i] !== 1);
	assert(
		wrong.length === 0,
		`not emitted exactly once: ${wrong.map((s) => `"${s}" × ${counts[expected.indexOf(s)]}`).join(', ')}`,
	);
}

export async function pollingAcrossRestart(ctx: QueueContext): Promise<void> {
	const { report, records, cluster } = ctx;
	const workflow = ctx.workflows.polling;
	const afterId = await records.newestId(workflow.id);
	let first: Cursor | undefined;
	const published = await report.check(
		`polling trigger (${POLLED_MAILBOX}'s Inbox, every ${POLL_PERIOD_S} s) published on the main process; its first poll saved a cursor in PostgreSQL (workflow_entity.staticData)`,
		async () => {
			await publish(ctx.rest, workflow.id);
			first = await until('a cursor in the static data', () => cursorOf(ctx), 30_000);
			return `cursor at ${new Date(first.position).toISOString()}`;
		},
	);
	if (!published) return;

	const before = deliver(ctx, 'Before the restart');
	let beforeRestart: ExecutionRecord[] = [];
	await report.check(
		`${MAILS} mails before the restart: each emitted once, the executions run by the workers`,
		async () => {
			const { executions, subjects } = await untilEmitted(ctx, afterId, MAILS);
			assertEachOnce(subjects, before);
			beforeRestart = executions;
			return `${executions.length} execution(s), ${perWorker(assertRunByWorkers(ctx, executions))}`;
		},
	);

	let saved: Cursor | undefined;
	let after: string[] = [];
	const restarted = await report.check(
		`the main process stopped (workers running), ${MAILS} more mails delivered meanwhile, the main process started again on the same port`,
		async () => {
			const stopping = Date.now();
			await cluster.stopMain();
			saved = await cursorOf(ctx);
			assert(saved && first && saved.position >= first.position, 'no cursor saved');
			assert(
				cluster.workers.every((worker) => worker.log().includes('n8n worker is now ready')),
				'a worker is not running',
			);
			after = deliver(ctx, 'While the main process was down');
			ctx.rest = await cluster.startMain();
			return `down for ${seconds(Date.now() - stopping)}; the cursor in PostgreSQL meanwhile: ${new Date(saved.position).toISOString()} with ${saved.seen.length} id(s) seen there`;
		},
	);
	if (!restarted) return;

	await report.check(
		`after the restart the trigger resumed from the cursor in PostgreSQL: the ${MAILS} new mails emitted once each, none of the ${MAILS} earlier ones again`,
		async () => {
			const lastBefore = beforeRestart.length
				? beforeRestart[beforeRestart.length - 1].id
				: afterId;
			const { executions, subjects } = await untilEmitted(ctx, lastBefore, MAILS);
			assertEachOnce(subjects, after);
			const all = await records.executions(workflow.id, afterId);
			assertEachOnce(await emitted(ctx, all), [...before, ...after]);
			const now = await cursorOf(ctx);
			assert(now && saved && now.position > saved.position, 'the cursor did not move on');
			return `${executions.length} execution(s) after the restart, ${perWorker(assertRunByWorkers(ctx, executions))}; ${2 * MAILS} mails, ${all.length} executions in all`;
		},
	);
}
