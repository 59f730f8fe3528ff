import type { IDataObject } from 'n8n-workflow';

import { DELETED_STATUS, findAccount } from '../../shared/directory/accounts';
import { ensureDepartmentPath } from '../../shared/directory/departmentPaths';
import type { Department, DepartmentDirectory } from '../../shared/directory/departments';
import { forgetDepartments, getDepartments } from '../../shared/directory/departments';
import { mapWithConcurrency } from '../../shared/framework/concurrency';
import { PARALLEL_ITEMS } from '../../shared/framework/operation';
import type { ApiContext } from '../../shared/transport';
import { apiRequest, tryApiRequest } from '../../shared/transport';
import type { AddressBookSnapshot } from './addressBookSnapshot';
import { listOf } from './addressBookSnapshot';
import type { AccountRow, MailListRow } from './directoryRows';
import type { RowState } from './importPlan';
import { fail } from './importPlan';

export interface ImportSettings {
	password?: string;
	firstLoginChange: number;
}

interface Context {
	snapshot: AddressBookSnapshot;
	settings: ImportSettings;
	itemIndex: number;
	/** Paths of the departments this import created. */
	created: Set<string>;
	directory?: DepartmentDirectory;
}

const live = (states: RowState[]) => states.filter((state) => state.row && !state.failure);
const joined = (path: string[]) => path.join('/');
const depthFirst = (a: string, b: string) =>
	a.split('/').length - b.split('/').length || a.localeCompare(b);

function failWith(state: RowState, error: unknown): void {
	const { message, description } = error as { message: string; description?: string };
	fail(state, message, String(description ?? ''));
}

/** The department paths rows need that do not exist yet, with the rows needing each. */
function missingDepartments(
	states: RowState[],
	snapshot: AddressBookSnapshot,
): Map<string, RowState[]> {
	const needed = new Map<string, RowState[]>();
	const need = (path: string[] | undefined, state: RowState) => {
		if (!path?.length || snapshot.departments.byPath(path)) return;
		needed.set(joined(path), [...(needed.get(joined(path)) ?? []), state]);
	};
	for (const state of live(states)) {
		const row = state.row!;
		if (row.type === 'department') need(row.path, state);
		if (row.type === 'account' && state.action !== 'none') need(row.department, state);
		if (row.type === 'mailList' && state.action !== 'none')
			row.memberDepartments?.forEach((path) => need(path, state));
	}
	return needed;
}

async function createDepartments(
	this: ApiContext,
	states: RowState[],
	context: Context,
): Promise<void> {
	const needed = missingDepartments(states, context.snapshot);
	for (const path of [...needed.keys()].sort(depthFirst)) {
		try {
			const { createdPaths } = await ensureDepartmentPath.call(
				this,
				context.snapshot.domain,
				path.split('/'),
				context.itemIndex,
			);
			createdPaths.forEach((created) => context.created.add(created));
		} catch (error) {
			for (const state of needed.get(path)!) failWith(state, error);
		}
	}
	context.directory = await getDepartments.call(this, context.snapshot.domain, context.itemIndex);
}

async function updateDepartments(
	this: ApiContext,
	states: RowState[],
	context: Context,
): Promise<void> {
	const { domain } = context.snapshot;
	for (const state of live(states)) {
		const row = state.row!;
		if (row.type !== 'department') continue;
		if (state.action === 'create') state.applied = true;
		if (state.action !== 'update') continue;
		try {
			const department = context.directory!.byPath(row.path)!;
			const body = { domain, unitId: department.id, unitDesc: row.description };
			await apiRequest.call(this, 'unit.update', body, { itemIndex: context.itemIndex });
			state.applied = true;
		} catch (error) {
			failWith(state, error);
		}
	}
	forgetDepartments.call(this, domain);
}

function departmentOf(context: Context, path: string[]): Department {
	return path.length ? context.directory!.byPath(path)! : context.directory!.get('default')!;
}

async function createAccount(this: ApiContext, row: AccountRow, context: Context): Promise<void> {
	const { address } = row;
	const body: IDataObject = {
		domain: address.domain,
		accountName: address.accountName,
		name: row.name,
		password: row.password ?? context.settings.password,
		passType: 0,
		passChangeFirstLogin: context.settings.firstLoginChange,
		visibleInAddr: row.visible === false ? 0 : 1,
	};
	if (row.department?.length) body.unitId = departmentOf(context, row.department).id;
	if (row.jobNumber) body.jobNumber = row.jobNumber;
	if (row.mobile) body.bindMobile = row.mobile;
	const answer = await tryApiRequest.call(this, 'account.create', body, {
		itemIndex: context.itemIndex,
		// The plan saw no such account, so one that is there now (and not deleted) is this call's.
		verify: async () => {
			const account = await findAccount.call(this, address, context.itemIndex);
			return account && Number(account.status) !== DELETED_STATUS ? account : undefined;
		},
	});
	if ('refusal' in answer) throw answer.refusal.error;
}

async function updateAccount(this: ApiContext, state: RowState, context: Context): Promise<void> {
	const row = state.row as AccountRow;
	const changes = state.changes!;
	const target = { domain: row.address.domain, accountName: row.address.accountName };
	const fields: IDataObject = {};
	if (changes.name) fields.name = row.name;
	if (changes.jobNumber) fields.jobNumber = row.jobNumber;
	if (changes.mobile) fields.bindmobile = row.mobile;
	if (changes.visibleInAddressBook) fields.visibleInAddr = row.visible ? 1 : 0;
	const options = { itemIndex: context.itemIndex };
	if (Object.keys(fields).length)
		await apiRequest.call(this, 'account.update', { ...target, ...fields }, options);
	if (changes.department) {
		const unitId = departmentOf(context, row.department!).id;
		await apiRequest.call(this, 'account.moveUnit', { ...target, unitId }, options);
	}
}

async function applyAccounts(
	this: ApiContext,
	states: RowState[],
	context: Context,
): Promise<void> {
	const pending = live(states).filter(
		(state) => state.row!.type === 'account' && state.action !== 'none',
	);
	await mapWithConcurrency(
		pending.map((_, index) => index),
		PARALLEL_ITEMS,
		async (index) => {
			const state = pending[index];
			try {
				if (state.action === 'create')
					await createAccount.call(this, state.row as AccountRow, context);
				else await updateAccount.call(this, state, context);
				state.applied = true;
			} catch (error) {
				failWith(state, error);
			}
		},
	);
}

/**
 * Nothing half-created: a department this import created only for accounts that then failed is
 * removed again (deepest first), and the failed rows say so.
 */
async function removeUnusedDepartments(
	this: ApiContext,
	states: RowState[],
	context: Context,
): Promise<void> {
	const kept = (path: string) =>
		live(states).some((state) => {
			const row = state.row!;
			const used =
				row.type === 'department'
					? row.path
					: row.type === 'account'
						? row.department
						: row.memberDepartments?.find((each) => joined(each).startsWith(path));
			return used !== undefined && `${joined(used)}/`.startsWith(`${path}/`);
		});
	const unused = [...context.created]
		.filter((path) => !kept(path))
		.sort(depthFirst)
		.reverse();
	for (const path of unused) {
		const orphans = states.filter(
			(state) =>
				state.row?.type === 'account' &&
				`${joined(state.row.department ?? [])}/`.startsWith(`${path}/`),
		);
		const department = context.directory!.byPath(path.split('/'));
		if (!department) continue;
		let note = `the department ${path} created for it was removed again`;
		try {
			await apiRequest.call(
				this,
				'unit.delete',
				{ domain: context.snapshot.domain, unitId: department.id },
				{ itemIndex: context.itemIndex },
			);
		} catch (error) {
			note = `the department ${path} created for it could not be removed: ${(error as Error).message}`;
		}
		for (const state of orphans) if (state.failure) state.failure.message += ` (${note})`;
	}
	forgetDepartments.call(this, context.snapshot.domain);
}

async function applyMailLists(
	this: ApiContext,
	states: RowState[],
	context: Context,
): Promise<void> {
	const { domain } = context.snapshot;
	for (const state of live(states)) {
		const row = state.row!;
		if (row.type !== 'mailList' || state.action === 'none') continue;
		const list = row as MailListRow;
		const current = context.snapshot.mailLists.get(list.address.accountName);
		const members = list.members ?? listOf(current?.members);
		const units =
			list.memberDepartments?.map((path) => departmentOf(context, path).id) ??
			listOf(current?.memberUnits);
		const body: IDataObject = {
			domain,
			accountName: list.address.accountName,
			members: members.join(','),
			memberUnits: units.join(','),
		};
		if (list.name !== undefined) body.name = list.name;
		if (list.visible !== undefined) body.visibleInAddr = list.visible ? 1 : 0;
		try {
			if (state.action === 'create') {
				const verify = async () => {
					const found = await tryApiRequest.call(this, 'mailList.get', {
						domain,
						accountName: list.address.accountName,
					});
					return 'refusal' in found ? undefined : found.data;
				};
				await apiRequest.call(this, 'mailList.create', body, {
					itemIndex: context.itemIndex,
					verify,
				});
			} else {
				await apiRequest.call(this, 'mailList.update', body, { itemIndex: context.itemIndex });
			}
			state.applied = true;
		} catch (error) {
			failWith(state, error);
		}
	}
}

/** Sends the planned writes: departments first, then accounts, then mail lists (which may list both). */
export async function applyImport(
	this: ApiContext,
	states: RowState[],
	snapshot: AddressBookSnapshot,
	settings: ImportSettings,
	itemIndex: number,
): Promise<void> {
	const context: Context = { snapshot, settings, itemIndex, created: new Set() };
	await createDepartments.call(this, states, context);
	await updateDepartments.call(this, states, context);
	await applyAccounts.call(this, states, context);
	await removeUnusedDepartments.call(this, states, context);
	await applyMailLists.call(this, states, context);
}
