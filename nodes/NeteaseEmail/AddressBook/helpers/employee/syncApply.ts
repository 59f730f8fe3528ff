import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DELETED_STATUS, findAccount } from '../../../shared/directory/accounts';
import { ensureDepartmentPath } from '../../../shared/directory/departmentPaths';
import { forgetDepartments } from '../../../shared/directory/departments';
import { mapWithConcurrency } from '../../../shared/framework/concurrency';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest, tryApiRequest } from '../../../shared/transport';
import type { SyncEntry } from './syncPlan';
import { failEntry, SUSPENDED } from './syncPlan';

export interface SyncSettings {
	/** For new accounts without a password column. */
	password?: string;
	firstLoginChange: number;
}

interface Context {
	domain: string;
	settings: SyncSettings;
	itemIndex: number;
}

const live = (entries: SyncEntry[]) =>
	entries.filter((entry) => !entry.failure && entry.action !== 'leave');

/** Stops the entry at `step`, saying what was already done, so that a re-run can be trusted. */
function failStep(entry: SyncEntry, step: string, error: unknown): void {
	const { message, description } = error as { message: string; description?: string };
	const reason = message.replace(/ \[item \d+\]$/, '');
	const done = entry.steps.map(({ step: name, result }) => `${name} ${result}`).join(', ');
	failEntry(
		entry,
		`step "${step}" failed: ${reason}; ${done ? `already done: ${done}` : 'nothing was changed'}`,
		`${description ? `${description} ` : ''}Running the sync again picks up from here.`,
	);
}

async function step(
	entry: SyncEntry,
	name: string,
	result: string,
	write: () => Promise<unknown>,
): Promise<boolean> {
	try {
		await write();
		entry.steps.push({ step: name, result });
		return true;
	} catch (error) {
		failStep(entry, name, error);
		return false;
	}
}

/** The departments entries need that are not there yet, parents first. */
async function ensureDepartments(
	this: ApiContext,
	entries: SyncEntry[],
	context: Context,
): Promise<void> {
	const needing = new Map<string, SyncEntry[]>();
	for (const entry of live(entries)) {
		const missing = entry.department?.missing;
		if (missing) needing.set(missing.join('/'), [...(needing.get(missing.join('/')) ?? []), entry]);
	}
	const paths = [...needing.keys()].sort((a, b) => a.split('/').length - b.split('/').length);
	for (const path of paths) {
		const group = needing.get(path)!;
		try {
			const { department, createdPaths } = await ensureDepartmentPath.call(
				this,
				context.domain,
				group[0].department!.missing!,
				context.itemIndex,
			);
			const result = createdPaths.length ? 'created' : 'exists';
			for (const entry of group) {
				entry.department!.id = department.id;
				entry.steps.push({ step: 'department', result });
			}
		} catch (error) {
			for (const entry of group) failStep(entry, 'department', error);
		}
	}
	if (paths.length) forgetDepartments.call(this, context.domain);
}

async function createAccount(this: ApiContext, entry: SyncEntry, context: Context): Promise<void> {
	const record = entry.record!;
	const { domain, settings, itemIndex } = context;
	const address = { domain, accountName: entry.accountName!, email: '' };
	const body: IDataObject = {
		domain,
		accountName: address.accountName,
		name: record.name,
		password: record.password ?? settings.password,
		passType: 0,
		passChangeFirstLogin: settings.firstLoginChange,
		visibleInAddr: record.visible === false ? 0 : 1,
	};
	if (entry.department?.path) body.unitId = entry.department.id;
	if (record.jobNumber) body.jobNumber = record.jobNumber;
	if (record.mobile) body.bindMobile = record.mobile;
	const answer = await tryApiRequest.call(this, 'account.create', body, {
		itemIndex,
		// Names were checked free before the sync, so a listed account of the name is this call's.
		verify: async () => {
			const account = await findAccount.call(this, address, itemIndex);
			return account && Number(account.status) !== DELETED_STATUS ? account : undefined;
		},
	});
	if (!('refusal' in answer)) return;
	if (answer.refusal.marker !== 'MAILACCOUNT.NAMEEXIST') throw answer.refusal.error;
	// Not a listed account (it would have matched): an alias of one, or a name held back.
	throw new NodeOperationError(
		this.getNode(),
		`${entry.accountName}@${domain} is taken, e.g. as another account's alias`,
		{ description: 'Give the person another account name in the HR list.' },
	);
}

async function updateAccount(this: ApiContext, entry: SyncEntry, context: Context): Promise<void> {
	const record = entry.record!;
	const { changes } = entry;
	const target = { domain: context.domain, accountName: entry.accountName! };
	const options = { itemIndex: context.itemIndex };
	const fields: IDataObject = {};
	if (changes.name) fields.name = record.name;
	if (changes.jobNumber) fields.jobNumber = record.jobNumber;
	if (changes.mobile) fields.bindmobile = record.mobile;
	if (changes.visibleInAddressBook) fields.visibleInAddr = record.visible ? 1 : 0;
	const update = () => apiRequest.call(this, 'account.update', { ...target, ...fields }, options);
	if (Object.keys(fields).length && !(await step(entry, 'account', 'updated', update))) return;
	const unitId = entry.department?.id;
	const move = () => apiRequest.call(this, 'account.moveUnit', { ...target, unitId }, options);
	if (changes.department && !(await step(entry, 'move', 'moved', move))) return;
	const resume = () => apiRequest.call(this, 'account.resume', target, options);
	if (changes.status) await step(entry, 'status', 'resumed', resume);
}

async function suspendAccount(this: ApiContext, entry: SyncEntry, context: Context): Promise<void> {
	const { domain, itemIndex } = context;
	const address = { domain, accountName: entry.accountName!, email: '' };
	// The plan saw it active, so suspended now means this call took effect.
	const verify = async () =>
		Number((await findAccount.call(this, address, itemIndex))?.status) === SUSPENDED
			? {}
			: undefined;
	await apiRequest.call(
		this,
		'account.suspend',
		{ domain, accountName: address.accountName },
		{
			itemIndex,
			verify,
		},
	);
}

/**
 * Sends the planned writes: missing departments first, then each account's own (several
 * accounts at once). Every entry ends with the steps it made, or a failure naming the step and
 * what was already done.
 */
export async function applySync(
	this: ApiContext,
	entries: SyncEntry[],
	domain: string,
	settings: SyncSettings,
	itemIndex: number,
): Promise<void> {
	const context: Context = { domain, settings, itemIndex };
	await ensureDepartments.call(this, entries, context);
	const pending = live(entries);
	await mapWithConcurrency(
		pending.map((_, index) => index),
		PARALLEL_ITEMS,
		async (index) => {
			const entry = pending[index];
			if (entry.action === 'create')
				await step(entry, 'account', 'created', () => createAccount.call(this, entry, context));
			else if (entry.action === 'suspend')
				await step(entry, 'status', 'suspended', () => suspendAccount.call(this, entry, context));
			else await updateAccount.call(this, entry, context);
		},
	);
}
