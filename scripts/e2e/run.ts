/**
 * npm run e2e: the example workflows in a real n8n (2.40.5 on Node 24, provided by provide-n8n.sh
 * from a cache outside the repository), with the built package from dist/ loaded as a custom
 * extension (a private copy, see extension.ts), against the platform sandbox served from this
 * process.
 *
 * Order (each step builds on the sandbox state the previous one left):
 *   1. import the credential and the four example workflows; n8n lists the node type
 *   2. hr-onboarding, then again (re-running creates nothing)
 *   3. every access token expired between executions, then offboarding
 *   4. bulk-import with the token expiring every few calls inside the execution, then again under
 *      a platform rate limit
 *   5. directory-report (paged list) with the token expiring every 2 calls
 *   6. hr-onboarding and directory-report at once (two n8n processes), the stored token expired
 * and after each token scenario the token n8n stored is compared with the one the sandbox saw last.
 *
 * E2E_STRESS=1 adds runs where token renewals meet the platform's rate limit (they fail with the
 * package as of this writing; see stress()).
 *
 * Prints one line per check and `N passed, M failed` last; exits 0 only when every check passed.
 * E2E_KEEP=1 keeps the n8n user folder (database, binary data, and each execution's output as
 * execute-<n>-<workflow id>.std{out,err}.txt) for inspection.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';

import type { OrgSnapshot, RequestRecord, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { ExampleName, ExampleWorkflow } from '../lib/examples';
import {
	CREDENTIAL_TYPE,
	EXAMPLES,
	EXAMPLES_DIR,
	loadExample,
	setNodeOutput,
} from '../lib/examples';
import type { ExtensionSnapshot } from './extension';
import { ENTRY_FILES, snapshotDist } from './extension';
import type { ExecuteResult, N8nSession, ProvidedN8n } from './n8n';
import { createN8nSession, provideN8n } from './n8n';
import type { ExecutionJson } from './report';
import {
	asExecution,
	assert,
	describeError,
	diagnostics,
	executionFailure,
	mismatch,
	nodeItems,
	oneLine,
	Report,
	short,
	singleJson,
} from './report';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const NODE_TYPE = 'CUSTOM.neteaseEnterpriseEmail';
const CREDENTIAL = { id: 'netease-e2e-credential', name: 'NetEase sandbox (e2e)' };
const DATA_DIR = path.join(EXAMPLES_DIR, 'data');
const NEW_HIRES_CSV = path.join(DATA_DIR, 'new-hires.csv');
const TOKEN_PATHS = ['/api/pub/token/acquireToken', '/api/pub/token/refresh'];
/** Business calls an access token authorises during the bulk import (200 creates + look-ups). */
const BULK_TOKEN_CALLS = 40;
/** The same during the directory report (a unit list and a few account pages). */
const REPORT_TOKEN_CALLS = 2;
/** E2E_STRESS=1: rate limit, token lifetime (in calls) and time allowed for the bulk-import re-run. */
const STRESS = { perSecond: 20, tokenCalls: 10, maxSeconds: 120 };
/** Platform rate limit (calls per second) while the bulk import is re-run (about 400 calls). */
const RERUN_RATE_LIMIT = 100;

type Account = OrgSnapshot['accounts'][number];
type Unit = OrgSnapshot['units'][number];

interface Execution {
	json: ExecutionJson | undefined;
	/** Platform calls the sandbox recorded during this execution. */
	calls: RequestRecord[];
	result: ExecuteResult;
}

// ---- sandbox helpers ------------------------------------------------------------------------------

const isBusiness = (call: RequestRecord) => !call.path.startsWith('/api/pub/');
const isTokenCall = (call: RequestRecord) => TOKEN_PATHS.includes(call.path);
const tokenOf = (call: RequestRecord) => call.headers['qiye-access-token'] ?? '';

/** The access token of the last business call the sandbox answered with code 0. */
function lastGoodToken(calls: RequestRecord[]): string | undefined {
	const good = calls.filter((call) => isBusiness(call) && call.code === 0);
	return good.length ? tokenOf(good[good.length - 1]) : undefined;
}

function unitPath(state: OrgSnapshot, unitId: string): string {
	const names: string[] = [];
	const seen = new Set<string>();
	for (let unit = state.units.find((u) => u.unitId === unitId); unit && !seen.has(unit.unitId); ) {
		seen.add(unit.unitId);
		names.unshift(unit.unitName);
		const parentId = unit.unitParentId;
		unit = state.units.find((u) => u.unitId === parentId);
	}
	return names.join('/');
}

function unitAtPath(state: OrgSnapshot, departmentPath: string): Unit | undefined {
	return state.units.find((unit) => unitPath(state, unit.unitId) === departmentPath);
}

function accountNamed(state: OrgSnapshot, accountName: string): Account | undefined {
	return state.accounts.find((account) => account.accountName === accountName);
}

function readCsv(file: string, text: string): Array<Record<string, string>> {
	assert(
		!text.includes('"'),
		`${file} has quoted fields; the suite's CSV reader does not handle them`,
	);
	const [header, ...rows] = text
		.trim()
		.split(/\r?\n/)
		.map((line) => line.split(','));
	return rows.map((cells) =>
		Object.fromEntries(header.map((column, i) => [column, cells[i] ?? ''])),
	);
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

// ---- the suite ---------------------------------------------------------------------------------------

class Suite {
	readonly report = new Report();
	/** stdout + stderr of every execution, scanned for secrets at the end. */
	private readonly outputs: string[] = [];
	private commands = 0;

	constructor(
		private readonly n8n: N8nSession,
		private readonly sandbox: Sandbox,
		/** N8N_CUSTOM_EXTENSIONS: the copy of dist/ the session loads. */
		private readonly extensionDir: string,
	) {}

	get commandCount(): number {
		return this.commands;
	}

	private state(): OrgSnapshot {
		return this.sandbox.control.state();
	}

	private lastSeq(): number {
		const requests = this.sandbox.control.requests();
		return requests.length ? requests[requests.length - 1].seq : 0;
	}

	private check(
		name: string,
		body: () => string | void | Promise<string | void>,
	): Promise<boolean> {
		return this.report.check(name, body);
	}

	/** `n8n execute --id`, one check for its outcome; the calls the sandbox saw meanwhile. */
	private async execute(
		label: string,
		workflowId: string,
		session: N8nSession = this.n8n,
	): Promise<Execution> {
		const fromSeq = this.lastSeq();
		this.commands++;
		const result = await session.execute(workflowId);
		this.outputs.push(result.stdout, result.stderr);
		if (process.env.E2E_KEEP === '1') {
			const base = path.join(this.n8n.userFolder, `execute-${this.commands}-${workflowId}`);
			await fs.writeFile(`${base}.stdout.txt`, result.stdout);
			await fs.writeFile(`${base}.stderr.txt`, result.stderr);
		}
		const calls = this.sandbox.control.requests().filter((call) => call.seq > fromSeq);
		const failure = executionFailure(result);
		if (failure)
			console.error(
				diagnostics(`${label}: n8n execute --id=${workflowId}`, result.stdout, result.stderr),
			);
		await this.check(`${label}: execution succeeded`, () => {
			assert(!failure, failure ?? '');
			return `exit 0, ${(result.durationMs / 1000).toFixed(1)} s, ${calls.length} platform calls`;
		});
		return { json: asExecution(result.json), calls, result };
	}

	private async storedCredential(): Promise<Record<string, unknown>> {
		this.commands++;
		const all = await this.n8n.exportCredentialsDecrypted();
		const credential = all.find((c) => c.id === CREDENTIAL.id);
		assert(
			credential,
			`export:credentials has no credential ${CREDENTIAL.id} (found ${all.map((c) => c.id).join(', ') || 'none'})`,
		);
		assert(
			credential.type === CREDENTIAL_TYPE,
			`stored credential type is ${credential.type}, expected ${CREDENTIAL_TYPE}`,
		);
		return credential.data;
	}

	/** The stored access token equals the token of the run's last successful business call. */
	private async checkStoredToken(
		name: string,
		run: Execution,
		previous?: string,
	): Promise<string | undefined> {
		let stored: string | undefined;
		await this.check(name, async () => {
			const lastUsed = lastGoodToken(run.calls);
			assert(lastUsed, 'the sandbox saw no successful business call in this execution');
			const data = await this.storedCredential();
			stored = data.accessToken as string | undefined;
			assert(stored, 'the stored credential has no accessToken');
			if (previous !== undefined) {
				assert(
					stored !== previous,
					`the stored token is still the expired one (${short(previous)})`,
				);
			}
			assert(
				stored === lastUsed,
				`stored accessToken ${short(stored)} ≠ token of the last successful call ${short(lastUsed)}`,
			);
			return `stored ${short(stored)} = last token the sandbox saw${previous ? `, was ${short(previous)}` : ''}`;
		});
		return stored;
	}

	async setup(workflows: ExampleWorkflow[]): Promise<boolean> {
		const { orgOpenId, appId, authCode, domain, baseUrl } = this.sandbox.credential;
		let ready = await this.check(
			'credential imported (type neteaseEnterpriseEmailApi, pointing at the sandbox)',
			async () => {
				this.commands++;
				const res = await this.n8n.importCredentials([
					{
						...CREDENTIAL,
						type: CREDENTIAL_TYPE,
						data: { orgOpenId, appId, appSecret: authCode, domain, baseUrl },
					},
				]);
				if (res.exitCode !== 0)
					console.error(diagnostics('import:credentials', res.stdout, res.stderr));
				assert(res.exitCode === 0, `import:credentials exited ${res.exitCode ?? res.signal}`);
				assert(
					/Successfully imported 1 credential/.test(res.stdout),
					'import:credentials did not report the import',
				);
				return `${(res.durationMs / 1000).toFixed(1)} s (includes the database migrations)`;
			},
		);
		ready =
			(await this.check(
				`example workflows imported (${workflows.map((w) => w.id).join(', ')})`,
				async () => {
					this.commands++;
					const res = await this.n8n.importWorkflow(workflows);
					if (res.exitCode !== 0)
						console.error(diagnostics('import:workflow', res.stdout, res.stderr));
					assert(res.exitCode === 0, `import:workflow exited ${res.exitCode ?? res.signal}`);
					const expected = `Successfully imported ${workflows.length} workflows`;
					assert(
						res.stdout.includes(expected),
						`import:workflow did not say "${expected}": ${oneLine(res.stdout.slice(-200))}`,
					);
				},
			)) && ready;
		await this.check(
			`n8n knows the node type ${NODE_TYPE} (export:nodes), with credential ${CREDENTIAL_TYPE}`,
			async () => {
				this.commands++;
				const out = path.join(this.n8n.userFolder, 'nodes.json');
				const res = await this.n8n.run(['export:nodes', `--output=${out}`]);
				assert(res.exitCode === 0, `export:nodes exited ${res.exitCode ?? res.signal}`);
				const types = JSON.parse(await fs.readFile(out, 'utf8')) as Array<{
					name: string;
					version: number | number[];
					credentials?: Array<{ name: string }>;
				}>;
				const ours = types.find((t) => t.name === NODE_TYPE);
				assert(
					ours,
					`${NODE_TYPE} is not among the ${types.length} node types n8n loaded (N8N_CUSTOM_EXTENSIONS=${this.extensionDir})`,
				);
				assert(
					ours.credentials?.some((c) => c.name === CREDENTIAL_TYPE),
					`${NODE_TYPE} does not declare ${CREDENTIAL_TYPE}`,
				);
				const tool = types.some((t) => t.name === `${NODE_TYPE}Tool`);
				return `version ${JSON.stringify(ours.version)}${tool ? `, also as ${NODE_TYPE}Tool` : ''}, among ${types.length} types`;
			},
		);
		return ready;
	}

	async hrOnboarding(workflow: ExampleWorkflow): Promise<string | undefined> {
		const hire = setNodeOutput(workflow.nodes.find((node) => node.name === 'New hire')!) as Record<
			string,
			string
		>;
		const { domain } = this.sandbox.identity;
		const email = `${hire.accountName}@${domain}`;
		const seeded = this.state();

		const first = await this.execute('hr-onboarding', workflow.id);
		const after = this.state();
		const leaf = unitAtPath(after, hire.departmentPath);
		const parentPath = hire.departmentPath.split('/').slice(0, -1).join('/');

		await this.check(
			`hr-onboarding: department path ${hire.departmentPath} exists, only the missing level created`,
			() => {
				assert(leaf, `no department at ${hire.departmentPath}`);
				const parent = unitAtPath(seeded, parentPath);
				assert(parent, `the seed has no ${parentPath}; the example expects it to exist`);
				assert(
					leaf.unitParentId === parent.unitId,
					`${leaf.unitName} is under ${leaf.unitParentId}, not ${parentPath}`,
				);
				const added = after.units.filter((u) => !seeded.units.some((s) => s.unitId === u.unitId));
				assert(
					added.length === 1 && added[0].unitId === leaf.unitId,
					`departments added: ${added.map((u) => unitPath(after, u.unitId)).join(', ') || 'none'}`,
				);
				return `${leaf.unitName} (${leaf.unitId}) added under existing ${parentPath}`;
			},
		);
		await this.check(
			`hr-onboarding: account ${hire.accountName} in that department with job number ${hire.jobNumber}`,
			() => {
				const account = accountNamed(after, hire.accountName);
				const problem = mismatch(`account ${hire.accountName}`, account, {
					name: hire.name,
					jobNumber: hire.jobNumber,
					mobile: hire.mobile,
					unitId: leaf?.unitId,
					status: 0,
					passChangeFirstLogin: 1,
				});
				assert(!problem, problem ?? '');
				assert(
					account!.passwordMd5 === md5(hire.initialPassword),
					"the stored password is not the example's initial password",
				);
				const added = after.accounts.length - seeded.accounts.length;
				assert(added === 1, `${added} accounts added, expected 1`);
				return `${email}, ${account!.name}, status 0, password to change at first login`;
			},
		);
		await this.check(
			'hr-onboarding: node output reports the created department and account',
			() => {
				const ensure = singleJson(first.json, 'Ensure department path');
				const created = singleJson(first.json, 'Create account');
				const problem =
					mismatch('Ensure department path', ensure, {
						id: leaf?.unitId,
						path: hire.departmentPath,
						createdPaths: [hire.departmentPath],
					}) ??
					mismatch('Create account', created, {
						created: true,
						accountName: hire.accountName,
						email,
						departmentId: leaf?.unitId,
						departmentPath: hire.departmentPath,
						jobNumber: hire.jobNumber,
					});
				assert(!problem, problem ?? '');
				return `createdPaths ${JSON.stringify(ensure.createdPaths)}, created ${created.created} ${created.email}`;
			},
		);
		await this.check(
			'credential type in use: n8n ran its preAuthentication (token) and authenticate (qiye-* headers)',
			() => {
				const { appId, orgOpenId, authCode } = this.sandbox.identity;
				const tokenCalls = first.calls.filter(isTokenCall);
				assert(
					tokenCalls.length === 1,
					`${tokenCalls.length} token calls in the first execution, expected 1`,
				);
				const acquire = tokenCalls[0];
				assert(
					acquire.path === '/api/pub/token/acquireToken' && acquire.code === 0,
					`token call ${acquire.path} answered ${acquire.code}`,
				);
				const problem = mismatch('acquireToken body', acquire.body as Record<string, unknown>, {
					appId,
					orgOpenId,
					authCode,
				});
				assert(!problem, problem ?? '');
				const business = first.calls.filter(isBusiness);
				assert(business.length > 0, 'no business call');
				const bad = business.find(
					(call) =>
						call.code !== 0 ||
						call.seq < acquire.seq ||
						!tokenOf(call) ||
						call.headers['qiye-app-id'] !== appId ||
						call.headers['qiye-org-open-id'] !== orgOpenId,
				);
				assert(
					!bad,
					`business call ${bad?.path} (seq ${bad?.seq}) answered ${bad?.code} with headers ${JSON.stringify(Object.keys(bad?.headers ?? {}))}`,
				);
				return `acquireToken with the credential's appId/authCode/orgOpenId, then ${business.length} calls with qiye-access-token/app-id/org-open-id`;
			},
		);
		const stored = await this.checkStoredToken(
			'token persisted: n8n stored the token its preAuthentication obtained',
			first,
		);

		const before = this.state();
		const second = await this.execute('hr-onboarding re-run', workflow.id);
		const again = this.state();
		await this.check(
			'hr-onboarding re-run: nothing created again, department and account unchanged (ifExists reuse)',
			() => {
				assert(
					JSON.stringify(again.units) === JSON.stringify(before.units),
					'the departments changed',
				);
				assert(
					JSON.stringify(again.accounts) === JSON.stringify(before.accounts),
					'the accounts changed',
				);
				const writes = second.calls.filter(
					(call) =>
						['/api/open/unit/createUnit', '/api/open/account/createAccount'].includes(call.path) &&
						call.code === 0,
				);
				assert(
					writes.length === 0,
					`${writes.length} successful create calls: ${writes.map((w) => w.path).join(', ')}`,
				);
				const refused = second.calls
					.filter((call) => call.path === '/api/open/account/createAccount')
					.map((call) => call.code);
				return `createAccount refused with ${JSON.stringify(refused)}, ${again.units.length} departments, ${again.accounts.length} accounts as before`;
			},
		);
		await this.check(
			'hr-onboarding re-run: node output returns the existing department and account',
			() => {
				const ensure = singleJson(second.json, 'Ensure department path');
				const created = singleJson(second.json, 'Create account');
				const problem =
					mismatch('Ensure department path', ensure, {
						id: leaf?.unitId,
						path: hire.departmentPath,
						createdPaths: [],
					}) ??
					mismatch('Create account', created, {
						created: false,
						email,
						departmentId: leaf?.unitId,
						departmentPath: hire.departmentPath,
						jobNumber: hire.jobNumber,
					});
				assert(!problem, problem ?? '');
				return `createdPaths [], created false ${created.email}`;
			},
		);
		await this.check(
			'token reused across executions: the re-run asked for no token and used the stored one',
			() => {
				const tokenCalls = second.calls.filter(isTokenCall);
				assert(
					tokenCalls.length === 0,
					`${tokenCalls.length} token calls (${tokenCalls.map((c) => c.path).join(', ')})`,
				);
				const tokens = [...new Set(second.calls.filter(isBusiness).map(tokenOf))];
				assert(
					tokens.length === 1 && tokens[0] === stored,
					`tokens used ${tokens.map(short).join(', ')}, stored ${short(stored)}`,
				);
				return `all calls with ${short(stored)}`;
			},
		);
		return lastGoodToken(second.calls) ?? stored;
	}

	async offboarding(workflow: ExampleWorkflow, tokenBefore: string | undefined): Promise<void> {
		const jobNumber = String(
			setNodeOutput(workflow.nodes.find((node) => node.name === 'Leaver')!).jobNumber,
		);
		const before = this.state();
		const matches = before.accounts.filter((account) => account.jobNumber === jobNumber);
		const leaver = matches[0];
		const email = leaver ? `${leaver.accountName}@${before.domain}` : `(job number ${jobNumber})`;

		const expired = this.sandbox.control.expireAccessTokens(-301);
		const run = await this.execute(
			'offboarding after every access token expired (-301) between executions',
			workflow.id,
		);
		const after = this.state();

		await this.check(
			`offboarding: ${leaver?.accountName ?? jobNumber} (${jobNumber}) suspended, then soft-deleted (status 2)`,
			() => {
				assert(
					matches.length === 1,
					`${matches.length} accounts with job number ${jobNumber} before the run`,
				);
				assert(
					leaver.status === 0,
					`${leaver.accountName} had status ${leaver.status} before the run`,
				);
				const now = accountNamed(after, leaver.accountName);
				assert(now, `${leaver.accountName} no longer exists (deleted permanently?)`);
				assert(
					now.status === 2,
					`${leaver.accountName} has status ${now.status}, expected 2 (soft-deleted)`,
				);
				const done = (p: string) =>
					run.calls.find(
						(c) =>
							c.path === p &&
							c.code === 0 &&
							(c.body as { accountName?: string }).accountName === leaver.accountName,
					);
				const suspend = done('/api/open/account/suspendAccount');
				const remove = done('/api/open/account/deleteAccountSim');
				assert(suspend, 'no successful suspendAccount call for the leaver');
				assert(remove, 'no successful deleteAccountSim call for the leaver');
				assert(suspend.seq < remove.seq, 'deleted before being suspended');
				assert(
					!run.calls.some((c) => c.path === '/api/open/account/deleteAccount'),
					'deleteAccount (permanent) was called',
				);
				const others = after.accounts.filter((a) => a.accountName !== leaver.accountName);
				const changed = others.find(
					(a) => JSON.stringify(a) !== JSON.stringify(accountNamed(before, a.accountName)),
				);
				assert(!changed, `${changed?.accountName} changed too`);
				return `suspendAccount (seq ${suspend.seq}) then deleteAccountSim (seq ${remove.seq}); no other account touched`;
			},
		);
		await this.check(
			'offboarding: node output — found by job number, suspended, deleted recoverably',
			() => {
				const found = singleJson(run.json, 'Find account by job number');
				const suspended = singleJson(run.json, 'Suspend account');
				const deleted = singleJson(run.json, 'Delete account (recoverable)');
				const problem =
					mismatch('Find account by job number', found, {
						accountName: leaver?.accountName,
						email,
						jobNumber,
					}) ??
					mismatch('Suspend account', suspended, { email, status: 'suspended' }) ??
					mismatch('Delete account (recoverable)', deleted, {
						email,
						deleted: true,
						recoverable: true,
					});
				assert(!problem, problem ?? '');
				return `${email}: suspended, deleted, recoverable true`;
			},
		);
		await this.check(
			'token expiry between executions: -301 answered, token renewed, the execution carried on',
			() => {
				assert(expired >= 1, `expireAccessTokens expired ${expired} tokens`);
				assert(tokenBefore, 'no token known from the previous execution');
				const rejected = run.calls.find((c) => isBusiness(c) && c.code === -301);
				assert(rejected, 'the sandbox answered no -301: the expired token was not used?');
				assert(
					tokenOf(rejected) === tokenBefore,
					`the -301 was for ${short(tokenOf(rejected))}, not the stored ${short(tokenBefore)}`,
				);
				const renewal = run.calls.find(
					(c) => isTokenCall(c) && c.seq > rejected.seq && c.code === 0,
				);
				assert(renewal, 'no successful token call after the -301');
				const later = run.calls.filter((c) => isBusiness(c) && c.seq > renewal.seq);
				const bad = later.find((c) => c.code !== 0 || tokenOf(c) === tokenBefore);
				assert(
					later.length > 0 && !bad,
					bad
						? `${bad.path} answered ${bad.code} with ${short(tokenOf(bad))}`
						: 'no call after renewal',
				);
				const failures = run.calls.filter((c) => isBusiness(c) && c.code !== 0);
				assert(
					failures.length === 1,
					`${failures.length} failed business calls: ${failures.map((c) => `${c.path} ${c.code}`).join(', ')}`,
				);
				return `${rejected.path} -301, ${renewal.path.split('/').pop()}, then ${later.length} calls ok`;
			},
		);
		await this.checkStoredToken(
			'token expiry between executions: n8n stored the renewed token',
			run,
			tokenBefore,
		);
	}

	async bulkImport(workflow: ExampleWorkflow): Promise<void> {
		const rows = readCsv(NEW_HIRES_CSV, await fs.readFile(NEW_HIRES_CSV, 'utf8'));
		const before = this.state();

		this.sandbox.control.configure({ expireAccessTokenAfterCalls: BULK_TOKEN_CALLS });
		let run: Execution;
		try {
			run = await this.execute(
				`bulk-import of ${rows.length} CSV rows, access token expiring every ${BULK_TOKEN_CALLS} calls`,
				workflow.id,
			);
		} finally {
			this.sandbox.control.configure({ expireAccessTokenAfterCalls: 0 });
		}
		const after = this.state();

		await this.check(
			`bulk-import: ${rows.length} output items, one per CSV row in order, all created, no error item`,
			() => {
				assert(
					rows.length === 200,
					`new-hires.csv has ${rows.length} rows; the example describes 200`,
				);
				const items = nodeItems(run.json, 'Create accounts');
				assert(items.length === rows.length, `${items.length} items for ${rows.length} rows`);
				items.forEach(({ json }, i) => {
					assert(
						json.error === undefined,
						`item ${i} failed: ${oneLine(JSON.stringify(json.error ?? null), 150)}`,
					);
					const problem = mismatch(`item ${i}`, json, {
						created: true,
						accountName: rows[i].accountName,
						departmentPath: rows[i].departmentPath,
						jobNumber: rows[i].jobNumber,
					});
					assert(!problem, problem ?? '');
				});
				return `${items.length} × created true`;
			},
		);
		await this.check(
			`bulk-import: ${rows.length} import* accounts in the sandbox, in the CSV's departments, with its fields`,
			() => {
				const imported = after.accounts.filter((a) => a.accountName.startsWith('import'));
				assert(
					imported.length === rows.length,
					`${imported.length} import* accounts, expected ${rows.length}`,
				);
				assert(
					after.accounts.length === before.accounts.length + rows.length,
					`${after.accounts.length - before.accounts.length} accounts added`,
				);
				for (const row of rows) {
					const account = accountNamed(after, row.accountName);
					const problem = mismatch(`account ${row.accountName}`, account, {
						name: row.name,
						jobNumber: row.jobNumber,
						mobile: row.mobile,
						status: 0,
						passChangeFirstLogin: 1,
					});
					assert(!problem, problem ?? '');
					const where = unitPath(after, account!.unitId);
					assert(
						where === row.departmentPath,
						`${row.accountName} is in ${where}, the CSV says ${row.departmentPath}`,
					);
					assert(
						account!.passwordMd5 === md5(row.initialPassword),
						`${row.accountName} does not have the CSV's initial password`,
					);
				}
				assert(after.units.length === before.units.length, 'departments were added');
				return `${imported.length} accounts over ${new Set(rows.map((r) => r.departmentPath)).size} departments`;
			},
		);
		await this.check(
			`token expiry mid-execution (bulk-import): renewed along the way, every account created exactly once`,
			() => {
				const expiries = run.calls.filter((c) => isBusiness(c) && c.code === -301);
				assert(
					expiries.length >= 1,
					'the sandbox answered no -301: the token did not expire during the run',
				);
				const creates = run.calls.filter((c) => c.path === '/api/open/account/createAccount');
				const createdCount = new Map<string, number>();
				for (const call of creates.filter((c) => c.code === 0)) {
					const name = String((call.body as { accountName?: string }).accountName);
					createdCount.set(name, (createdCount.get(name) ?? 0) + 1);
				}
				const missing = rows.filter((r) => createdCount.get(r.accountName) !== 1);
				assert(
					missing.length === 0,
					`${missing.length} rows not created exactly once, e.g. ${missing[0]?.accountName} × ${createdCount.get(missing[0]?.accountName) ?? 0}`,
				);
				const failed = run.calls.filter((c) => isBusiness(c) && c.code !== 0 && c.code !== -301);
				assert(
					failed.length === 0,
					`${failed.length} other failures: ${failed
						.slice(0, 3)
						.map((c) => `${c.path} ${c.code}`)
						.join(', ')}`,
				);
				const tokens = new Set(run.calls.filter((c) => isBusiness(c) && c.code === 0).map(tokenOf));
				assert(
					tokens.size >= 2,
					`only ${tokens.size} token(s) used successfully: no renewal inside the execution`,
				);
				const renewals = run.calls.filter(isTokenCall);
				return `${expiries.length} × -301, ${renewals.length} token calls, ${tokens.size} tokens used, ${creates.length} createAccount calls for ${rows.length} rows`;
			},
		);
		await this.checkStoredToken(
			'token expiry mid-execution (bulk-import): n8n stored the last token used',
			run,
		);

		this.sandbox.control.configure({ rateLimit: { perSecond: RERUN_RATE_LIMIT } });
		let rerun: Execution;
		try {
			rerun = await this.execute(
				`bulk-import re-run, platform limited to ${RERUN_RATE_LIMIT} calls/s`,
				workflow.id,
			);
		} finally {
			this.sandbox.control.configure({ rateLimit: { perSecond: 0 } });
		}
		const again = this.state();
		await this.check(
			`bulk-import re-run: ${rows.length} items created false, no account added or changed, rate limit absorbed`,
			() => {
				const limited = rerun.calls.filter((c) => c.code === -422).length;
				assert(limited > 0, `the sandbox rate-limited no call (${rerun.calls.length} calls)`);
				const failed = rerun.calls.filter(
					(c) =>
						isBusiness(c) &&
						c.code !== 0 &&
						c.code !== -422 &&
						c.code !== -301 &&
						!(c.path === '/api/open/account/createAccount' && c.code === -3),
				);
				assert(
					failed.length === 0,
					`${failed.length} unexpected failures: ${failed
						.slice(0, 3)
						.map((c) => `${c.path} ${c.code}`)
						.join(', ')}`,
				);
				const items = nodeItems(rerun.json, 'Create accounts');
				assert(items.length === rows.length, `${items.length} items for ${rows.length} rows`);
				items.forEach(({ json }, i) => {
					assert(
						json.error === undefined,
						`item ${i} failed: ${oneLine(JSON.stringify(json.error ?? null), 150)}`,
					);
					const problem = mismatch(`item ${i}`, json, {
						created: false,
						accountName: rows[i].accountName,
						departmentPath: rows[i].departmentPath,
					});
					assert(!problem, problem ?? '');
				});
				assert(
					JSON.stringify(again.accounts) === JSON.stringify(after.accounts),
					'the accounts changed',
				);
				return `${items.length} × created false, ${limited} calls answered -422 and retried`;
			},
		);
	}

	/**
	 * Two executions at once (two n8n processes on the same database) sharing the credential whose
	 * stored token has expired: both renew (one may reuse the other's new token), neither fails.
	 */
	async concurrent(onboarding: ExampleWorkflow, report: ExampleWorkflow): Promise<void> {
		// A second session on the same user folder: each n8n process needs its own task-broker port.
		const other = await createN8nSession({
			customExtensions: this.extensionDir,
			provided: this.n8n.provided,
			userFolder: this.n8n.userFolder,
			env: { N8N_RESTRICT_FILE_ACCESS_TO: this.n8n.env.N8N_RESTRICT_FILE_ACCESS_TO ?? '' },
		});
		const before = this.state();
		const fromSeq = this.lastSeq();
		// Tokens expire (by time, as on the platform) while no execution runs: both executions start
		// with the expired stored token and renew at about the same moment. (Tokens that also expire
		// after a few calls would be used up by the other process as well, which the node's two
		// renewals per call are not meant to absorb.)
		this.sandbox.control.expireAccessTokens(-301);
		this.commands += 2;
		const results = await Promise.all([this.n8n.execute(onboarding.id), other.execute(report.id)]);
		const calls = this.sandbox.control.requests().filter((call) => call.seq > fromSeq);
		const after = this.state();
		const labels = ['hr-onboarding', 'directory-report'];
		results.forEach((result, i) => {
			this.outputs.push(result.stdout, result.stderr);
			if (executionFailure(result))
				console.error(diagnostics(`concurrent ${labels[i]}`, result.stdout, result.stderr));
		});
		await this.check(
			'two executions at once sharing the credential, stored token expired: both renew and succeed, nothing changed',
			() => {
				const failures = results
					.map((r, i) => [labels[i], executionFailure(r)])
					.filter(([, failure]) => failure);
				assert(
					failures.length === 0,
					failures.map(([label, failure]) => `${label}: ${failure}`).join('; '),
				);
				const created = singleJson(asExecution(results[0].json), 'Create account');
				assert(created.created === false, `hr-onboarding: created ${created.created}`);
				const listed = nodeItems(asExecution(results[1].json), 'List every account').length;
				const expected = after.accounts.filter((a) => a.status !== 2).length;
				assert(listed === expected, `directory-report: ${listed} items, expected ${expected}`);
				assert(
					JSON.stringify(after.accounts) === JSON.stringify(before.accounts),
					'accounts changed',
				);
				assert(JSON.stringify(after.units) === JSON.stringify(before.units), 'departments changed');
				const failed = calls.filter(
					(c) => isBusiness(c) && c.code !== 0 && c.code !== -301 && c.code !== -3,
				);
				assert(
					failed.length === 0,
					`${failed.length} unexpected failures: ${failed
						.slice(0, 3)
						.map((c) => `${c.path} ${c.code}`)
						.join(', ')}`,
				);
				const expiries = calls.filter((c) => isBusiness(c) && c.code === -301).length;
				assert(expiries > 0, 'no call answered -301: the expired token was not used');
				const renewals = calls.filter(isTokenCall).length;
				return `${(Math.max(...results.map((r) => r.durationMs)) / 1000).toFixed(1)} s, ${expiries} × -301, ${renewals} token calls, ${listed} accounts listed`;
			},
		);
	}

	/**
	 * Opt-in (E2E_STRESS=1), after the rest: the platform rate-limiting token calls.
	 * 1. The stored token expired and the first renewal answered -422 (refresh, then acquire, once
	 *    each): the run should back off and renew again, as it does for business calls.
	 * 2. The bulk import re-run (every account exists) at 20 calls/s with tokens expiring every 10
	 *    calls: renewals meet the limit; the run should keep to about the platform's rate.
	 */
	async stress(bulk: ExampleWorkflow, report: ExampleWorkflow): Promise<void> {
		this.sandbox.control.expireAccessTokens(-301);
		this.sandbox.control.injectFault([
			{ path: '/api/pub/token/refresh', kind: 'code', code: -422 },
			{ path: '/api/pub/token/acquireToken', kind: 'code', code: -422 },
		]);
		const renewal = await this.execute(
			'stress: directory-report, stored token expired, renewal answered -422 once',
			report.id,
		);
		this.sandbox.control.clearFaults();
		await this.check(
			'stress: a rate-limited renewal is retried, not reported as a credential error',
			() => {
				const limited = renewal.calls.filter((c) => isTokenCall(c) && c.code === -422).length;
				assert(limited > 0, 'no token call was answered -422');
				nodeItems(renewal.json, 'List every account');
				return `${limited} token calls answered -422, then renewed`;
			},
		);

		const rows = readCsv(NEW_HIRES_CSV, await fs.readFile(NEW_HIRES_CSV, 'utf8'));
		const session = await createN8nSession({
			customExtensions: this.extensionDir,
			provided: this.n8n.provided,
			userFolder: this.n8n.userFolder,
			env: { N8N_RESTRICT_FILE_ACCESS_TO: this.n8n.env.N8N_RESTRICT_FILE_ACCESS_TO ?? '' },
			timeoutMs: STRESS.maxSeconds * 1000,
		});
		this.sandbox.control.configure({
			rateLimit: { perSecond: STRESS.perSecond },
			expireAccessTokenAfterCalls: STRESS.tokenCalls,
		});
		let run: Execution;
		try {
			run = await this.execute(
				`stress: bulk-import re-run, ${STRESS.perSecond} calls/s, token expiring every ${STRESS.tokenCalls} calls`,
				bulk.id,
				session,
			);
		} finally {
			this.sandbox.control.configure({
				rateLimit: { perSecond: 0 },
				expireAccessTokenAfterCalls: 0,
			});
		}
		await this.check(
			`stress: bulk-import re-run, every item done within ${STRESS.maxSeconds} s`,
			() => {
				const items = nodeItems(run.json, 'Create accounts');
				const failed = items.filter(({ json }) => json.error !== undefined);
				const limitedTokenCalls = run.calls.filter((c) => isTokenCall(c) && c.code === -422).length;
				assert(
					failed.length === 0,
					`${failed.length} of ${items.length} items failed (${limitedTokenCalls} token calls answered -422), e.g. ${oneLine(failed[0]?.json.error, 200)}`,
				);
				assert(items.length === rows.length, `${items.length} items for ${rows.length} rows`);
				const seconds = run.result.durationMs / 1000;
				return `${items.length} items, ${seconds.toFixed(1)} s, ${(run.calls.length / seconds).toFixed(1)} calls/s`;
			},
		);
	}

	async directoryReport(workflow: ExampleWorkflow): Promise<void> {
		const before = this.state();
		this.sandbox.control.configure({ expireAccessTokenAfterCalls: REPORT_TOKEN_CALLS });
		let run: Execution;
		try {
			run = await this.execute(
				`directory-report, access token expiring every ${REPORT_TOKEN_CALLS} calls`,
				workflow.id,
			);
		} finally {
			this.sandbox.control.configure({ expireAccessTokenAfterCalls: 0 });
		}
		const state = this.state();

		await this.check(
			'directory-report: one output item per non-deleted account, each with its department path',
			() => {
				assert(
					JSON.stringify(state.accounts) === JSON.stringify(before.accounts),
					'the report changed accounts',
				);
				const expected = state.accounts.filter((a) => a.status !== 2);
				const items = nodeItems(run.json, 'List every account').map((item) => item.json);
				const emails = items.map((item) => String(item.email));
				assert(
					new Set(emails).size === emails.length,
					`duplicate items: ${emails.length} items, ${new Set(emails).size} distinct`,
				);
				assert(
					items.length === expected.length,
					`${items.length} items, the sandbox has ${expected.length} non-deleted accounts`,
				);
				for (const account of expected) {
					const item = items.find((i) => i.accountName === account.accountName);
					const problem = mismatch(`item ${account.accountName}`, item, {
						email: `${account.accountName}@${state.domain}`,
						departmentPath: unitPath(state, account.unitId),
					});
					assert(!problem, problem ?? '');
				}
				const deleted = state.accounts.filter((a) => a.status === 2).map((a) => a.accountName);
				return `${items.length} items (left out, soft-deleted: ${deleted.join(', ')})`;
			},
		);
		await this.check(
			'directory-report: Convert to File produced directory.csv (text/csv) with a row per account',
			async () => {
				const listed = nodeItems(run.json, 'List every account').length;
				const [file, ...more] = nodeItems(run.json, 'Directory as CSV');
				assert(
					file && more.length === 0,
					`Directory as CSV output ${more.length + (file ? 1 : 0)} items, expected 1`,
				);
				const binary = file.binary?.data;
				const problem = mismatch('binary.data', binary as Record<string, unknown> | undefined, {
					fileName: 'directory.csv',
					mimeType: 'text/csv',
					fileExtension: 'csv',
				});
				assert(!problem, problem ?? '');
				assert(binary!.id, 'binary.data has no id (stored where?)');
				// Binary data mode "filesystem-v2": <user folder>/.n8n/storage/<id after the prefix>.
				const stored = path.join(
					this.n8n.userFolder,
					'.n8n',
					'storage',
					binary!.id.replace(/^filesystem-v2:/, ''),
				);
				assert(existsSync(stored), `binary data not found at ${stored}`);
				const lines = (await fs.readFile(stored, 'utf8')).trim().split(/\r?\n/);
				const header = lines[0].split(',');
				assert(
					header.includes('email') && header.includes('departmentPath'),
					`CSV header ${lines[0]}`,
				);
				assert(
					lines.length === listed + 1,
					`CSV has ${lines.length - 1} rows for ${listed} accounts`,
				);
				return `${binary!.fileName}, ${binary!.mimeType}, ${binary!.bytes} bytes, header + ${lines.length - 1} rows`;
			},
		);
		await this.check(
			'token expiry mid-execution (paged list): -301 answered, renewed, no call failed otherwise',
			() => {
				const expiries = run.calls.filter((c) => isBusiness(c) && c.code === -301);
				assert(expiries.length >= 1, 'the sandbox answered no -301 during the report');
				const failed = run.calls.filter((c) => isBusiness(c) && c.code !== 0 && c.code !== -301);
				assert(failed.length === 0, `${failed.length} other failures`);
				const pages = run.calls.filter(
					(c) => c.path === '/api/open/unit/getAccountList' && c.code === 0,
				).length;
				return `${expiries.length} × -301, ${run.calls.filter(isTokenCall).length} token calls, ${pages} account pages`;
			},
		);
		await this.checkStoredToken(
			'token expiry mid-execution (paged list): n8n stored the last token used',
			run,
		);
	}

	async secrets(): Promise<void> {
		await this.check('no AppKey, access or refresh token in any n8n execution output', () => {
			const secrets = new Set<string>([this.sandbox.identity.authCode]);
			for (const call of this.sandbox.control.requests()) {
				if (tokenOf(call)) secrets.add(tokenOf(call));
				if (call.query.refreshToken) secrets.add(call.query.refreshToken);
			}
			const text = this.outputs.join('\n');
			const leaked = [...secrets].filter((secret) => secret.length >= 6 && text.includes(secret));
			assert(leaked.length === 0, `found ${leaked.map(short).join(', ')} in the output`);
			return `${secrets.size} secrets checked against ${this.outputs.length / 2} executions`;
		});
	}
}

// ---- main ------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
	const report = new Report();

	if (!ENTRY_FILES.every((file) => existsSync(path.join(DIST, file)))) {
		console.error(
			`[e2e] ${DIST} does not hold the built package; run "npm run build" (npm run e2e does).`,
		);
		await report.check('package built into dist/', () =>
			assert(false, `missing ${ENTRY_FILES.join(' or ')} under dist/`),
		);
		console.log(report.summary());
		return 1;
	}

	let provided: ProvidedN8n;
	try {
		provided = await provideN8n();
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		console.error(
			[
				'[e2e] A real n8n could not be provided, so the end-to-end suite cannot run.',
				`[e2e] ${message}`,
				'[e2e] scripts/e2e/provide-n8n.sh installs n8n 2.40.5 and Node 24 from the npm registry into',
				'[e2e] $N8N_E2E_CACHE (default ~/.cache/n8n-nodes-netease-e2e); run "npm run e2e:provide" to retry and see its log.',
			].join('\n'),
		);
		await report.check('real n8n provided', () => assert(false, oneLine(message)));
		console.log(report.summary());
		return 2;
	}

	const started = Date.now();
	let extension: ExtensionSnapshot | undefined;
	let sandbox: Sandbox | undefined;
	let n8n: N8nSession | undefined;
	let cleaned = false;
	const cleanup = async () => {
		if (cleaned) return;
		cleaned = true;
		await extension?.remove().catch(() => undefined);
		await sandbox
			?.close()
			.catch((error) => console.error(`[e2e] closing the sandbox: ${describeError(error)}`));
		if (n8n && process.env.E2E_KEEP === '1')
			console.error(`[e2e] kept the n8n user folder ${n8n.userFolder}`);
		else
			await n8n
				?.cleanup()
				.catch((error) =>
					console.error(`[e2e] removing ${n8n?.userFolder}: ${describeError(error)}`),
				);
	};
	const onSignal = (signal: NodeJS.Signals) => {
		console.error(`[e2e] ${signal}: cleaning up`);
		void cleanup().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		await report.check(
			"built package (a private copy of dist/) loads with n8n's own modules",
			async () => {
				extension = await snapshotDist(DIST, provided);
				return `exports ${extension.loaded}`;
			},
		);
		if (!extension) {
			console.log(report.summary());
			return 1;
		}
		sandbox = await startSandbox({ seed: 'demo', host: '127.0.0.1', port: 0 });
		n8n = await createN8nSession({
			customExtensions: extension.dir,
			provided,
			// n8n 2.x reads files only below N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files); it
			// compares real paths, so give the real path of the data folder.
			env: { N8N_RESTRICT_FILE_ACCESS_TO: realpathSync(DATA_DIR) },
		});
		console.error(
			`[e2e] n8n user folder ${n8n.userFolder}, sandbox ${sandbox.url}, extension ${extension.dir} (copy of ${DIST})`,
		);

		const workflows = Object.fromEntries(
			EXAMPLES.map((name) => [
				name,
				loadExample(name, { nodeType: NODE_TYPE, credential: CREDENTIAL }),
			]),
		) as Record<ExampleName, ExampleWorkflow>;
		// The example reads from a folder of the user's n8n install; here, the repository's copy.
		const reader = workflows['bulk-import'].nodes.find(
			(node) => node.type === 'n8n-nodes-base.readWriteFile',
		);
		assert(reader, 'bulk-import has no Read/Write Files node');
		reader.parameters.fileSelector = realpathSync(NEW_HIRES_CSV);

		const suite = new Suite(n8n, sandbox, extension.dir);
		const ready = await suite.setup(Object.values(workflows));
		if (ready) {
			const token = await suite.hrOnboarding(workflows['hr-onboarding']);
			await suite.offboarding(workflows.offboarding, token);
			await suite.bulkImport(workflows['bulk-import']);
			await suite.directoryReport(workflows['directory-report']);
			await suite.concurrent(workflows['hr-onboarding'], workflows['directory-report']);
			await suite.secrets();
			if (process.env.E2E_STRESS === '1')
				await suite.stress(workflows['bulk-import'], workflows['directory-report']);
		}
		report.passed += suite.report.passed;
		report.failed += suite.report.failed;
		console.error(
			`[e2e] ${((Date.now() - started) / 1000).toFixed(1)} s after provisioning, ${suite.commandCount} n8n commands`,
		);
	} catch (error) {
		await report.check('suite ran to the end', () => assert(false, describeError(error)));
		if (error instanceof Error && error.stack) console.error(error.stack);
	} finally {
		await cleanup();
	}
	console.log(report.summary());
	return report.failed === 0 && report.passed > 0 ? 0 : 1;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error) => {
		console.error(error);
		console.log('0 passed, 1 failed');
		process.exitCode = 1;
	},
);
