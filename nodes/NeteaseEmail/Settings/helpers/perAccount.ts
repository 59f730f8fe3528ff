import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/framework/concurrency';
import type { Item } from '../../shared/framework/item';
import type { AccountAddress } from '../../shared/helpers/validation';
import { validateBoolean } from '../../shared/helpers/validation';
import type { ApiContext } from '../../shared/transport';
import type { Targets } from './targets';
import { readTargets, targetAccounts } from './targets';

/** Accounts of one department or of the organisation worked on at once. */
const ACCOUNTS_AT_ONCE = 10;

export const dryRunProperty: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description: 'Whether to only report, per account, what would change, sending no write',
};

export interface AccountRun {
	targets: Targets;
	dryRun: boolean;
}

/** Apply To and Dry Run of an operation that changes something per account. */
export async function readAccountRun(this: IExecuteFunctions, item: Item): Promise<AccountRun> {
	// "true" from an expression must not read as "no dry run", and write.
	const dryRun = validateBoolean(item.field('dryRun'), item.param('dryRun'));
	return { targets: await readTargets.call(this, item, !dryRun), dryRun };
}

/**
 * Runs `task` for every target account, for operations besides a setting's Get and Set. A single
 * account's failure is the item's error; for a department or the organisation each account gets
 * its own item, a failed one saying why.
 */
export async function forEachTargetAccount(
	this: ApiContext,
	targets: Targets,
	itemIndex: number,
	task: (address: AccountAddress) => Promise<IDataObject>,
): Promise<IDataObject[]> {
	const accounts = await targetAccounts.call(this, targets, itemIndex);
	if (targets.kind === 'account') return [await task(accounts[0])];
	const results = await mapWithConcurrency(
		accounts.map((_, index) => index),
		ACCOUNTS_AT_ONCE,
		async (index) => {
			try {
				return await task(accounts[index]);
			} catch (error) {
				const { message, description } = error as { message: string; description?: string };
				return {
					email: accounts[index].email,
					outcome: 'failed',
					error: message,
					...(description ? { fix: description } : {}),
				};
			}
		},
	);
	return accounts.map((_, index) => results.get(index)!);
}
