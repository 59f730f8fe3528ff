import type { IDataObject } from 'n8n-workflow';

import type { SyncAction, SyncEntry } from './syncPlan';

const DONE: Record<Exclude<SyncAction, 'leave'>, string> = {
	create: 'created',
	update: 'updated',
	move: 'moved',
	suspend: 'suspended',
};

const PLANNED: Record<Exclude<SyncAction, 'leave'>, string> = {
	create: 'wouldCreate',
	update: 'wouldUpdate',
	move: 'wouldMove',
	suspend: 'wouldSuspend',
};

function outcomeOf(entry: SyncEntry, dryRun: boolean): string {
	if (entry.failure) return 'failed';
	if (entry.action === 'leave') return 'unchanged';
	return (dryRun ? PLANNED : DONE)[entry.action];
}

/** One output item per account: the plan (current → wanted) and, applied, what came of it. */
export function syncOutput(entry: SyncEntry, domain: string, dryRun: boolean): IDataObject {
	const { record, account } = entry;
	const output: IDataObject = {
		action: entry.action,
		outcome: outcomeOf(entry, dryRun),
		changed: entry.steps.length > 0,
		email: entry.accountName ? `${entry.accountName}@${domain}` : null,
		accountName: entry.accountName ?? null,
		name: record?.name ?? account?.name ?? null,
		jobNumber: record?.jobNumber ?? account?.jobNumber ?? null,
		source: record?.source ?? null,
	};
	if (Object.keys(entry.changes).length) output.changes = entry.changes;
	if (entry.department?.missing) output.newDepartment = entry.department.path;
	if (entry.steps.length) output.steps = entry.steps;
	if (entry.failure)
		Object.assign(output, { error: entry.failure.message, fix: entry.failure.fix });
	return output;
}
