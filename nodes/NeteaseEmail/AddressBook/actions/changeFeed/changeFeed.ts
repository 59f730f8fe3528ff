import type { IDataObject } from 'n8n-workflow';

import { simplifyAccount } from '../../../shared/directory/accounts';
import { parentIdOf } from '../../../shared/directory/departments';
import { mapWithConcurrency } from '../../../shared/framework/concurrency';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest, organisationId, tryApiRequest } from '../../../shared/transport';

/** Revisions of one walk fetched at once: the platform has no batch call, one call per revision. */
const REVISIONS_IN_FLIGHT = 5;

/** The platform's "no such data" code: the revision is missing, e.g. expired from its history. */
const MISSING_REVISION = -4;

const OPS = new Set(['ADD', 'UPDATE', 'DELETE']);

export interface ChangeWalkOptions {
	itemIndex?: number;
	/** Default true; false adds the platform's record as `raw`. */
	simplify?: boolean;
}

/** The newest revision of the organisation's address book (0 when nothing changed yet). */
export async function latestRevision(context: ApiContext, itemIndex?: number): Promise<number> {
	const orgOpenId = await organisationId.call(context);
	const data = await apiRequest.call(context, 'changes.maxRevision', { orgOpenId }, { itemIndex });
	return Number(data?.revision ?? 0);
}

/** Upper-cased; anything unknown counts as an update, as NetEase's own SDK integration does. */
function normaliseOp(op: unknown): string {
	const upper = String(op ?? '').toUpperCase();
	return OPS.has(upper) ? upper : 'UPDATE';
}

function describeRecord(revision: number, record: IDataObject, simplify: boolean): IDataObject {
	const change: IDataObject = { revision, op: normaliseOp(record.op) };
	const account = record.account as IDataObject | undefined;
	const unit = record.unit as IDataObject | undefined;
	if (account) {
		Object.assign(
			change,
			{ kind: 'account' },
			simplifyAccount(account, String(record.domain ?? '')),
		);
	} else if (unit) {
		change.kind = 'department';
		change.department = {
			id: String(unit.unitId),
			name: String(unit.unitName ?? ''),
			parentId: parentIdOf(unit),
		};
	} else {
		change.kind = 'unknown';
	}
	if (!simplify || change.kind === 'unknown') change.raw = record;
	return change;
}

/**
 * The changes after `sinceRevision`, oldest first, at most `limit` of them (all when undefined):
 * one item per revision. A revision the platform no longer has gives `{revision, op: null,
 * missing: true}` rather than vanishing. A since-revision at or above the latest gives none.
 */
export async function readChanges(
	context: ApiContext,
	sinceRevision: number,
	limit: number | undefined,
	options: ChangeWalkOptions = {},
): Promise<IDataObject[]> {
	const latest = await latestRevision(context, options.itemIndex);
	const last = limit === undefined ? latest : Math.min(latest, sinceRevision + limit);
	return await readRevisions(context, sinceRevision, last, options);
}

/**
 * The changes of the revisions after `sinceRevision` up to `lastRevision`, oldest first, read
 * several at a time, as `readChanges` describes them; none when `lastRevision` is not after it.
 */
export async function readRevisions(
	context: ApiContext,
	sinceRevision: number,
	lastRevision: number,
	{ itemIndex, simplify = true }: ChangeWalkOptions = {},
): Promise<IDataObject[]> {
	if (lastRevision <= sinceRevision) return [];
	const orgOpenId = await organisationId.call(context);
	const revisions = Array.from(
		{ length: lastRevision - sinceRevision },
		(_, n) => sinceRevision + 1 + n,
	);
	const changes = await mapWithConcurrency(revisions, REVISIONS_IN_FLIGHT, async (revision) => {
		const answer = await tryApiRequest.call(
			context,
			'changes.revision',
			{ orgOpenId, revision },
			{ itemIndex },
		);
		if ('refusal' in answer) {
			if (answer.refusal.code === MISSING_REVISION) return { revision, op: null, missing: true };
			throw answer.refusal.error;
		}
		return describeRecord(revision, answer.data ?? {}, simplify);
	});
	return revisions.map((revision) => changes.get(revision)!);
}
