/**
 * Step 5: directory-report pages through every account, with the token expiring every 2 calls,
 * and Convert to File writes the CSV into n8n's binary data storage.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';

import type { ExampleWorkflow } from '../../lib/examples';
import { unchanged, unitPath } from '../org-state';
import { businessAnswered, failedBusinessCalls, isTokenCall } from '../platform-calls';
import { assert, assertMatches, nodeItems } from '../report';
import type { Suite } from '../suite';

/** Business calls an access token authorises (a unit list and a few account pages in all). */
const REPORT_TOKEN_CALLS = 2;

export async function directoryReport(suite: Suite, workflow: ExampleWorkflow): Promise<void> {
	const before = suite.state();
	const run = await suite.executeUnder(
		{ tokenExpiresAfterCalls: REPORT_TOKEN_CALLS },
		`directory-report, access token expiring every ${REPORT_TOKEN_CALLS} calls`,
		workflow.id,
	);
	const state = suite.state();

	await suite.check(
		'directory-report: one output item per non-deleted account, each with its department path',
		() => {
			assert(unchanged(before.accounts, state.accounts), 'the report changed accounts');
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
				assertMatches(`item ${account.accountName}`, item, {
					email: `${account.accountName}@${state.domain}`,
					departmentPath: unitPath(state, account.unitId),
				});
			}
			const deleted = state.accounts.filter((a) => a.status === 2).map((a) => a.accountName);
			return `${items.length} items (left out, soft-deleted: ${deleted.join(', ')})`;
		},
	);
	await suite.check(
		'directory-report: Convert to File produced directory.csv (text/csv) with a row per account',
		async () => {
			const listed = nodeItems(run.json, 'List every account').length;
			const [file, ...more] = nodeItems(run.json, 'Directory as CSV');
			assert(
				file && more.length === 0,
				`Directory as CSV output ${more.length + (file ? 1 : 0)} items, expected 1`,
			);
			const binary = file.binary?.data;
			assertMatches('binary.data', binary as Record<string, unknown> | undefined, {
				fileName: 'directory.csv',
				mimeType: 'text/csv',
				fileExtension: 'csv',
			});
			assert(binary!.id, 'binary.data has no id (stored where?)');
			// Binary data mode "filesystem-v2": <user folder>/.n8n/storage/<id after the prefix>.
			const stored = path.join(
				suite.n8n.userFolder,
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
	await suite.check(
		'token expiry mid-execution (paged list): -301 answered, renewed, no call failed otherwise',
		() => {
			const expiries = businessAnswered(run.calls, -301);
			assert(expiries.length >= 1, 'the sandbox answered no -301 during the report');
			const failed = failedBusinessCalls(run.calls, -301);
			assert(failed.length === 0, `${failed.length} other failures`);
			const pages = run.calls.filter(
				(c) => c.path === '/api/open/unit/getAccountList' && c.code === 0,
			).length;
			return `${expiries.length} × -301, ${run.calls.filter(isTokenCall).length} token calls, ${pages} account pages`;
		},
	);
	await suite.checkStoredToken(
		'token expiry mid-execution (paged list): n8n stored the last token used',
		run,
	);
}
