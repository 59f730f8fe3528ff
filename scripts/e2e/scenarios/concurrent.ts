/**
 * Step 6: two executions at once (two n8n processes on the same database) sharing the credential
 * whose stored token has expired: both renew (one may reuse the other's new token), neither fails.
 */
import type { ExampleWorkflow } from '../../lib/examples';
import { unchanged } from '../org-state';
import { businessAnswered, failedBusinessCalls, isTokenCall, listCalls } from '../platform-calls';
import { asExecution, assert, executionFailure, nodeItems, singleJson } from '../report';
import type { Suite } from '../suite';

export async function concurrentExecutions(
	suite: Suite,
	onboarding: ExampleWorkflow,
	report: ExampleWorkflow,
): Promise<void> {
	const other = await suite.newSession();
	const before = suite.state();
	const fromSeq = suite.lastSeq();
	// Tokens expire (by time, as on the platform) while no execution runs: both executions start
	// with the expired stored token and renew at about the same moment. (Tokens that also expire
	// after a few calls would be used up by the other process as well, which the node's two
	// renewals per call are not meant to absorb.)
	suite.sandbox.control.expireAccessTokens(-301);
	const labels = ['hr-onboarding', 'directory-report'];
	const results = await Promise.all([
		suite.executeUnchecked(`concurrent ${labels[0]}`, onboarding.id),
		suite.executeUnchecked(`concurrent ${labels[1]}`, report.id, other),
	]);
	const calls = suite.callsSince(fromSeq);
	const after = suite.state();
	await suite.check(
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
			assert(unchanged(before.accounts, after.accounts), 'accounts changed');
			assert(unchanged(before.units, after.units), 'departments changed');
			const failed = failedBusinessCalls(calls, -301, -3);
			assert(failed.length === 0, `${failed.length} unexpected failures: ${listCalls(failed, 3)}`);
			const expiries = businessAnswered(calls, -301).length;
			assert(expiries > 0, 'no call answered -301: the expired token was not used');
			const renewals = calls.filter(isTokenCall).length;
			return `${(Math.max(...results.map((r) => r.durationMs)) / 1000).toFixed(1)} s, ${expiries} × -301, ${renewals} token calls, ${listed} accounts listed`;
		},
	);
}
