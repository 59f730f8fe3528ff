/**
 * Step 9 (E2E_STRESS=0 skips it): the platform rate-limiting token calls.
 * 1. The stored token expired and the first renewal answered -422 (refresh, then acquire, once
 *    each): the run backs off and renews again, as it does for business calls.
 * 2. The bulk import into a fresh organisation (the sandbox reset to its demo seed) at 20 calls/s
 *    with tokens expiring every 10 calls: renewals meet the limit; the run keeps to about the
 *    platform's rate and every account is created once.
 */
import type { ExampleWorkflow } from '../../lib/examples';
import { readNewHires } from '../fixtures';
import { isTokenCall } from '../platform-calls';
import { assert, nodeItems, oneLine } from '../report';
import type { Suite } from '../suite';

/** Rate limit, token lifetime (in calls) and time allowed for the bulk import. */
const STRESS = { perSecond: 20, tokenCalls: 10, maxSeconds: 120 };

export async function stress(
	suite: Suite,
	bulk: ExampleWorkflow,
	report: ExampleWorkflow,
): Promise<void> {
	const { control } = suite.sandbox;
	control.expireAccessTokens(-301);
	control.injectFault([
		{ path: '/api/pub/token/refresh', kind: 'code', code: -422 },
		{ path: '/api/pub/token/acquireToken', kind: 'code', code: -422 },
	]);
	const renewal = await suite.execute(
		'stress: directory-report, stored token expired, renewal answered -422 once',
		report.id,
	);
	control.clearFaults();
	await suite.check(
		'stress: a rate-limited renewal is retried, not reported as a credential error',
		() => {
			const limited = renewal.calls.filter((c) => isTokenCall(c) && c.code === -422).length;
			assert(limited > 0, 'no token call was answered -422');
			nodeItems(renewal.json, 'List every account');
			return `${limited} token calls answered -422, then renewed`;
		},
	);

	const rows = await readNewHires();
	control.reset('demo');
	const session = await suite.newSession(STRESS.maxSeconds * 1000);
	const run = await suite.executeUnder(
		{ callsPerSecond: STRESS.perSecond, tokenExpiresAfterCalls: STRESS.tokenCalls },
		`stress: bulk-import into a fresh organisation, ${STRESS.perSecond} calls/s, token expiring every ${STRESS.tokenCalls} calls`,
		bulk.id,
		session,
	);
	await suite.check(`stress: bulk-import, every item created within ${STRESS.maxSeconds} s`, () => {
		const items = nodeItems(run.json, 'Create accounts');
		const failed = items.filter(({ json }) => json.error !== undefined || json.created !== true);
		const limitedTokenCalls = run.calls.filter((c) => isTokenCall(c) && c.code === -422).length;
		assert(
			failed.length === 0,
			`${failed.length} of ${items.length} items failed (${limitedTokenCalls} token calls answered -422), e.g. ${oneLine(failed[0]?.json.error, 200)}`,
		);
		assert(items.length === rows.length, `${items.length} items for ${rows.length} rows`);
		const seconds = run.result.durationMs / 1000;
		return `${items.length} items, ${seconds.toFixed(1)} s, ${(run.calls.length / seconds).toFixed(1)} calls/s`;
	});
}
