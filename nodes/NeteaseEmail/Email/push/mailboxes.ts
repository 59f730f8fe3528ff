import type { IHookFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DELETED_STATUS } from '../../shared/directory/accounts';
import { mapWithConcurrency } from '../../shared/framework/concurrency';
import type { AccountAddress, Field } from '../../shared/helpers/validation';
import { parseAccountAddress } from '../../shared/helpers/validation';
import { apiRequest, apiRequestAllItems, defaultDomain } from '../../shared/transport';
import type { PushState } from './state';

export type MailboxScope = 'chosen' | 'domain';

/** Subscriptions sent at once; the transport paces them if the platform says "too fast". */
const SUBSCRIPTIONS_IN_FLIGHT = 4;

function mailboxField(context: IHookFunctions): Field {
	const label = 'Mailboxes to Watch';
	return {
		label,
		invalid: (problem, fix) =>
			new NodeOperationError(context.getNode(), `${label} ${problem}`, { description: fix }),
	};
}

/** The chosen mailboxes, checked (and duplicates dropped) before anything is written. */
export async function chosenMailboxes(this: IHookFunctions): Promise<AccountAddress[]> {
	const field = mailboxField(this);
	const entries = this.getNodeParameter('mailboxes.mailbox', []) as Array<{
		mailbox?: INodeParameterResourceLocator;
	}>;
	if (entries.length === 0) {
		throw field.invalid('is empty', 'Add at least one mailbox, or choose Whole Domain.');
	}
	const domain = await defaultDomain.call(this);
	const byEmail = new Map<string, AccountAddress>();
	for (const entry of entries) {
		const address = parseAccountAddress(field, entry.mailbox?.value, domain);
		if (address.domain !== domain) {
			throw field.invalid(
				`"${address.email}" is not in the domain ${domain}`,
				`Mailboxes are accounts of the credential's default domain: give "${address.accountName}" or "${address.accountName}@${domain}".`,
			);
		}
		byEmail.set(address.email, address);
	}
	return [...byEmail.values()];
}

/** Every account of the domain but those in the recycle bin: one call per 100 accounts. */
async function domainMailboxes(this: IHookFunctions, domain: string): Promise<AccountAddress[]> {
	const accounts = await apiRequestAllItems.call(this, 'unit.accounts', {
		domain,
		recursion: true,
	});
	return accounts
		.filter((account) => Number(account.status ?? 0) !== DELETED_STATUS)
		.map((account) => {
			const accountName = String(account.accountName);
			return { accountName, domain, email: `${accountName}@${domain}` };
		});
}

/**
 * Subscribes the mailboxes to new-mail pushes (`chosen`, or the whole domain when undefined) and
 * returns what the receiver keeps to name the mailbox a mail arrived for.
 */
export async function subscribeMailboxes(
	this: IHookFunctions,
	chosen: AccountAddress[] | undefined,
): Promise<Pick<PushState, 'mailboxes' | 'domain'>> {
	const domain = await defaultDomain.call(this);
	const targets = chosen ?? (await domainMailboxes.call(this, domain));
	await mapWithConcurrency(
		targets.map((_, index) => index),
		SUBSCRIPTIONS_IN_FLIGHT,
		async (index) =>
			await apiRequest.call(this, 'subscription.subscribeMailbox', {
				domain: targets[index].domain,
				accountName: targets[index].accountName,
			}),
	);
	return chosen ? { mailboxes: chosen.map(({ email }) => email) } : { domain };
}
