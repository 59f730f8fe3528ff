import type { IDataObject } from 'n8n-workflow';

import { ACCOUNT_STATUS } from '../../../shared/directory/accounts';
import type { Department } from '../../../shared/directory/departments';
import type { AddressBookSnapshot } from '../addressBookSnapshot';
import { accountDepartmentPath, listOf } from '../addressBookSnapshot';
import type { Change } from '../../../shared/helpers/changes';
import { diff } from '../importPlan';
import type { HrRecord } from './hrRecords';

export type SyncAction = 'create' | 'update' | 'move' | 'suspend' | 'leave';

/** Where an account should be: an existing department, or a path still to be created. */
export interface WantedDepartment {
	/** `''` for the default department. */
	path: string;
	id?: string;
	/** Set when the department does not exist yet. */
	missing?: string[];
}

/** One account of the sync: what it needs (the plan), then what applying it did. */
export interface SyncEntry {
	itemIndex: number;
	action: SyncAction;
	/** None for accounts the HR list leaves out. */
	record?: HrRecord;
	/** The account as listed; none for creates. */
	account?: IDataObject;
	/** Listed, given, or chosen by the naming rule; unknown only for a create that failed early. */
	accountName?: string;
	department?: WantedDepartment;
	changes: Record<string, Change>;
	failure?: { message: string; fix: string };
	/** The writes applying it made, in order. */
	steps: Array<{ step: string; result: string }>;
}

/** The accounts the sync may touch: those of the Department Root and below, or all. */
export interface SyncScope {
	root?: Department;
	unitIds?: Set<string>;
}

export const ACTIVE = 0;
export const SUSPENDED = 1;

export function failEntry(entry: SyncEntry, message: string, fix: string): void {
	const where = entry.record?.source ?? entry.accountName;
	entry.failure ??= { message: where ? `${where}: ${message}` : message, fix };
}

export function unitIdOf(account: IDataObject): string {
	return String(account.unitId ?? listOf(account.unitList)[0] ?? '');
}

export function inScope(scope: SyncScope, account: IDataObject): boolean {
	return !scope.unitIds || scope.unitIds.has(unitIdOf(account));
}

const statusName = (account: IDataObject) => {
	const status = Number(account.status ?? ACTIVE);
	return ACCOUNT_STATUS[status] ?? `status ${status}`;
};

const placeName = (path: string) => path || 'the default department';

function wantedDepartment(
	entry: SyncEntry,
	names: string[] | undefined,
	snapshot: AddressBookSnapshot,
	scope: SyncScope,
): WantedDepartment | undefined {
	if (!names) {
		if (entry.action !== 'create') return undefined;
		const home = scope.root ?? snapshot.departments.get('default');
		return { path: scope.root?.path ?? '', id: home?.id };
	}
	const path = names.join('/');
	const root = scope.root?.path;
	if (root !== undefined && path !== root && !path.startsWith(`${root}/`)) {
		failEntry(
			entry,
			`the department ${path} is outside the Department Root ${root}`,
			'The sync places accounts only in the Department Root and below: give a path starting with it, or widen the root.',
		);
		return undefined;
	}
	const existing = snapshot.departments.byPath(names);
	return existing ? { path, id: existing.id } : { path, missing: names };
}

function planExisting(
	entry: SyncEntry,
	account: IDataObject,
	snapshot: AddressBookSnapshot,
	scope: SyncScope,
): void {
	const record = entry.record!;
	const email = `${entry.accountName}@${snapshot.domain}`;
	const current = accountDepartmentPath(snapshot, account);
	if (!inScope(scope, account)) {
		failEntry(
			entry,
			`${email} is in ${placeName(current)}, outside the Department Root ${scope.root!.path}`,
			'The sync never changes accounts outside the Department Root: widen the root, or take the record out of the HR list.',
		);
		return;
	}
	const status = Number(account.status ?? ACTIVE);
	if (status !== ACTIVE && status !== SUSPENDED) {
		failEntry(
			entry,
			`${email} is ${statusName(account)}`,
			'The sync does not bring back offboarded accounts: finish or undo the offboarding yourself, or take the record out of the HR list.',
		);
		return;
	}
	entry.department = wantedDepartment(entry, record.department, snapshot, scope);
	if (entry.failure) return;
	entry.changes = diff(
		{
			name: record.name,
			department: entry.department?.path,
			jobNumber: record.jobNumber,
			mobile: record.mobile,
			visibleInAddressBook: record.visible,
			status: ACCOUNT_STATUS[ACTIVE],
		},
		{
			name: String(account.name ?? ''),
			department: current,
			jobNumber: String(account.jobNumber ?? ''),
			mobile: String(account.mobile ?? ''),
			visibleInAddressBook: Number(account.visibleInAddr ?? 1) === 1,
			status: statusName(account),
		},
	);
	const changed = Object.keys(entry.changes);
	if (!changed.includes('department')) entry.department = undefined;
	entry.action =
		changed.length === 0 ? 'leave' : changed.join() === 'department' ? 'move' : 'update';
}

function planCreate(
	entry: SyncEntry,
	snapshot: AddressBookSnapshot,
	scope: SyncScope,
	defaultPassword: string | undefined,
): void {
	const record = entry.record!;
	entry.action = 'create';
	entry.accountName = record.address?.accountName;
	if (entry.accountName && snapshot.mailLists.has(entry.accountName)) {
		failEntry(
			entry,
			`${record.address!.email} is a mail list`,
			'Give the person another account name.',
		);
		return;
	}
	if (!record.name) {
		failEntry(entry, 'needs a name to create an account', 'Fill in the name (姓名) column.');
		return;
	}
	if (!record.password && !defaultPassword) {
		failEntry(
			entry,
			'needs a password to create an account',
			'Fill in the password column, or set Initial Password for New Accounts.',
		);
		return;
	}
	entry.department = wantedDepartment(entry, record.department, snapshot, scope);
	if (entry.failure) return;
	entry.changes = diff(
		{
			name: record.name,
			department: entry.department?.path || undefined,
			jobNumber: record.jobNumber,
			mobile: record.mobile,
			visibleInAddressBook: record.visible,
		},
		{},
	);
}

function planRecord(
	record: HrRecord,
	snapshot: AddressBookSnapshot,
	scope: SyncScope,
	byJobNumber: Map<string, IDataObject[]>,
	defaultPassword: string | undefined,
	claim: (account: IDataObject) => void,
): SyncEntry {
	const entry: SyncEntry = {
		itemIndex: record.itemIndex,
		action: 'leave',
		record,
		changes: {},
		steps: [],
	};
	const holders = record.jobNumber ? (byJobNumber.get(record.jobNumber) ?? []) : [];
	const named = record.address ? snapshot.accounts.get(record.address.accountName) : undefined;
	[...holders, named].forEach((account) => account && claim(account));
	const names = (accounts: IDataObject[]) => accounts.map((account) => account.accountName);
	if (record.address && record.address.domain !== snapshot.domain) {
		failEntry(
			entry,
			`${record.address.email} is not in ${snapshot.domain}`,
			'The sync works on the credential\'s default mail domain: give the account name without "@", or an address in it.',
		);
		return entry;
	}
	if (holders.length > 1) {
		failEntry(
			entry,
			`the job number ${record.jobNumber} is held by ${names(holders).join(', ')}`,
			'Give each of those accounts its own job number (Account → Update), then sync again.',
		);
		return entry;
	}
	const account = holders[0] ?? named;
	if (named && account !== named) {
		failEntry(
			entry,
			`the job number ${record.jobNumber} belongs to ${account!.accountName}, but the account name is ${named.accountName}`,
			'Correct the record: its job number and account name must be those of one person.',
		);
		return entry;
	}
	entry.accountName = account ? String(account.accountName) : undefined;
	if (account) planExisting(entry, account, snapshot, scope);
	else planCreate(entry, snapshot, scope, defaultPassword);
	return entry;
}

/** An account of the scope the HR list leaves out: suspended, unless it is not active anyway. */
function planLeftOut(account: IDataObject, itemIndex: number): SyncEntry {
	const active = Number(account.status ?? ACTIVE) === ACTIVE;
	return {
		itemIndex,
		action: active ? 'suspend' : 'leave',
		account,
		accountName: String(account.accountName),
		changes: active
			? { status: { from: ACCOUNT_STATUS[ACTIVE], to: ACCOUNT_STATUS[SUSPENDED] } }
			: {},
		steps: [],
	};
}

/**
 * Compares the full HR list with the address book, without writing: an entry per record (create,
 * update, move or leave, matched by job number first, then account name) and one per account of
 * the scope the list leaves out (suspend, or leave when it is not active). Entries that cannot be
 * applied fail here with their reason; the accounts they name are never suspended.
 */
export function planSync(
	records: HrRecord[],
	snapshot: AddressBookSnapshot,
	scope: SyncScope,
	defaultPassword: string | undefined,
	leftOutItemIndex: number,
): SyncEntry[] {
	const byJobNumber = new Map<string, IDataObject[]>();
	for (const account of snapshot.accounts.values()) {
		const jobNumber = String(account.jobNumber ?? '').trim();
		if (jobNumber) byJobNumber.set(jobNumber, [...(byJobNumber.get(jobNumber) ?? []), account]);
	}
	const claimed = new Set<IDataObject>();
	const claim = (account: IDataObject) => claimed.add(account);
	const entries = records.map((record) =>
		planRecord(record, snapshot, scope, byJobNumber, defaultPassword, claim),
	);
	for (const account of snapshot.accounts.values()) {
		if (inScope(scope, account) && !claimed.has(account))
			entries.push(planLeftOut(account, leftOutItemIndex));
	}
	return entries;
}

/** The accounts of the scope, as listed before the sync. */
export function scopedAccountCount(snapshot: AddressBookSnapshot, scope: SyncScope): number {
	return [...snapshot.accounts.values()].filter((account) => inScope(scope, account)).length;
}
