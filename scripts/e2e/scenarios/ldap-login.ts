/**
 * Step 10: the LDAP login example, published in a running n8n (`n8n start` on a loopback port,
 * same user folder, key and extension as the other steps) against a private OpenLDAP (../ldap):
 * the right password is answered with a 302 to a login link the sandbox honours for that
 * employee's mailbox; a wrong password, an unknown user and malformed input get 401, and the
 * platform is not asked for a sign. n8n and slapd are stopped afterwards, also on failure.
 */
import * as path from 'node:path';

import type { ExampleWorkflow } from '../../lib/examples';
import type { Directory, Employee } from '../ldap';
import { PEOPLE_DN, startDirectory } from '../ldap';
import { mustRun } from '../ldap/command';
import { createN8nSession } from '../n8n';
import type { RunningN8n } from '../n8n-server';
import { serverEnv, startN8n, tail } from '../n8n-server';
import { assert, oneLine } from '../report';
import type { Suite } from '../suite';

const SSO_SIGN_PATH = '/api/sso/ssoSign';
const LANDING_PATH = '/__sandbox/sso/login';

/**
 * The credential the example's sticky note describes: n8n binds as the employee, with the user
 * name and password of the request (expressions are resolved against the LDAP node's input).
 */
function ldapCredentialData(directory: Directory) {
	return {
		hostname: directory.host,
		port: String(directory.port),
		bindDN: `={{ 'uid=' + $json.body.username + ',${PEOPLE_DN}' }}`,
		bindPassword: '={{ $json.body.password }}',
		connectionSecurity: 'none',
		timeout: 10,
	};
}

interface Answer {
	status: number;
	location: string | null;
	cacheControl: string | null;
	body: string;
	/** ssoSign calls the sandbox saw while n8n answered. */
	signs: number;
}

type LoginBody = Record<string, string> | URLSearchParams;

/** Posts sign-ins to the login webhook as JSON, or as an HTML form would. */
class LoginForm {
	/** Requests posted so far (each one is an execution). */
	posted = 0;

	constructor(
		private readonly suite: Suite,
		readonly url: string,
	) {}

	async post(body: LoginBody): Promise<Answer> {
		const fromSeq = this.suite.lastSeq();
		const form = body instanceof URLSearchParams;
		this.posted++;
		const res = await fetch(this.url, {
			method: 'POST',
			redirect: 'manual',
			headers: form ? {} : { 'content-type': 'application/json' },
			body: form ? body : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		return {
			status: res.status,
			location: res.headers.get('location'),
			cacheControl: res.headers.get('cache-control'),
			body: await res.text(),
			signs: this.suite.callsSince(fromSeq).filter((call) => call.path === SSO_SIGN_PATH).length,
		};
	}
}

/** 302 to the sandbox's landing page, which (fetched) names the employee's mailbox. */
async function expectRedirect(suite: Suite, answer: Answer, employee: Employee): Promise<string> {
	assert(
		answer.status === 302,
		`HTTP ${answer.status}, expected 302: ${oneLine(answer.body.slice(0, 200))}`,
	);
	assert(answer.location, 'no Location header');
	const target = new URL(answer.location);
	const sandbox = new URL(suite.sandbox.url);
	assert(
		target.host === sandbox.host && target.pathname === LANDING_PATH,
		`Location ${target.origin}${target.pathname} is not the sandbox's ${LANDING_PATH}`,
	);
	assert(answer.cacheControl === 'no-store', `Cache-Control: ${answer.cacheControl}`);
	assert(answer.signs === 1, `${answer.signs} ${SSO_SIGN_PATH} calls, expected 1`);
	const page = await fetch(target, { signal: AbortSignal.timeout(10_000) });
	const html = await page.text();
	const account = /<b id="account">([^<]*)<\/b>/.exec(html)?.[1];
	assert(page.status === 200, `the landing page answered ${page.status}`);
	assert(account === employee.mail, `the landing page names ${account}, not ${employee.mail}`);
	return `302 → ${LANDING_PATH}?sso_token=…, which signs in ${account} (200)`;
}

function expectRejected(answer: Answer, what: string): void {
	assert(answer.status === 401, `${what}: HTTP ${answer.status}, expected 401`);
	assert(answer.location === null, `${what}: Location ${answer.location}`);
	assert(answer.signs === 0, `${what}: the platform was asked for ${answer.signs} sign(s)`);
}

/**
 * Waits until n8n serves the production webhook: n8n 2.40's publication service registers a
 * published workflow's webhooks in the background after start. A CORS preflight (OPTIONS with an
 * Origin) looks the path up and answers 404 until it is registered, without starting an
 * execution; without an Origin n8n answers every OPTIONS with 204.
 */
async function untilRegistered(url: string, server: RunningN8n, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const headers = {
		origin: new URL(url).origin,
		'access-control-request-method': 'POST',
	};
	for (;;) {
		const res = await fetch(url, {
			method: 'OPTIONS',
			headers,
			signal: AbortSignal.timeout(2_000),
		});
		if (res.ok) return;
		if (Date.now() > deadline)
			throw new Error(
				`the preflight for POST ${url} still answers ${res.status} after ${timeoutMs} ms:\n${tail(server.log(), 15)}`,
			);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * The workflow's executions in n8n's database, read with n8n's own sqlite3 module: with saving
 * off, n8n still writes each execution (the webhook data included) when it starts and marks it
 * deleted when it ends; its pruning removes marked executions for good later.
 */
async function storedExecutions(
	suite: Suite,
	workflowId: string,
): Promise<{ total: number; kept: number }> {
	const database = path.join(suite.n8n.userFolder, '.n8n', 'database.sqlite');
	const script = `
		const sqlite3 = require('sqlite3');
		const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
		db.get(
			'SELECT COUNT(*) AS total, COUNT(*) - COUNT(deletedAt) AS kept FROM execution_entity WHERE workflowId = ?',
			[process.argv[2]],
			(error, row) => {
				if (error) { console.error(error.message); process.exitCode = 1; }
				else console.log(JSON.stringify(row));
				db.close();
			},
		);`;
	const { node, n8n } = suite.n8n.provided;
	const output = await mustRun(node, ['-e', script, database, workflowId], {
		env: { PATH: process.env.PATH, NODE_PATH: path.resolve(path.dirname(n8n), '../..') },
	});
	return JSON.parse(output) as { total: number; kept: number };
}

/** The ldap credential (under the id the example refers to) imported; the workflow published. */
async function publish(
	suite: Suite,
	workflow: ExampleWorkflow,
	directory: Directory,
): Promise<boolean> {
	return suite.check(
		`ldap credential imported (binds as the employee), ${workflow.id} published`,
		async () => {
			const node = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.ldap');
			const reference = node?.credentials?.ldap;
			assert(reference?.id, `${workflow.id} has no LDAP node with an ldap credential`);
			assert(
				node?.parameters.baseDN === PEOPLE_DN,
				`the example searches ${String(node?.parameters.baseDN)}, the test directory holds ${PEOPLE_DN}`,
			);
			await suite.command('import:credentials (ldap)', () =>
				suite.n8n.importCredentials([
					{ ...reference, type: 'ldap', data: ldapCredentialData(directory) },
				]),
			);
			await suite.command('publish:workflow', () =>
				suite.n8n.run(['publish:workflow', `--id=${workflow.id}`]),
			);
		},
	);
}

/**
 * `n8n start` on a free loopback port with WEBHOOK_URL set to it, on the suite's user folder,
 * encryption key and extension; resolves once the workflow's webhook is served.
 */
async function serve(
	suite: Suite,
	workflow: ExampleWorkflow,
	started: (server: RunningN8n) => void,
): Promise<string | undefined> {
	let url: string | undefined;
	await suite.check(
		'n8n start (loopback, WEBHOOK_URL set) serves the published login webhook',
		async () => {
			const since = Date.now();
			const webhook = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
			assert(webhook, `${workflow.id} has no Webhook node`);
			const { port, env } = await serverEnv();
			const session = await createN8nSession({
				customExtensions: suite.extensionDir,
				provided: suite.n8n.provided,
				userFolder: suite.n8n.userFolder,
				encryptionKey: suite.n8n.env.N8N_ENCRYPTION_KEY,
				env: {
					N8N_RESTRICT_FILE_ACCESS_TO: suite.n8n.env.N8N_RESTRICT_FILE_ACCESS_TO ?? '',
					...env,
				},
			});
			const server = await startN8n(session, port);
			started(server);
			const webhookUrl = `${env.WEBHOOK_URL}webhook/${String(webhook.parameters.path)}`;
			await untilRegistered(webhookUrl, server);
			url = webhookUrl;
			return `${url} after ${((Date.now() - since) / 1000).toFixed(1)} s`;
		},
	);
	return url;
}

async function signIns(suite: Suite, login: LoginForm, directory: Directory): Promise<void> {
	const [zhang, li] = directory.employees;
	await suite.check(`right password (JSON): redirected into ${zhang.mail}'s mailbox`, async () =>
		expectRedirect(
			suite,
			await login.post({ username: zhang.uid, password: zhang.password }),
			zhang,
		),
	);
	await suite.check(`right password (HTML form): redirected into ${li.mail}'s mailbox`, async () =>
		expectRedirect(
			suite,
			await login.post(new URLSearchParams({ username: li.uid, password: li.password })),
			li,
		),
	);
	await suite.check('wrong password: 401, no Location, no sign asked of the platform', async () => {
		const answer = await login.post({ username: zhang.uid, password: li.password });
		expectRejected(answer, 'wrong password');
		return `401 ${oneLine(answer.body)}`;
	});
	await suite.check('unknown user: 401, no sign asked of the platform', async () => {
		expectRejected(
			await login.post({ username: 'wang.wu', password: zhang.password }),
			'unknown user',
		);
	});
	await suite.check(
		'the platform refuses the link (ssoSign denied): 500, no Location',
		async () => {
			suite.sandbox.control.configure({ deniedPaths: [SSO_SIGN_PATH] });
			let answer: Answer;
			try {
				answer = await login.post({ username: li.uid, password: li.password });
			} finally {
				suite.sandbox.control.configure({ deniedPaths: [] });
			}
			assert(
				answer.status === 500,
				`HTTP ${answer.status}, expected n8n's 500 for a failed workflow`,
			);
			assert(answer.location === null, `Location ${answer.location}`);
			return `${answer.status} ${oneLine(answer.body.slice(0, 120))}`;
		},
	);
	const malformed: Array<[string, LoginBody]> = [
		['wildcard user name', { username: '*', password: zhang.password }],
		['DN in the user name', { username: `${zhang.uid},${PEOPLE_DN}`, password: zhang.password }],
		['empty password', { username: zhang.uid, password: '' }],
		['no fields', {}],
	];
	await suite.check(
		`malformed sign-ins (${malformed.map(([what]) => what).join(', ')}): 401, no sign`,
		async () => {
			for (const [what, body] of malformed) expectRejected(await login.post(body), what);
		},
	);
	await suite.check(
		'directory down (slapd stopped): the right password gets 401, no sign',
		async () => {
			await directory.stop();
			expectRejected(
				await login.post({ username: zhang.uid, password: zhang.password }),
				'directory down',
			);
		},
	);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export async function ldapLogin(suite: Suite, workflow: ExampleWorkflow): Promise<void> {
	let directory: Directory | undefined;
	let server: RunningN8n | undefined;
	let login: LoginForm | undefined;
	try {
		await suite.check(
			'private OpenLDAP (slapd on 127.0.0.1) seeded with 2 employees, passwords as {SSHA}',
			async () => {
				const since = Date.now();
				directory = await startDirectory({ mailDomain: suite.sandbox.credential.domain });
				const install = directory.installMs
					? `slapd and ldap-utils installed in ${(directory.installMs / 1000).toFixed(1)} s, `
					: '';
				return `${install}slapd pid ${directory.pid} at ${directory.url}, ready in ${((Date.now() - since) / 1000).toFixed(1)} s`;
			},
		);
		if (!directory || !(await publish(suite, workflow, directory))) return;
		const url = await serve(suite, workflow, (started) => {
			server = started;
			process.once('exit', started.killNow);
		});
		if (!url) return;
		login = new LoginForm(suite, url);
		await signIns(suite, login, directory);
	} finally {
		const running = server;
		if (running) {
			await running.stop();
			process.off('exit', running.killNow);
			suite.outputs.push(running.log(), '');
		}
		await directory?.stop();
	}

	const posted = login?.posted ?? 0;
	if (posted > 0)
		await suite.check(
			'no login execution kept: n8n marked each one deleted when it ended (saving off)',
			async () => {
				const { total, kept } = await storedExecutions(suite, workflow.id);
				assert(total === posted, `${total} executions stored for ${posted} requests`);
				assert(kept === 0, `${kept} of ${total} executions are kept, with the webhook data`);
				return `${total} executions, all marked deleted`;
			},
		);
	const slapdPid = directory?.pid;
	const n8nUrl = server?.baseUrl;
	await suite.check('n8n and the private slapd stopped', async () => {
		assert(slapdPid === undefined || !alive(slapdPid), `slapd ${slapdPid} is still running`);
		if (n8nUrl) {
			const answered = await fetch(`${n8nUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })
				.then(() => true)
				.catch(() => false);
			assert(!answered, `n8n still answers at ${n8nUrl}`);
		}
	});
}
