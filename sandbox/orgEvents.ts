import type { Runtime } from './runtime';
import type { Account, RevisionOp, Unit } from './state';
import { formatChinaTime } from './time';

export type OrgEventType = `ACCOUNT_${RevisionOp}` | `UNIT_${RevisionOp}`;

/** Appends a revision (§6.5) and pushes an `orgevent` if a URL is subscribed. */
export function accountChanged(rt: Runtime, op: RevisionOp, account: Account): void {
	const record = rt.state.appendRevision(op, account);
	sendOrgEvent(rt, `ACCOUNT_${op}`, { revision: record.revision, account: record.account });
}

/** Unit changes push an `orgevent` but add no revision (the revision feed carries accounts). */
export function unitChanged(rt: Runtime, op: RevisionOp, unit: Unit): void {
	sendOrgEvent(rt, `UNIT_${op}`, { unit: rt.state.unitView(unit) });
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
