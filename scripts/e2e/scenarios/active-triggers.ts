/**
 * Step 12: the five trigger examples published in a running n8n (`n8n start` on a loopback port,
 * same user folder, key and extension as the other steps), events caused in the sandbox, and what
 * the workflows did read back — executions through n8n's REST API, mail from the sandbox, rows
 * from a private PostgreSQL, posts from a local catcher (WeCom robot, alert endpoint):
 *
 * - set-up: a private PostgreSQL (../active/postgres.ts) with the table the audit example
 *   documents, the catcher, the copies of the examples with a 10-second Poll Times, the sender
 *   mailbox of the welcome example; n8n started and the five workflows published;
 * - the audit example's first activation copies the earlier steps' admin log (24 h backfill);
 * - one idle poll period: each polling trigger's platform calls when nothing is new;
 * - the events: mail to service@ and to watched and unwatched mailboxes, a new account, two
 *   forwarding changes; each example's reaction checked (../active/<example>.ts);
 * - n8n stopped (each trigger's state found in its database), the audit trigger's cursor
 *   forgotten, n8n started again on the same address: everything is delivered again and
 *   PostgreSQL inserts nothing; the push registration still works; the other triggers deliver
 *   nothing twice.
 * n8n, PostgreSQL and the catcher are stopped at the end, also on failure.
 */
import type { ExampleWorkflow } from '../../lib/examples';
import {
	auditLogCase,
	AUDIT_DATABASE,
	documentedDdl,
	INSERT_NODE,
	rowCount,
	TRIGGER_NODE,
	untilInSync,
} from '../active/auditLog';
import type { Catcher } from '../active/catcher';
import { startCatcher } from '../active/catcher';
import type { ActiveCase, ActiveContext } from '../active/context';
import { sleep, until } from '../active/context';
import { customerServiceCase } from '../active/customerService';
import { forgetNodeStaticData, staticDataOf } from '../active/database';
import type { ExecutionSummary } from '../active/executions';
import { allItems, ExecutionReader } from '../active/executions';
import { ensureSender, onboardingCase, SENDER } from '../active/onboarding';
import { PlatformDriver } from '../active/platform';
import { describeCalls, pollsSince, recordIdlePeriod } from '../active/pollCost';
import type { RunningPostgres } from '../active/postgres';
import { startPostgres } from '../active/postgres';
import { securityAlertCase } from '../active/securityAlert';
import { registeredPushUrl, ROBOT_KEY, watchedMailboxes, wecomCase } from '../active/wecom';
import type { ActiveExample } from '../active/workflows';
import {
	ACTIVE_EXAMPLES,
	forTestRun,
	nodeOfType,
	POLL_PERIOD_S,
	POLLING_TRIGGERS,
} from '../active/workflows';
import type { N8nRest, RunningN8n } from '../n8n-server';
import { publish, signInAsOwner, startBeside } from '../n8n-server';
import { assert, oneLine } from '../report';
import type { Suite } from '../suite';

const POSTGRES_CREDENTIAL_TYPE = 'postgres';

/** What runs during the step, stopped at its end whatever happened. */
interface Running {
	postgres?: RunningPostgres;
	catcher?: Catcher;
	/** The n8n running now. */
	server?: RunningN8n;
	/** Every n8n started, for the final check that none still answers. */
	servers: RunningN8n[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function startServices(
	suite: Suite,
	shipped: Record<ActiveExample, ExampleWorkflow>,
	running: Running,
) {
	await suite.check(
		'private PostgreSQL (initdb in a temp folder, 127.0.0.1) with the table audit-log-sync documents',
		async () => {
			const since = Date.now();
			running.postgres = await startPostgres({
				database: AUDIT_DATABASE,
				setupSql: documentedDdl(shipped['audit-log-sync']),
			});
			const { installMs, pid, port } = running.postgres;
			const install = installMs ? `postgresql installed in ${seconds(installMs)}, ` : '';
			return `${install}postgres pid ${pid} on 127.0.0.1:${port}, ready in ${seconds(Date.now() - since)}`;
		},
	);
	running.catcher = await startCatcher([ROBOT_KEY]);
	return running.postgres;
}

/** The test copies of the examples and the PostgreSQL credential imported; the sender mailbox made. */
async function prepare(
	suite: Suite,
	shipped: Record<ActiveExample, ExampleWorkflow>,
	postgres: RunningPostgres,
	catcher: Catcher,
	driver: PlatformDriver,
): Promise<Record<ActiveExample, ExampleWorkflow> | undefined> {
	let workflows: Record<ActiveExample, ExampleWorkflow> | undefined;
	await suite.check(
		`the five trigger examples imported with Poll Times every ${POLL_PERIOD_S} s (six fixed-second entries; n8n refuses a sub-minute cron), robot and alert URLs on a local catcher; PostgreSQL credential imported`,
		async () => {
			const copies = forTestRun(shipped, {
				robotUrl: catcher.robotUrl(ROBOT_KEY),
				alertsUrl: catcher.alertsUrl,
			});
			const insert = copies['audit-log-sync'].nodes.find((node) => node.name === INSERT_NODE);
			const reference = insert?.credentials?.[POSTGRES_CREDENTIAL_TYPE];
			assert(reference?.id, `audit-log-sync has no "${INSERT_NODE}" with a postgres credential`);
			const { host, port, database, user, password } = postgres;
			await suite.command('import:credentials (postgres)', () =>
				suite.n8n.importCredentials([
					{
						...reference,
						type: POSTGRES_CREDENTIAL_TYPE,
						data: { host, port, database, user, password, ssl: 'disable', sshTunnel: false },
					},
				]),
			);
			await suite.command('import:workflow (trigger examples)', () =>
				suite.n8n.importWorkflow(Object.values(copies)),
			);
			workflows = copies;
		},
	);
	await suite.check(`the welcome example's sender mailbox ${SENDER}@ exists`, async () =>
		(await ensureSender({ suite, driver })) ? 'created through the platform API' : 'already there',
	);
	return workflows;
}

/** `n8n start` beside the suite's session (on `port` if given), signed in as the owner. */
async function startN8n(
	suite: Suite,
	running: Running,
	label: string,
	port?: number,
): Promise<{ rest: N8nRest; executions: ExecutionReader } | undefined> {
	let signedIn: { rest: N8nRest; executions: ExecutionReader } | undefined;
	await suite.check(
		`${label}: n8n start (loopback, WEBHOOK_URL set), signed in to its REST API as the owner`,
		async () => {
			const since = Date.now();
			const server = await startBeside(suite.n8n, { port });
			running.server = server;
			running.servers.push(server);
			process.once('exit', server.killNow);
			const rest = await signInAsOwner(server);
			signedIn = { rest, executions: new ExecutionReader(rest, suite.n8n.provided) };
			return `${server.baseUrl}, ready in ${seconds(Date.now() - since)}`;
		},
	);
	return signedIn;
}

async function publishAll(
	suite: Suite,
	rest: N8nRest,
	workflows: Record<ActiveExample, ExampleWorkflow>,
) {
	return suite.check(
		`${ACTIVE_EXAMPLES.join(', ')} published through the REST API; n8n reports every trigger activated`,
		async () => {
			const since = Date.now();
			await Promise.all(ACTIVE_EXAMPLES.map((name) => publish(rest, workflows[name].id)));
			return `in ${seconds(Date.now() - since)}`;
		},
	);
}

async function checkPushRegistration(
	suite: Suite,
	ctx: ActiveContext,
	server: RunningN8n,
	label: string,
) {
	await suite.check(
		`${label}: the push trigger registered ${server.baseUrl}/webhook/… with a secret token for new mail, and subscribed ${watchedMailboxes(ctx).join(', ')}`,
		async () => {
			const url = await until(
				'the pushmail URL on the new address',
				() => {
					const registered = registeredPushUrl(ctx);
					return registered?.startsWith(`${server.baseUrl}/webhook/`) ? registered : undefined;
				},
				15_000,
			);
			const token = new URL(url).searchParams.get('token') ?? '';
			assert(/^[0-9a-f]{64}$/.test(token), `the registered URL's token is "${token.slice(0, 8)}…"`);
			const subscribed =
				(ctx.suite.state().subscriptions as { pushMailAccounts?: string[] }).pushMailAccounts ?? [];
			const missing = watchedMailboxes(ctx).filter((mailbox) => !subscribed.includes(mailbox));
			assert(missing.length === 0, `not subscribed: ${missing.join(', ')}`);
			return `${new URL(url).pathname}?token=<64 hex>`;
		},
	);
}

/** Prints each polling trigger's idle poll cost; returns the paths each called, by node type. */
async function idlePollCost(ctx: ActiveContext): Promise<Record<string, string[]>> {
	const paths: Record<string, string[]> = {};
	const before = await executionCounts(ctx);
	const window = await recordIdlePeriod(ctx.suite);
	const after = await executionCounts(ctx);
	const quiet = ACTIVE_EXAMPLES.every((name) => before[name] === after[name]);
	for (const { trigger, calls } of window.costs) {
		paths[trigger.type] = [...new Set(calls.map((call) => call.path))];
		await ctx.suite.check(`idle poll cost: ${trigger.label} (${trigger.example})`, () => {
			assert(quiet, `executions ran during the idle period: ${JSON.stringify({ before, after })}`);
			assert(calls.length >= 1, 'no platform call in its poll slot: it did not poll');
			assert(
				window.unattributed.length === 0,
				`calls outside every poll slot: ${describeCalls(window.unattributed)}`,
			);
			return `${describeCalls(calls)} per idle poll`;
		});
	}
	return paths;
}

async function executionCounts(ctx: Pick<ActiveContext, 'executions' | 'workflows'>) {
	const counts: Partial<Record<ActiveExample, number>> = {};
	for (const name of ACTIVE_EXAMPLES)
		counts[name] = (await ctx.executions.list(ctx.workflows[name].id)).length;
	return counts;
}

async function newestIds(ctx: Pick<ActiveContext, 'executions' | 'workflows'>) {
	const ids: Partial<Record<ActiveExample, string>> = {};
	for (const name of ACTIVE_EXAMPLES) {
		const list: ExecutionSummary[] = await ctx.executions.list(ctx.workflows[name].id);
		ids[name] = list.length ? list[list.length - 1].id : undefined;
	}
	return ids;
}

async function events(ctx: ActiveContext, cases: ActiveCase[]): Promise<boolean> {
	ctx.baseline = await newestIds(ctx);
	return ctx.suite.check(
		'events caused: 9 mails to service@, 3 to watched and unwatched mailboxes, a new account, 2 forwarding changes',
		async () => {
			for (const one of cases) await one.cause(ctx);
		},
	);
}

/**
 * n8n stopped (the triggers' state checked in its database), the audit trigger's cursor
 * forgotten, n8n started again on the same address: the backfill delivers every entry again and
 * PostgreSQL inserts none of them; the push registration still works; the other triggers deliver
 * nothing again.
 */
async function redelivery(
	ctx: ActiveContext,
	running: Running,
	idlePaths: Record<string, string[]>,
) {
	const { suite } = ctx;
	const audit = ctx.workflows['audit-log-sync'];
	const rowsBefore = await rowCount(ctx.postgres);
	const entries = suite.state().adminOperationLogs.length;
	const before = await newestIds(ctx);
	const registered = registeredPushUrl(ctx);
	const port = running.server?.port;
	await suite.check(
		"n8n stopped: each polling trigger's cursor and the push trigger's secret are saved in n8n's database",
		async () => {
			await running.server?.stop();
			if (running.server) process.off('exit', running.server.killNow);
			running.server = undefined;
			const saved: string[] = [];
			for (const { example, type } of POLLING_TRIGGERS) {
				const node = nodeOfType(ctx.workflows[example], type);
				const data = await staticDataOf(suite, ctx.workflows[example].id);
				const state = data[`node:${node.name}`] as { cursor?: { position?: number } } | undefined;
				assert(state?.cursor, `${example}: no cursor saved for "${node.name}"`);
				saved.push(`${type} at ${state.cursor.position}`);
			}
			const push = ctx.workflows['new-mail-to-wecom'];
			const pushNode = nodeOfType(push, 'neteaseEmailPushTrigger');
			const secret = (
				(await staticDataOf(suite, push.id))[`node:${pushNode.name}`] as
					| { secret?: string }
					| undefined
			)?.secret;
			assert(
				secret && registered && new URL(registered).searchParams.get('token') === secret,
				'the push trigger saved no secret, or not the one it registered',
			);
			return `${saved.join(', ')}; the push secret`;
		},
	);
	if (running.server) return;
	const forgotten = await suite.check(
		"the audit trigger's cursor forgotten (its static data cleared in n8n's database)",
		async () => {
			const cursor = await forgetNodeStaticData(suite, audit.id, TRIGGER_NODE);
			return `it was ${oneLine(JSON.stringify(cursor), 120)}`;
		},
	);
	if (!forgotten) return;
	// The same address: n8n does not register the webhooks of published workflows again when it
	// starts, so a push registration keeps pointing at the WEBHOOK_URL it was made with.
	const restartSeq = suite.lastSeq();
	const signedIn = await startN8n(suite, running, 'restart on the same port', port);
	if (!signedIn) return;
	ctx.executions = signedIn.executions;
	ctx.baseline = before;
	await suite.check(
		`audit-log-sync: all ${entries} entries delivered again (24 h backfill after the lost cursor), PostgreSQL inserts none: still ${rowsBefore} rows`,
		async () => {
			const done = await ctx.executions.waitFor(
				audit.id,
				'the re-delivery',
				(runs) => allItems(runs, TRIGGER_NODE).length >= entries,
				{ afterId: before['audit-log-sync'], timeoutMs: 90_000, settleMs: 2_000 },
			);
			const delivered = allItems(done, TRIGGER_NODE).length;
			const inserted = allItems(done, INSERT_NODE).filter(
				(item) => item.json.id !== undefined,
			).length;
			const rows = await rowCount(ctx.postgres);
			assert(rows === rowsBefore, `${rows} rows, were ${rowsBefore}`);
			assert(inserted === 0, `"${INSERT_NODE}" returned ${inserted} inserted rows`);
			await untilInSync(ctx, 5_000);
			return `${delivered} items in ${done.length} execution(s), 0 rows inserted`;
		},
	);
	const robotBefore = ctx.catcher.robotMessages().length;
	await suite.check('restart: the push registration is unchanged (same URL, same token)', () => {
		assert(registeredPushUrl(ctx) === registered, 'the registered pushmail URL changed');
	});
	await suite.check(
		'restart: a mail to a watched mailbox still reaches the WeCom robot, once',
		async () => {
			const [mailbox] = watchedMailboxes(ctx);
			const subject = `After the restart ${Date.now()}`;
			suite.sandbox.control.deliverMail({
				to: mailbox,
				from: 'later@partner.example',
				subject,
				text: 'Still there?',
			});
			const messages = await until('the robot message', () => {
				const got = ctx.catcher.robotMessages().slice(robotBefore);
				return got.length > 0 ? got : undefined;
			});
			await sleep(1_000);
			const about = ctx.catcher.robotMessages().slice(robotBefore);
			assert(
				about.length === 1 && about[0].content.includes(subject),
				`${about.length} messages: ${about.map((m) => oneLine(m.content, 80)).join(' | ')}`,
			);
			return `${messages.length} message`;
		},
	);
	await suite.check(
		"restart: every polling trigger polls again, and the others deliver nothing twice (their cursors survived in n8n's database)",
		async () => {
			const polled = await until('a scheduled poll of every polling trigger', () => {
				const polls = pollsSince(suite, restartSeq, idlePaths);
				return [...polls.values()].every((calls) => calls.length > 0) ? polls : undefined;
			});
			await sleep(POLL_PERIOD_S * 1000 + 2_000);
			const after = await newestIds(ctx);
			const again = (
				['customer-service-auto-reply', 'welcome-on-onboarding', 'security-alert'] as const
			).filter((name) => after[name] !== before[name]);
			assert(again.length === 0, `new executions of ${again.join(', ')}`);
			const counts = [...polled.values()].map((calls) => calls.length);
			return `${counts.join(', ')} poll calls since the restart; no new executions`;
		},
	);
}

async function stopAll(suite: Suite, running: Running): Promise<void> {
	const { server, postgres, catcher } = running;
	if (server) {
		await server.stop().catch(() => undefined);
		process.off('exit', server.killNow);
	}
	// What n8n printed goes to the secrets check, like every execution's output.
	for (const started of running.servers) suite.outputs.push(started.log(), '');
	await postgres
		?.stop()
		.catch((error) => console.error(`[e2e] stopping postgres: ${String(error)}`));
	await catcher?.stop().catch(() => undefined);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export async function activeTriggers(
	suite: Suite,
	shipped: Record<ActiveExample, ExampleWorkflow>,
): Promise<void> {
	const started = Date.now();
	const running: Running = { servers: [] };
	try {
		const postgres = await startServices(suite, shipped, running);
		const catcher = running.catcher;
		if (!postgres || !catcher) return;
		const driver = new PlatformDriver(suite.sandbox);
		const workflows = await prepare(suite, shipped, postgres, catcher, driver);
		if (!workflows) return;
		const signedIn = await startN8n(suite, running, 'start');
		if (!signedIn || !running.server) return;
		const ctx: ActiveContext = {
			suite,
			driver,
			catcher,
			postgres,
			executions: signedIn.executions,
			workflows,
			domain: suite.sandbox.credential.domain,
			baseline: {},
		};
		if (!(await publishAll(suite, signedIn.rest, workflows))) return;
		await checkPushRegistration(suite, ctx, running.server, 'start');
		const backfilled = await suite.check(
			"audit-log-sync: the first activation's 24 h backfill put the earlier steps' admin log into PostgreSQL, one row per entry",
			async () => `${await untilInSync(ctx, 90_000)} rows`,
		);
		const idlePaths = backfilled ? await idlePollCost(ctx) : {};

		const cases = [
			customerServiceCase(),
			auditLogCase(),
			onboardingCase(),
			wecomCase(),
			securityAlertCase(),
		];
		if (await events(ctx, cases)) for (const one of cases) await one.verify(ctx);
		await redelivery(ctx, running, idlePaths);
	} finally {
		await stopAll(suite, running);
	}
	const pids = [running.postgres?.pid].filter((pid): pid is number => pid !== undefined);
	await suite.check('n8n, PostgreSQL and the catcher stopped', async () => {
		for (const pid of pids) assert(!alive(pid), `postgres ${pid} is still running`);
		for (const server of running.servers) {
			const answered = await fetch(`${server.baseUrl}/healthz`, {
				signal: AbortSignal.timeout(2_000),
			})
				.then(() => true)
				.catch(() => false);
			assert(!answered, `n8n still answers at ${server.baseUrl}`);
		}
		return `the active-triggers step took ${seconds(Date.now() - started)}`;
	});
}
