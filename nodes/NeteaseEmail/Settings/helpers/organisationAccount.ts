import { ACCOUNT_STATUS, findAccount } from '../../shared/directory/accounts';
import type { AccountAddress, Field } from '../../shared/helpers/validation';
import type { ApiContext } from '../../shared/transport';

/**
 * An account a setting names (an approver, an archive mailbox) must be one of the credential's
 * domain; `role` completes "Choose … " in the fix, e.g. "an account to approve the mail".
 */
export function inOwnDomain(
	field: Field,
	address: AccountAddress,
	domain: string,
	role: string,
): AccountAddress {
	if (address.domain !== domain) {
		throw field.invalid(
			`"${address.email}" is not in the domain ${domain}`,
			`Choose ${role} of the organisation.`,
		);
	}
	return address;
}

/** Looks the account up: it must exist and be active (not suspended, deleted…). */
export async function checkActiveAccount(
	this: ApiContext,
	field: Field,
	address: AccountAddress,
	role: string,
	itemIndex: number,
): Promise<void> {
	const account = await findAccount.call(this, address, itemIndex);
	const status = Number(account?.status ?? 0);
	if (account && status === 0) return;
	throw field.invalid(
		account
			? `"${address.email}" is ${ACCOUNT_STATUS[status] ?? `in status ${status}`}`
			: `"${address.email}" is not an account of the organisation`,
		`Choose an active account as ${role}.`,
	);
}
