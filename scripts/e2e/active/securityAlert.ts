/**
 * security-alert: forwarding set through the platform API — wang.fang to a private address outside
 * the organisation, li.na to a colleague — gives exactly one alert, naming wang.fang and the
 * external address; the internal forward gives none.
 */
import { assert } from '../report';
import type { ActiveCase } from './context';
import { assertAllSucceeded, reactions, until } from './context';
import { allItems } from './executions';

const EXTERNAL = { accountName: 'wang.fang', target: 'wang.fang.private@gmail.example' };
const INTERNAL = { accountName: 'li.na', target: 'zhang.wei' };

export function securityAlertCase(): ActiveCase {
	return {
		example: 'security-alert',

		async cause(ctx) {
			await ctx.driver.call('/api/open/mailaccount/updateForward', {
				accountName: EXTERNAL.accountName,
				enabled: 1,
				addresses: EXTERNAL.target,
				keepCopy: 1,
			});
			await ctx.driver.call('/api/open/mailaccount/updateForward', {
				accountName: INTERNAL.accountName,
				enabled: 1,
				addresses: `${INTERNAL.target}@${ctx.domain}`,
				keepCopy: 1,
			});
		},

		async verify(ctx) {
			const account = `${EXTERNAL.accountName}@${ctx.domain}`;
			await ctx.suite.check(
				`security-alert: forwarding ${EXTERNAL.accountName} → ${EXTERNAL.target} gives one alert naming both; ${INTERNAL.accountName} → ${INTERNAL.target}@ gives none`,
				async () => {
					const done = await reactions(
						ctx,
						'security-alert',
						'both forwarding changes emitted',
						(runs) => allItems(runs, 'Forwarding changed').length >= 2,
					);
					assertAllSucceeded(done);
					const changes = allItems(done, 'Forwarding changed').map((item) => item.json);
					assert(changes.length === 2, `the trigger emitted ${changes.length} changes`);
					const [alert] = await until('the alert', () => {
						const alerts = ctx.catcher.alerts();
						return alerts.length > 0 ? alerts : undefined;
					});
					assert(ctx.catcher.alerts().length === 1, `${ctx.catcher.alerts().length} alerts`);
					assert(alert.account === account, `the alert names ${String(alert.account)}`);
					assert(
						JSON.stringify(alert.externalTargets) === JSON.stringify([EXTERNAL.target]),
						`externalTargets ${JSON.stringify(alert.externalTargets)}`,
					);
					const now = alert.forwardingNow as { forwardTo?: string[] } | null;
					assert(
						now?.forwardTo?.includes(EXTERNAL.target),
						`forwardingNow ${JSON.stringify(now)} does not show the target`,
					);
					const internal = changes.find((change) => change.account === INTERNAL.accountName);
					assert(
						internal?.hasExternalTarget === false,
						`${INTERNAL.accountName}: ${JSON.stringify(internal)}`,
					);
					return `1 alert {account: ${account}, externalTargets: [${EXTERNAL.target}], changedBy: ${String(alert.changedBy)}}`;
				},
			);
		},
	};
}
