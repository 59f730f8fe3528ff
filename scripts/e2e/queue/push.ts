/**
 * Check 3: the NetEase Email Push Trigger published in queue mode registers the main process's
 * production webhook URL (WEBHOOK_URL) with the platform; a mail delivered in the sandbox makes
 * the platform call the main process back, which answers and queues one execution for a worker.
 */
import { publish } from '../n8n-server';
import { assert } from '../report';
import type { QueueContext } from './context';
import { assertRunByWorkers, until } from './context';
import { enqueuedByMain } from './logs';
import { PUSH_NODE, PUSHED_MAILBOX } from './workflows';

/** The production webhook URL the sandbox posts new mail to (with its token), or undefined. */
function registeredPushUrl(ctx: QueueContext): string | undefined {
	return (ctx.sandbox.control.state().subscriptions as { pushmail?: string }).pushmail;
}

export async function pushTrigger(ctx: QueueContext): Promise<void> {
	const { report, sandbox, records, cluster } = ctx;
	const workflow = ctx.workflows.push;
	const baseUrl = cluster.server?.baseUrl ?? '';
	const registered = await report.check(
		`push trigger published: it registered the main process's ${baseUrl}/webhook/… for new mail of ${PUSHED_MAILBOX}`,
		async () => {
			await publish(ctx.rest, workflow.id);
			const url = await until(
				'the pushmail URL of the main process',
				() => {
					const current = registeredPushUrl(ctx);
					return current?.startsWith(`${baseUrl}/webhook/`) ? current : undefined;
				},
				15_000,
			);
			return new URL(url).pathname;
		},
	);
	if (!registered) return;

	await report.check(
		`a mail delivered to ${PUSHED_MAILBOX}: the callback reached the main process, one execution, run by a worker`,
		async () => {
			const afterId = await records.newestId(workflow.id);
			const subject = `Pushed in queue mode ${Date.now()}`;
			sandbox.control.clearPushDeliveries();
			sandbox.control.deliverMail({
				to: PUSHED_MAILBOX,
				from: 'partner@elsewhere.example',
				subject,
				text: 'One callback, one execution.',
			});
			await sandbox.control.waitForPushes();
			const deliveries = sandbox.control.pushDeliveries();
			assert(
				deliveries.length === 1 && deliveries[0].ok && deliveries[0].url.startsWith(baseUrl),
				`push deliveries: ${deliveries.map((d) => `${d.url.split('?')[0]} ${d.status ?? d.error}`).join(', ') || 'none'}`,
			);
			const executions = await records.waitFor(
				workflow.id,
				'the pushed mail',
				(all) => all.length >= 1,
				{ afterId, timeoutMs: 60_000, settleMs: 3_000 },
			);
			assert(executions.length === 1, `${executions.length} executions`);
			const [execution] = executions;
			assert(execution.status === 'success', `#${execution.id} ${execution.status}`);
			const items = await records.items(execution.id, PUSH_NODE);
			assert(
				items.length === 1 && items[0].json.subject === subject,
				`"${PUSH_NODE}" emitted ${items.length} items: ${items.map((i) => String(i.json.subject)).join(', ')}`,
			);
			assert(
				enqueuedByMain(cluster.mainLog()).includes(execution.id),
				`the main process did not log enqueuing #${execution.id}`,
			);
			const [worker] = assertRunByWorkers(ctx, executions).values();
			return `callback answered ${deliveries[0].status} by the main process; #${execution.id} (mode ${execution.mode}) enqueued by it, run by ${worker}`;
		},
	);
}
