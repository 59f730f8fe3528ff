import { ACCOUNT_STATUS, findAccount } from '../../../shared/directory/accounts';
import type { NamingRule } from '../../../shared/helpers/pinyin';
import { accountNameFromName, withCollisionSuffix } from '../../../shared/helpers/pinyin';
import type { ApiContext } from '../../../shared/transport';
import type { AddressBookSnapshot } from '../addressBookSnapshot';
import type { SyncEntry } from './syncPlan';
import { failEntry } from './syncPlan';

export type SyncNaming = NamingRule | 'none';

/** Errors about a cell already name the record ("Line 4, column …"). */
function failWith(entry: SyncEntry, error: unknown): void {
	const { message, description } = error as { message: string; description?: string };
	const fix = String(description ?? '');
	if (message.startsWith(`${entry.record?.source},`)) entry.failure ??= { message, fix };
	else failEntry(entry, message, fix);
}

/**
 * Gives each create its account name: the record's, checked against accounts the list does not
 * show (deleted ones keep their name), or one made from the name by the naming rule, with 2, 3…
 * when taken, counting the names this sync gives as taken. Reads only.
 */
export async function nameNewAccounts(
	this: ApiContext,
	entries: SyncEntry[],
	snapshot: AddressBookSnapshot,
	naming: SyncNaming,
	itemIndex: number,
): Promise<void> {
	const { domain } = snapshot;
	const creates = entries.filter((entry) => entry.action === 'create' && !entry.failure);
	const chosen = new Set(creates.map((entry) => entry.accountName).filter(Boolean));
	const hidden = async (accountName: string) =>
		await findAccount.call(
			this,
			{ accountName, domain, email: `${accountName}@${domain}` },
			itemIndex,
		);
	const taken = async (accountName: string) =>
		snapshot.accounts.has(accountName) ||
		snapshot.mailLists.has(accountName) ||
		chosen.has(accountName) ||
		(await hidden(accountName)) !== undefined;

	for (const entry of creates) {
		const record = entry.record!;
		try {
			if (entry.accountName) {
				const account = await hidden(entry.accountName);
				if (account) {
					const status = ACCOUNT_STATUS[Number(account.status)] ?? `status ${account.status}`;
					failEntry(
						entry,
						`${entry.accountName}@${domain} is taken by a ${status} account the address book does not list`,
						'Restore it (Account → Restore) to sync it, or give the person another account name.',
					);
				}
				continue;
			}
			if (naming === 'none') {
				failEntry(
					entry,
					'has no account name for the new account',
					'Fill in the account name column, or choose a Naming Rule under Options.',
				);
				continue;
			}
			const base = accountNameFromName(record.nameField, record.name, naming);
			entry.accountName = await withCollisionSuffix(record.nameField, base, taken);
			chosen.add(entry.accountName);
		} catch (error) {
			failWith(entry, error);
		}
	}
}
