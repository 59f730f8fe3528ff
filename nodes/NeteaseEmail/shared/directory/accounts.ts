import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import type { ApiContext } from '../transport';
import { defaultDomain, tryApiRequest } from '../transport';
import type { DepartmentDirectory } from './departments';
import { getDepartments } from './departments';
import type { AccountAddress } from './validation';
import { parseAccountAddress } from './validation';

/** Account `status` values (§10.1 of the platform reference). */
export const ACCOUNT_STATUS: Record<number, string> = {
	0: 'normal',
	1: 'suspended',
	2: 'deleted',
	4: 'resigned',
	5: 'handoverInProgress',
	6: 'handoverComplete',
};

/** Reads an account locator (from the list or by address) into a checked address. */
export async function resolveAccount(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter = 'account',
): Promise<AccountAddress> {
	const locator = this.getNodeParameter(parameter, itemIndex) as INodeParameterResourceLocator;
	const domain = await defaultDomain.call(this);
	return parseAccountAddress(this.getNode(), itemIndex, 'Account', locator?.value, domain);
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
	const departmentId = account.unitId ?? (account.unitList as string[] | undefined)?.[0] ?? null;
	const department = departmentId ? departments?.get(String(departmentId)) : undefined;
	return {
		accountName: account.accountName,
		email: `${account.accountName}@${accountDomain}`,
		name: account.name ?? account.nickname ?? '',
		status: ACCOUNT_STATUS[status] ?? `status ${status}`,
		departmentId,
		...(departments ? { departmentPath: department?.path ?? '' } : {}),
		jobNumber: account.jobNumber ?? '',
		job: account.job ?? '',
		mobile: account.mobile ?? account.bindMobile ?? '',
		openId: account.accountOpenId ?? '',
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
	if (!simplify) return accounts;
	const departments = await getDepartments.call(this, domain, itemIndex);
	return accounts.map((account) => simplifyAccount(account, domain, departments));
}
