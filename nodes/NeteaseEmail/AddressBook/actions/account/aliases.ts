import type { IExecuteFunctions } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions/locators';
import { resolveAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { parseAccountAddress } from '../../../shared/helpers/validation';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest } from '../../../shared/transport';

export interface AliasInput {
	address: AccountAddress;
	alias: AccountAddress;
}

/** The account's aliases as full addresses. */
export async function aliasesOf(
	this: ApiContext,
	address: AccountAddress,
	itemIndex: number,
): Promise<string[]> {
	const data = await apiRequest.call(
		this,
		'account.aliases',
		{ domain: address.domain, accountName: address.accountName },
		{ itemIndex },
	);
	const list = (data.alias ?? data.aliasList ?? []) as string[];
	return list.map((alias) =>
		(alias.includes('@') ? alias : `${alias}@${address.domain}`).toLowerCase(),
	);
}

/** Add Alias and Remove Alias: the same parameters, opposite changes, each skipped when already so. */
export function aliasOperation(adding: boolean): Operation<AliasInput> {
	const verb = adding ? 'Add' : 'Remove';
	return {
		value: adding ? 'addAlias' : 'removeAlias',
		name: `${verb} Alias`,
		action: `${verb} an alias of an account`,
		description: adding
			? 'Give an account another address that delivers to it'
			: 'Take an alias address away from an account',
		properties: [
			accountLocator(),
			{
				displayName: 'Alias',
				name: 'alias',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. zs or zs@example.com',
				description: "The alias's account name, or its full address in the account's domain",
			},
		],
		concurrency: PARALLEL_ITEMS,

		async prepare(this: IExecuteFunctions, item: Item) {
			const address = await resolveAccount.call(this, item);
			const alias = parseAccountAddress(item.field('alias'), item.param('alias'), address.domain);
			if (alias.domain !== address.domain) {
				throw item
					.field('alias')
					.invalid(
						`"${alias.email}" is not in the account's domain ${address.domain}`,
						`Use an address ending in @${address.domain}, or just the part before "@".`,
					);
			}
			if (alias.accountName === address.accountName) {
				throw item.field('alias').invalid('is the account itself', 'Choose another alias.');
			}
			return { address, alias };
		},

		async execute(this: IExecuteFunctions, { address, alias }: AliasInput, item: Item) {
			const i = item.index;
			const has = async () => (await aliasesOf.call(this, address, i)).includes(alias.email);
			const result = { accountName: address.accountName, email: address.email, alias: alias.email };
			if ((await has()) === adding) return { ...result, changed: false };
			const body = {
				domain: address.domain,
				accountName: address.accountName,
				alias: alias.accountName,
			};
			await apiRequest.call(this, adding ? 'account.addAlias' : 'account.deleteAlias', body, {
				itemIndex: i,
				verify: async () => ((await has()) === adding ? {} : undefined),
			});
			return { ...result, changed: true };
		},
	};
}
