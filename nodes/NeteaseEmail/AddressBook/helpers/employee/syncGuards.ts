import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Department, DepartmentDirectory } from '../../../shared/directory/departments';
import type { SyncEntry, SyncScope } from './syncPlan';

/** Stops before any write when the plan suspends more of the scope than the user allows. */
export function checkSafetyLimit(
	this: IExecuteFunctions,
	entries: SyncEntry[],
	scoped: number,
	{ root, maxShareSuspended }: { root?: Department; maxShareSuspended: number },
	itemIndex: number,
): void {
	const suspends = entries.filter((entry) => entry.action === 'suspend' && !entry.failure).length;
	if (suspends === 0 || suspends * 100 <= maxShareSuspended * scoped) return;
	const share = Math.round((suspends * 1000) / scoped) / 10;
	const where = root ? `under ${root.path}` : 'of the organisation';
	throw new NodeOperationError(
		this.getNode(),
		`The sync would suspend ${suspends} of the ${scoped} accounts ${where} (${share} %), more than Max Share Suspended allows (${maxShareSuspended} %) [item ${itemIndex}]`,
		{
			itemIndex,
			description: `Nothing was changed. If the HR list is complete and they all left, raise Max Share Suspended to at least ${Math.ceil(share)}. Otherwise fix the HR list (is it the full list, and does the Department Root match it?) and check the plan with Dry Run on.`,
		},
	);
}

/** The sync needs every item: one left out would read as people who left. */
export function checkAllItemsRead(this: IExecuteFunctions, inputs: Map<number, unknown>): void {
	const total = this.getInputData().length;
	if (inputs.size === total) return;
	const missing = [...Array(total).keys()].filter((index) => !inputs.has(index));
	throw new NodeOperationError(
		this.getNode(),
		`Input ${missing.length === 1 ? 'item' : 'items'} ${missing.join(', ')} could not be read, so the HR list is not complete [item ${missing[0]}]`,
		{
			itemIndex: missing[0],
			description:
				'Nothing was sent: a sync from a partial list would suspend the people missing from it. Fix those items (see their errors) and run again.',
		},
	);
}

/** The Department Root as the address book has it now, with everything below it. */
export function scopeOf(
	this: IExecuteFunctions,
	root: Department | undefined,
	departments: DepartmentDirectory,
	itemIndex: number,
): SyncScope {
	if (!root) return {};
	const now = departments.get(root.id);
	if (!now) {
		throw new NodeOperationError(
			this.getNode(),
			`The Department Root ${root.path} no longer exists [item ${itemIndex}]`,
			{ itemIndex, description: 'Nothing was sent. Choose the Department Root again.' },
		);
	}
	const subtree = departments.subtree(now.id);
	return { root: now, unitIds: new Set(subtree.map((department) => department.id)) };
}
