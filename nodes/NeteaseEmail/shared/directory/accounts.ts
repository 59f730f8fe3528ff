import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import type { Item } from '../framework/item';
import type { AccountAddress } from '../helpers/validation';
import { parseAccountAddress } from '../helpers/validation';
import type { ApiContext } from '../transport';
import { defaultDomain, tryApiRequest } from '../transport';
import type { DepartmentDirectory } from './departments';
import { getDepartments } from './departments';

/** Account `status` values (§10.1 of the platform reference). */
export const ACCOUNT_STATUS: Record<number, string> = {
	0: 'normal',
	1: 'suspended',
	2: 'deleted',
	4: 'resigned',
	5: 'handoverInProgress',
	6: 'handoverComplete',
};

export const DELETED_STATUS = 2;

/** Reads an account locator (from the list or by address) into a checked address. */
export async function resolveAccount(
	this: ApiContext,
	item: Item,
	parameter = 'account',
): Promise<AccountAddress> {
	const locator = item.param<INodeParameterResourceLocator>(parameter);
	return parseAccountAddress(item.field(parameter), locator?.value, await defaultDomain.call(this));
}

/** The account, or `undefined` when the platform says it does not exist. */
export async function findAccount(
	this: ApiContext,
	address: AccountAddress,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const answer = await tryApiRequest.call(
		this,
		'account.get',
		{ domain: address.domain, accountName: address.accountName },
		{ itemIndex },
	);
	if (!('refusal' in answer)) return answer.data;
	const { code, marker, error } = answer.refusal;
	if (marker === 'ACCOUNT.NOTEXIST' || code === -4) return undefined;
	throw error;
}

export function simplifyAccount(
	account: IDataObject,
	domain: string,
	departments?: DepartmentDirectory,
): IDataObject {
	const status = Number(account.status ?? 0);
	const accountDomain = String(account.domain ?? domain);
	const unitId = account.unitId ?? (account.unitList as string[] | undefined)?.[0] ?? null;
	const department = unitId ? departments?.get(String(unitId)) : undefined;
	return {
		accountName: account.accountName,
		email: `${account.accountName}@${accountDomain}`,
		name: account.name ?? account.nickname ?? '',
		status: ACCOUNT_STATUS[status] ?? `status ${status}`,
		departmentId: department?.id ?? unitId,
		...(departments ? { departmentPath: department?.path ?? '' } : {}),
		jobNumber: account.jobNumber ?? '',
		job: account.job ?? '',
		mobile: account.mobile ?? account.bindMobile ?? '',
		openId: account.accountOpenId ?? '',
	};
}

/** Turns a page of accounts into output items, e.g. as it arrives from `apiRequestAllItems`. */
export type AccountsConverter = (accounts: IDataObject[]) => Promise<IDataObject[]>;

/**
 * Accounts as the platform sent them, or simplified with their department paths. The departments
 * are asked for now, so that they travel alongside a first page of accounts asked for next.
 */
export function accountsConverter(
	this: ApiContext,
	domain: string,
	simplify: boolean,
	itemIndex: number,
): AccountsConverter {
	if (!simplify) return async (accounts) => accounts;
	const departments = getDepartments.call(this, domain, itemIndex);
	// Awaited by the first conversion; until then a failure must not count as unhandled.
	departments.catch(() => undefined);
	return async (accounts) => {
		const directory = await departments;
		return accounts.map((account) => simplifyAccount(account, domain, directory));
	};
}

/** Accounts as the platform sent them, or simplified with their department paths. */
export async function accountsOutput(
	this: ApiContext,
	accounts: IDataObject[],
	domain: string,
	simplify: boolean,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await accountsConverter.call(this, domain, simplify, itemIndex)(accounts);
}
