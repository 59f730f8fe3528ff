import type { IDataObject } from 'n8n-workflow';

import { findAccount } from '../../../shared/directory/accounts';
import type { NamingRule } from '../../../shared/helpers/pinyin';
import { accountNameFromName, withCollisionSuffix } from '../../../shared/helpers/pinyin';
import type { AccountAddress, Field } from '../../../shared/helpers/validation';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest } from '../../../shared/transport';
import { findMailList } from '../../actions/mailList/mailLists';

/**
 * The account names and job numbers the items of one execution have claimed, by item index: a
 * name chosen for one item is taken for the next, and a job number given twice is one person.
 */
export class RunClaims {
	private static readonly byExecution = new WeakMap<object, RunClaims>();

	readonly accountNames = new Map<string, number>();

	readonly jobNumbers = new Map<string, number>();

	static of(context: object): RunClaims {
		let claims = RunClaims.byExecution.get(context);
		if (!claims) RunClaims.byExecution.set(context, (claims = new RunClaims()));
		return claims;
	}
}

const addressOf = (accountName: string, domain: string): AccountAddress => ({
	accountName,
	domain,
	email: `${accountName}@${domain}`,
});

/** Whether an account (in any status but permanently deleted) or a mail list has the name. */
async function nameTaken(this: ApiContext, address: AccountAddress, itemIndex: number) {
	if (await findAccount.call(this, address, itemIndex)) return true;
	return (await findMailList.call(this, address, itemIndex)) !== undefined;
}

/**
 * The first free account name for a person by the naming rule: zhangsan, then zhangsan2… Names
 * held on the platform, claimed by earlier items of this run, or in `refused` count as taken.
 */
export async function freeAccountName(
	this: ApiContext,
	field: Field,
	name: string,
	rule: NamingRule,
	domain: string,
	itemIndex: number,
	refused: ReadonlySet<string> = new Set(),
): Promise<AccountAddress> {
	const claims = RunClaims.of(this);
	const base = accountNameFromName(field, name, rule);
	const accountName = await withCollisionSuffix(
		field,
		base,
		async (candidate) =>
			claims.accountNames.has(candidate) ||
			refused.has(candidate) ||
			(await nameTaken.call(this, addressOf(candidate, domain), itemIndex)),
	);
	claims.accountNames.set(accountName, itemIndex);
	return addressOf(accountName, domain);
}

/** The accounts holding a job number, deleted ones included. */
export async function accountsWithJobNumber(
	this: ApiContext,
	domain: string,
	jobNumber: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const data = await apiRequest.call(
		this,
		'account.findByJobNumber',
		{ domain, jobNumber },
		{ itemIndex },
	);
	return (Array.isArray(data.list) ? data.list : []) as IDataObject[];
}

export function accountAddress(account: IDataObject, domain: string): AccountAddress {
	return addressOf(String(account.accountName), String(account.domain ?? domain));
}
