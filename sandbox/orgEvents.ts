import type { Runtime } from './runtime';
import type { Account, RevisionOp, Unit } from './state';
import { formatChinaTime } from './time';

export type OrgEventType = `ACCOUNT_${RevisionOp}` | `UNIT_${RevisionOp}`;

/** Appends a revision (§6.5) and pushes an `orgevent` if a URL is subscribed. */
export function accountChanged(rt: Runtime, op: RevisionOp, account: Account): void {
	const record = rt.state.appendRevision(op, account);
	sendOrgEvent(rt, `ACCOUNT_${op}`, { revision: record.revision, account: record.account });
}

/**
 * Appends a revision `{domain, revision, op, orgOpenId, unit}` and pushes an `orgevent`.
 * Sandbox choice (inferred): the reference (§6.5) documents only account records in the feed and
 * does not say whether unit changes enter it; here they do, with `unit` instead of `account`.
 */
export function unitChanged(rt: Runtime, op: RevisionOp, unit: Unit): void {
	const record = rt.state.appendUnitRevision(op, unit);
	sendOrgEvent(rt, `UNIT_${op}`, { revision: record.revision, unit: record.unit });
}

function sendOrgEvent(
	rt: Runtime,
	eventType: OrgEventType,
	details: Record<string, unknown>,
): void {
	const url = rt.state.subscriptions.orgevent;
	if (!url) return;
	const { orgOpenId, domain } = rt.state;
	rt.push.send('orgevent', url, {
		eventType,
		orgOpenId,
		domain,
		...details,
		time: formatChinaTime(rt.now()),
	});
}
