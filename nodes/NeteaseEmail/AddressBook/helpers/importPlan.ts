import type { IDataObject } from 'n8n-workflow';

import type { Change } from '../../shared/helpers/changes';
import { changesOf } from '../../shared/helpers/changes';

import type { AddressBookSnapshot } from './addressBookSnapshot';
import { accountDepartmentPath, listOf } from './addressBookSnapshot';
import type {
	AccountRow,
	DepartmentRow,
	DirectoryRow,
	MailListRow,
	RowProblem,
} from './directoryRows';
import { rowContent, rowKey } from './directoryRows';

/** One row on its way through an import: what it asks for, what it needs, what came of it. */
export interface RowState {
	itemIndex: number;
	source: string;
	row?: DirectoryRow;
	/** Why the row cannot be (or was not) applied; a failed row sends nothing more. */
	failure?: { message: string; fix: string };
	action?: 'create' | 'update' | 'none';
	changes?: Record<string, Change>;
	/** Set once a write for the row took effect. */
	applied?: boolean;
}

export function fail(state: RowState, message: string, fix: string): void {
	state.failure ??= { message: `${state.source}: ${message}`, fix };
}

export function fromProblem(itemIndex: number, problem: RowProblem): RowState {
	return {
		itemIndex,
		source: problem.source,
		failure: { message: problem.message, fix: problem.fix },
	};
}

/** Rows about the same thing: repeats of an earlier row fail, rows that disagree all fail. */
function markDuplicates(states: RowState[]): void {
	const groups = new Map<string, RowState[]>();
	for (const state of states) {
		if (!state.row || state.failure) continue;
		const key = rowKey(state.row);
		groups.set(key, [...(groups.get(key) ?? []), state]);
	}
	for (const group of groups.values()) {
		if (group.length < 2) continue;
		const [first, ...rest] = group;
		const agree = rest.every((state) => rowContent(state.row!) === rowContent(first.row!));
		const others = (state: RowState) =>
			group
				.filter((other) => other !== state)
				.map((other) => other.source)
				.join(', ');
		if (agree) {
			for (const state of rest)
				fail(
					state,
					`repeats ${first.source}`,
					'Remove the repeated row; the first one is applied.',
				);
			continue;
		}
		for (const state of group) {
			fail(
				state,
				`contradicts ${others(state)}`,
				'Keep one row per account, department or mail list, with the values you want.',
			);
		}
	}
}

/** The fields of `wanted` that differ from `current`, current → wanted; undefined ones are left alone. */
export function diff(
	wanted: Record<string, unknown>,
	current: Record<string, unknown>,
): Record<string, Change> {
	return changesOf(current, wanted);
}

const sorted = (values: string[]) => [...values].sort();

function planDepartment(state: RowState, row: DepartmentRow, snapshot: AddressBookSnapshot): void {
	const existing = snapshot.departments.byPath(row.path);
	if (!existing) {
		state.action = 'create';
		state.changes = diff({ path: row.path.join('/'), description: row.description }, {});
		return;
	}
	state.changes = diff({ description: row.description }, { description: existing.description });
	state.action = Object.keys(state.changes).length ? 'update' : 'none';
}

function accountFields(row: AccountRow): Record<string, unknown> {
	return {
		name: row.name,
		department: row.department?.join('/'),
		jobNumber: row.jobNumber,
		mobile: row.mobile,
		visibleInAddressBook: row.visible,
	};
}

function planAccount(
	state: RowState,
	row: AccountRow,
	snapshot: AddressBookSnapshot,
	defaultPassword: string | undefined,
): void {
	const name = row.address.accountName;
	if (snapshot.mailLists.has(name)) {
		fail(
			state,
			`${row.address.email} is a mail list`,
			'Use another account name, or a mailList row for the list.',
		);
		return;
	}
	const existing = snapshot.accounts.get(name);
	if (!existing) {
		if (!row.name)
			fail(
				state,
				`account ${row.address.email} needs a name to be created`,
				'Fill in the name column.',
			);
		else if (!row.password && !defaultPassword) {
			fail(
				state,
				`account ${row.address.email} needs a password to be created`,
				'Fill in the password column, or set Initial Password for New Accounts.',
			);
		}
		state.action = 'create';
		state.changes = diff(accountFields(row), {});
		return;
	}
	const current: IDataObject = {
		name: existing.name ?? '',
		department: accountDepartmentPath(snapshot, existing),
		jobNumber: existing.jobNumber ?? '',
		mobile: existing.mobile ?? '',
		visibleInAddressBook: Number(existing.visibleInAddr ?? 1) === 1,
	};
	state.changes = diff(accountFields(row), current);
	state.action = Object.keys(state.changes).length ? 'update' : 'none';
}

function planMailList(
	state: RowState,
	row: MailListRow,
	snapshot: AddressBookSnapshot,
	accountRows: Set<string>,
): void {
	const name = row.address.accountName;
	if (snapshot.accounts.has(name) || accountRows.has(name)) {
		fail(
			state,
			`${row.address.email} is also an account`,
			'A mail list needs an address no account has.',
		);
		return;
	}
	const existing = snapshot.mailLists.get(name);
	const wanted = {
		name: row.name,
		visibleInAddressBook: row.visible,
		members: row.members && sorted(row.members),
		memberDepartments:
			row.memberDepartments && sorted(row.memberDepartments.map((path) => path.join('/'))),
	};
	if (!existing) {
		if (!row.name)
			fail(
				state,
				`mail list ${row.address.email} needs a name to be created`,
				'Fill in the name column.',
			);
		state.action = 'create';
		state.changes = diff(wanted, {});
		return;
	}
	const current = {
		name: existing.name ?? '',
		visibleInAddressBook: Number(existing.visibleInAddr ?? 1) === 1,
		members: sorted(listOf(existing.members).map((member) => member.toLowerCase())),
		memberDepartments: sorted(
			listOf(existing.memberUnits).map((id) => snapshot.departments.get(id)?.path ?? id),
		),
	};
	state.changes = diff(wanted, current);
	state.action = Object.keys(state.changes).length ? 'update' : 'none';
}

/** Mail list members and member departments must exist, or be created by this import. */
function checkReferences(states: RowState[], snapshot: AddressBookSnapshot): void {
	const live = states.filter((state) => state.row && !state.failure);
	const newAddresses = new Set(
		live
			.filter((state) => state.row!.type !== 'department')
			.map((state) => (state.row as AccountRow).address.email),
	);
	const newPaths = new Set<string>();
	for (const { row } of live) {
		if (row!.type === 'department')
			row!.path.forEach((_, depth) => newPaths.add(row!.path.slice(0, depth + 1).join('/')));
		if (row!.type === 'account' && row!.department)
			row!.department.forEach((_, depth) =>
				newPaths.add(row!.department!.slice(0, depth + 1).join('/')),
			);
	}
	const domainSuffix = `@${snapshot.domain}`;
	for (const state of live) {
		const row = state.row!;
		if (row.type !== 'mailList') continue;
		const missingMember = row.members?.find((member) => {
			if (!member.endsWith(domainSuffix) || newAddresses.has(member)) return false;
			const local = member.slice(0, -domainSuffix.length);
			return !snapshot.accounts.has(local) && !snapshot.mailLists.has(local);
		});
		if (missingMember) {
			fail(
				state,
				`member ${missingMember} is not an account or mail list of ${snapshot.domain}`,
				'Create it first (add an account row), or remove it from the members.',
			);
		}
		const missingPath = row.memberDepartments?.find(
			(path) => !snapshot.departments.byPath(path) && !newPaths.has(path.join('/')),
		);
		if (missingPath) {
			fail(
				state,
				`member department ${missingPath.join('/')} does not exist`,
				'Add a department row for it, or correct the path.',
			);
		}
	}
}

/**
 * Decides, without writing, what each row needs: create, update (with the changes, current →
 * wanted) or nothing; rows that cannot be applied fail here with their reason.
 */
export function planImport(
	states: RowState[],
	snapshot: AddressBookSnapshot,
	defaultPassword: string | undefined,
): void {
	markDuplicates(states);
	for (const state of states) {
		const { row } = state;
		if (!row || state.failure) continue;
		if (row.type !== 'department' && row.address.domain !== snapshot.domain) {
			fail(
				state,
				`${row.address.email} is not in ${snapshot.domain}`,
				'Import works on the credential\'s default mail domain; use an address in it, or just the name before "@".',
			);
		}
	}
	const accountRows = new Set(
		states
			.filter((state) => state.row?.type === 'account' && !state.failure)
			.map((state) => (state.row as AccountRow).address.accountName),
	);
	for (const state of states) {
		const { row } = state;
		if (!row || state.failure) continue;
		if (row.type === 'department') planDepartment(state, row, snapshot);
		else if (row.type === 'account') planAccount(state, row, snapshot, defaultPassword);
		else planMailList(state, row, snapshot, accountRows);
	}
	checkReferences(states, snapshot);
}
