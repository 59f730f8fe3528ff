/**
 * npm run e2e: the example workflows in a real n8n (2.40.5 on Node 24, provided by provide-n8n.sh
 * from a cache outside the repository), with the built package from dist/ loaded as a custom
 * extension (a private copy, see extension.ts), against the platform sandbox served from this
 * process.
 *
 * Order (each step builds on the sandbox state the previous one left; one file each in scenarios/):
 *   1. import the credential and the fourteen example workflows; n8n lists the node types
 *   2. hr-onboarding, then again (re-running creates nothing)
 *  2b. ai-agent-directory-assistant: n8n's AI Agent, its OpenAI Chat Model pointed at a scripted
 *      OpenAI-compatible server, uses the Address Book node as tools: two look-ups answered, a
 *      delete through a read-only tool refused with the reason sent to the model, no write
 *   3. every access token expired between executions, then offboarding
 *   4. bulk-import with the token expiring every few calls inside the execution, then again
 *      (every account exists: only the account list is read)
 *   5. directory-report (paged list) with the token expiring every 2 calls
 *   6. org-chart-sync: a dry run that writes nothing, then applied, then applied again (unchanged)
 *   7. hr-onboarding and directory-report at once (two n8n processes), the stored token expired
 *   8. the organisation reset, bulk-import again under a platform rate limit of 100 calls/s
 *   9. stress: token renewals meet the platform's rate limit (about a minute; E2E_STRESS=0 skips)
 *  10. ldap-sso-login published in a running n8n (`n8n start`) against a private OpenLDAP: the
 *      right password is redirected into the employee's mailbox, anything else gets 401
 *  11. the Settings examples: sales-gets-more raises the limits of a 销售部 created for it (then
 *      again: unchanged); everyone-on-2fa as shipped (dry run), with Dry Run off, then again
 *  12. the five trigger examples published in a running n8n against a private PostgreSQL and a
 *      local catcher (WeCom robot, alert endpoint): events caused in the sandbox, each workflow's
 *      reaction checked, each polling trigger's idle poll cost printed, then n8n restarted with
 *      the audit trigger's cursor lost: everything delivered again, nothing inserted twice
 *  13. no secret in the output of any execution, nor at debug log level (log files, database) in n8n
 * and after each token scenario the token n8n stored is compared with the one the sandbox saw last.
 *
 * Prints one line per check and `N passed, M failed` last; exits 0 only when every check passed.
 * E2E_KEEP=1 keeps the n8n user folder (database, binary data, and each execution's output as
 * execute-<n>-<workflow id>.std{out,err}.txt) for inspection.
 */
import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { ExtensionSnapshot } from './extension';
import { ENTRY_FILES, snapshotDist } from './extension';
import { DATA_DIR, loadWorkflows } from './fixtures';
import type { N8nSession, ProvidedN8n } from './n8n';
import { createN8nSession, provideN8n } from './n8n';
import { assert, describeError, oneLine, Report } from './report';
import { activeTriggers } from './scenarios/active-triggers';
import { aiAgent } from './scenarios/ai-agent';
import { bulkImport, bulkImportRateLimited } from './scenarios/bulk-import';
import { concurrentExecutions } from './scenarios/concurrent';
import { directoryReport } from './scenarios/directory-report';
import { importExamples } from './scenarios/import';
import { ldapLogin } from './scenarios/ldap-login';
import { offboarding } from './scenarios/offboarding';
import { orgChartSync } from './scenarios/org-chart-sync';
import { hrOnboarding } from './scenarios/onboarding';
import { secrets } from './scenarios/secrets';
import { everyoneOn2fa, salesGetsMore } from './scenarios/settings';
import { stress } from './scenarios/stress';
import { Suite } from './suite';

const DIST = path.resolve(__dirname, '../../dist');

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

		const workflows = loadWorkflows();
		const suite = new Suite(report, n8n, sandbox, extension.dir);
		if (await importExamples(suite, Object.values(workflows))) {
			const token = await hrOnboarding(suite, workflows['hr-onboarding']);
			await aiAgent(suite, workflows['ai-agent-directory-assistant']);
			await offboarding(suite, workflows.offboarding, token);
			await bulkImport(suite, workflows['bulk-import']);
			await directoryReport(suite, workflows['directory-report']);
			await orgChartSync(suite, workflows['org-chart-sync']);
			await concurrentExecutions(suite, workflows['hr-onboarding'], workflows['directory-report']);
			await bulkImportRateLimited(suite, workflows['bulk-import']);
			if (process.env.E2E_STRESS !== '0')
				await stress(suite, workflows['bulk-import'], workflows['directory-report']);
			await ldapLogin(suite, workflows['ldap-sso-login']);
			await salesGetsMore(suite, workflows['sales-gets-more']);
			await everyoneOn2fa(suite, workflows['everyone-on-2fa']);
			await activeTriggers(suite, workflows);
			await secrets(suite);
		}
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
