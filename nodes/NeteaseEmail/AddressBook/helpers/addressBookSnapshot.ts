import type { IDataObject } from 'n8n-workflow';

import type { DepartmentDirectory } from '../../shared/directory/departments';
import { forgetDepartments, getDepartments } from '../../shared/directory/departments';
import type { ApiContext } from '../../shared/transport';
import { apiRequestAllItems } from '../../shared/transport';
import { LIST_SEPARATOR } from './directoryRows';

/** The organisation's address book of one domain as it is now: departments, accounts, mail lists. */
export interface AddressBookSnapshot {
	domain: string;
	departments: DepartmentDirectory;
	/** Listed accounts (not deleted ones) by account name. */
	accounts: Map<string, IDataObject>;
	/** Mail lists by account name; empty when they were not asked for. */
	mailLists: Map<string, IDataObject>;
}

export async function loadAddressBook(
	this: ApiContext,
	domain: string,
	itemIndex: number,
	withMailLists: boolean,
): Promise<AddressBookSnapshot> {
	forgetDepartments.call(this, domain);
	const [departments, accounts, mailLists] = await Promise.all([
		getDepartments.call(this, domain, itemIndex),
		apiRequestAllItems.call(this, 'unit.accounts', { domain, recursion: true }, { itemIndex }),
		withMailLists
			? apiRequestAllItems.call(this, 'mailList.list', { domain }, { itemIndex })
			: Promise.resolve([]),
	]);
	const byName = (records: IDataObject[]) =>
		new Map(records.map((record) => [String(record.accountName), record]));
	return { domain, departments, accounts: byName(accounts), mailLists: byName(mailLists) };
}

/** A list field the platform may send as an array or as a comma-separated string. */
export function listOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	return typeof value === 'string' && value ? value.split(',').map((part) => part.trim()) : [];
}

/** The department path of an account, `''` for the default department. */
export function accountDepartmentPath(snapshot: AddressBookSnapshot, account: IDataObject): string {
	const unitId = account.unitId ?? listOf(account.unitList)[0];
	const department = unitId === undefined ? undefined : snapshot.departments.get(String(unitId));
	return !department || department.isDefault ? '' : department.path;
}

/** The snapshot as rows in the columns Import reads, departments first (parents before children). */
export function snapshotRows(
	snapshot: AddressBookSnapshot,
	include: { departments: boolean; accounts: boolean; mailLists: boolean },
): IDataObject[] {
	const rows: IDataObject[] = [];
	if (include.departments) {
		for (const department of snapshot.departments.all()) {
			if (department.isDefault) continue;
			rows.push({
				type: 'department',
				department: department.path,
				description: department.description,
			});
		}
	}
	if (include.accounts) {
		for (const account of snapshot.accounts.values()) {
			rows.push({
				type: 'account',
				accountName: String(account.accountName),
				name: String(account.name ?? ''),
				department: accountDepartmentPath(snapshot, account),
				jobNumber: String(account.jobNumber ?? ''),
				mobile: String(account.mobile ?? ''),
				visibleInAddressBook: Number(account.visibleInAddr ?? 1) === 1,
			});
		}
	}
	if (include.mailLists) {
		for (const list of snapshot.mailLists.values()) {
			const paths = listOf(list.memberUnits).map((id) => snapshot.departments.get(id)?.path ?? id);
			rows.push({
				type: 'mailList',
				accountName: String(list.accountName),
				name: String(list.name ?? ''),
				visibleInAddressBook: Number(list.visibleInAddr ?? 1) === 1,
				members: listOf(list.members).join(LIST_SEPARATOR),
				memberDepartments: paths.join(LIST_SEPARATOR),
			});
		}
	}
	return rows;
}
