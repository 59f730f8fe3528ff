/**
 * Step 4: bulk-import of new-hires.csv with the token expiring every few calls inside the
 * execution (renewed along the way, every account created once), then again (everything exists:
 * nothing is sent but the account list).
 */
import type { ExampleWorkflow } from '../../lib/examples';
import { readNewHires } from '../fixtures';
import { accountNamed, hasPassword, unchanged, unitPath } from '../org-state';
import {
	businessAnswered,
	failedBusinessCalls,
	isBusiness,
	isTokenCall,
	listCalls,
	tokenOf,
} from '../platform-calls';
import type { RunItem } from '../report';
import { assert, assertMatches, nodeItems, oneLine } from '../report';
import type { Suite } from '../suite';

/** Business calls an access token authorises during the bulk import (200 creates + look-ups). */
const BULK_TOKEN_CALLS = 40;
/** Platform rate limit (calls per second) for the bulk import into a fresh organisation. */
const RATE_LIMIT = 100;

type Row = Record<string, string>;

/** One item per row, in order, none an error item, each with the expected fields. */
function assertItemPerRow(
	items: RunItem[],
	rows: Row[],
	expected: (row: Row) => Record<string, unknown>,
): void {
	assert(items.length === rows.length, `${items.length} items for ${rows.length} rows`);
	items.forEach(({ json }, i) => {
		assert(
			json.error === undefined,
			`item ${i} failed: ${oneLine(JSON.stringify(json.error ?? null), 150)}`,
		);
		assertMatches(`item ${i}`, json, expected(rows[i]));
	});
}

export async function bulkImport(suite: Suite, workflow: ExampleWorkflow): Promise<void> {
	const rows = await readNewHires();
	const before = suite.state();
	const run = await suite.executeUnder(
		{ tokenExpiresAfterCalls: BULK_TOKEN_CALLS },
		`bulk-import of ${rows.length} CSV rows, access token expiring every ${BULK_TOKEN_CALLS} calls`,
		workflow.id,
	);
	const after = suite.state();

	await suite.check(
		`bulk-import: ${rows.length} output items, one per CSV row in order, all created, no error item`,
		() => {
			assert(
				rows.length === 200,
				`new-hires.csv has ${rows.length} rows; the example describes 200`,
			);
			const items = nodeItems(run.json, 'Create accounts');
			assertItemPerRow(items, rows, (row) => ({
				created: true,
				accountName: row.accountName,
				departmentPath: row.departmentPath,
				jobNumber: row.jobNumber,
			}));
			return `${items.length} × created true`;
		},
	);
	await suite.check(
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
				assertMatches(`account ${row.accountName}`, account, {
					name: row.name,
					jobNumber: row.jobNumber,
					mobile: row.mobile,
					status: 0,
					passChangeFirstLogin: 1,
				});
				const where = unitPath(after, account.unitId);
				assert(
					where === row.departmentPath,
					`${row.accountName} is in ${where}, the CSV says ${row.departmentPath}`,
				);
				assert(
					hasPassword(account, row.initialPassword),
					`${row.accountName} does not have the CSV's initial password`,
				);
			}
			assert(after.units.length === before.units.length, 'departments were added');
			return `${imported.length} accounts over ${new Set(rows.map((r) => r.departmentPath)).size} departments`;
		},
	);
	await suite.check(
		`token expiry mid-execution (bulk-import): renewed along the way, every account created exactly once`,
		() => {
			const expiries = businessAnswered(run.calls, -301);
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
			const failed = failedBusinessCalls(run.calls, -301);
			assert(failed.length === 0, `${failed.length} other failures: ${listCalls(failed, 3)}`);
			const tokens = new Set(run.calls.filter((c) => isBusiness(c) && c.code === 0).map(tokenOf));
			assert(
				tokens.size >= 2,
				`only ${tokens.size} token(s) used successfully: no renewal inside the execution`,
			);
			const renewals = run.calls.filter(isTokenCall);
			return `${expiries.length} × -301, ${renewals.length} token calls, ${tokens.size} tokens used, ${creates.length} createAccount calls for ${rows.length} rows`;
		},
	);
	await suite.checkStoredToken(
		'token expiry mid-execution (bulk-import): n8n stored the last token used',
		run,
	);

	const rerun = await suite.execute('bulk-import re-run (every account exists)', workflow.id);
	const again = suite.state();
	await suite.check(
		`bulk-import re-run: ${rows.length} items created false, nothing sent but the account list`,
		() => {
			const items = nodeItems(rerun.json, 'Create accounts');
			assertItemPerRow(items, rows, (row) => ({
				created: false,
				accountName: row.accountName,
				departmentPath: row.departmentPath,
			}));
			assert(unchanged(after.accounts, again.accounts), 'the accounts changed');
			const creates = rerun.calls.filter((c) => c.path === '/api/open/account/createAccount');
			assert(creates.length === 0, `${creates.length} createAccount calls for existing accounts`);
			return `${items.length} × created false, ${rerun.calls.length} platform calls (${listCalls(rerun.calls, 3)})`;
		},
	);
}

/**
 * Step 8: the bulk import into a fresh organisation (the sandbox reset to its demo seed), the
 * platform limited to 100 calls/s: the -422s are waited out, every account created exactly once.
 */
export async function bulkImportRateLimited(
	suite: Suite,
	workflow: ExampleWorkflow,
): Promise<void> {
	const rows = await readNewHires();
	suite.sandbox.control.reset('demo');
	const run = await suite.executeUnder(
		{ callsPerSecond: RATE_LIMIT },
		`bulk-import into a fresh organisation, platform limited to ${RATE_LIMIT} calls/s`,
		workflow.id,
	);
	await suite.check(
		`bulk-import at ${RATE_LIMIT} calls/s: ${rows.length} items created true, each account created once, rate limit absorbed`,
		() => {
			const limited = run.calls.filter((c) => c.code === -422).length;
			assert(limited > 0, `the sandbox rate-limited no call (${run.calls.length} calls)`);
			const failed = failedBusinessCalls(run.calls, -422);
			assert(failed.length === 0, `${failed.length} unexpected failures: ${listCalls(failed, 3)}`);
			assertItemPerRow(nodeItems(run.json, 'Create accounts'), rows, (row) => ({
				created: true,
				accountName: row.accountName,
			}));
			const created = run.calls.filter(
				(c) => c.path === '/api/open/account/createAccount' && c.code === 0,
			);
			assert(created.length === rows.length, `${created.length} accounts created`);
			const seconds = run.result.durationMs / 1000;
			return `${limited} calls answered -422 and retried, ${(run.calls.length / seconds).toFixed(1)} calls/s`;
		},
	);
}
