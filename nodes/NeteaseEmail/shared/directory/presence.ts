import type { IDataObject } from 'n8n-workflow';

import type { AccountAddress } from '../helpers/validation';
import type { ApiContext } from '../transport';
import { apiRequest, apiRequestAllItems } from '../transport';
import { findAccount } from './accounts';

const PAGE_SIZE = 100;

/**
 * Which accounts existed before this execution wrote any, so that a create whose answer was lost
 * can tell "created by this call" from "was already there". Knowing it costs calls: the account
 * list when that takes fewer pages than there are items to create, else one look-up per item.
 */
export class AccountPresence {
	/** The accounts as listed before any create was sent, by name; undefined for per-item look-ups. */
	private roster?: Promise<Map<string, IDataObject> | undefined>;

	/** Names this execution has already sent a create for. */
	private readonly claimed = new Set<string>();

	private constructor(
		private readonly context: ApiContext,
		private readonly domain: string,
		private readonly batchSize: number,
	) {}

	private static readonly byExecution = new WeakMap<object, Map<string, AccountPresence>>();

	static of(context: ApiContext, domain: string, batchSize: number): AccountPresence {
		let byDomain = AccountPresence.byExecution.get(context);
		if (!byDomain) AccountPresence.byExecution.set(context, (byDomain = new Map()));
		let presence = byDomain.get(domain);
		if (!presence)
			byDomain.set(domain, (presence = new AccountPresence(context, domain, batchSize)));
		return presence;
	}

	/**
	 * Whether the account existed before this execution's create for it, which the caller is about
	 * to send (another item of the run creating the same name first counts as existing), and the
	 * account as it was then, when that is known without another call.
	 */
	async before(
		address: AccountAddress,
		itemIndex: number,
	): Promise<{ existed: boolean; account?: IDataObject }> {
		const taken = this.claimed.has(address.accountName);
		this.claimed.add(address.accountName);
		if (taken) return { existed: true };
		this.roster ??= this.loadRoster(itemIndex);
		const roster = await this.roster;
		const account = roster
			? roster.get(address.accountName)
			: await findAccount.call(this.context, address, itemIndex);
		return { existed: account !== undefined, account };
	}

	/** The whole list, or `undefined` when per-item look-ups are cheaper. */
	private async loadRoster(itemIndex: number): Promise<Map<string, IDataObject> | undefined> {
		const body: IDataObject = { domain: this.domain, recursion: true };
		const first = await apiRequest.call(
			this.context,
			'unit.accounts',
			{ ...body, pageNum: 1, pageSize: PAGE_SIZE },
			{ itemIndex },
		);
		const pages = Math.ceil(Number(first.count ?? 0) / PAGE_SIZE);
		if (pages - 1 > this.batchSize) return undefined;
		const accounts =
			pages <= 1
				? ((first.list as IDataObject[] | undefined) ?? [])
				: await apiRequestAllItems.call(this.context, 'unit.accounts', body, {
						itemIndex,
						pageSize: PAGE_SIZE,
					});
		return new Map(accounts.map((account) => [String(account.accountName), account]));
	}
}
