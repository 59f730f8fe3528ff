import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

/** What one revision of the address book means, as the trigger's Events name it. */
export const EVENTS: INodePropertyOptions[] = [
	{
		name: 'Account Created',
		value: 'accountCreated',
		description: 'An account was added',
	},
	{
		name: 'Account Deleted',
		value: 'accountDeleted',
		description: 'An account was deleted, for good or into the recycle bin (status deleted)',
	},
	{
		name: 'Account Suspended',
		value: 'accountSuspended',
		description: 'An account was changed and is now suspended',
	},
	{
		name: 'Account Updated',
		value: 'accountUpdated',
		description: 'Any other change of an account: details, department, aliases, resumed…',
	},
	{
		name: 'Department Changed',
		value: 'departmentChanged',
		description: 'A department was renamed, moved or re-ranked',
	},
	{
		name: 'Department Created',
		value: 'departmentCreated',
	},
	{
		name: 'Department Deleted',
		value: 'departmentDeleted',
	},
	{
		name: 'Missing Revisions',
		value: 'revisionMissing',
		description:
			'A revision the platform no longer has (e.g. expired from its history): what changed there is unknown',
	},
	{
		name: 'Other Changes',
		value: 'otherChange',
		description: 'A revision with neither an account nor a department, emitted with the raw record',
	},
];

export const ALL_EVENTS = EVENTS.map(({ value }) => String(value));

const DEPARTMENT_EVENTS: Record<string, string> = {
	ADD: 'departmentCreated',
	DELETE: 'departmentDeleted',
	UPDATE: 'departmentChanged',
};

/**
 * The event of one Change Feed item. The feed carries the account as it is after the change, not
 * what changed, so an UPDATE leaving the account suspended (status 1) counts as a suspension and
 * one leaving it deleted (status 2, the recycle bin) as a deletion.
 */
export function eventOf(change: IDataObject): string {
	if (change.missing) return 'revisionMissing';
	if (change.kind === 'department') return DEPARTMENT_EVENTS[String(change.op)];
	if (change.kind !== 'account') return 'otherChange';
	if (change.op === 'ADD') return 'accountCreated';
	if (change.op === 'DELETE' || change.status === 'deleted') return 'accountDeleted';
	if (change.status === 'suspended') return 'accountSuspended';
	return 'accountUpdated';
}
