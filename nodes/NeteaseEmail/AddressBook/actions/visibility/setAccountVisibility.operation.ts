import type { IExecuteFunctions } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions/locators';
import { findAccount, resolveAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { validateBoolean } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';

interface Input {
	address: AccountAddress;
	visible: boolean;
}

export const setAccountVisibility: Operation<Input> = {
	value: 'setAccountVisibility',
	name: 'Set Account Visibility',
	action: 'Show or hide an account in the address book',
	description: 'Show or hide one account in the corporate address book',
	properties: [
		accountLocator(),
		{
			displayName: 'Visible in Address Book',
			name: 'visible',
			type: 'boolean',
			default: true,
			description: 'Whether colleagues can find the account in the corporate address book',
		},
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		// Only the literal `false` hides: an expression yielding "false" or 0 is not a boolean.
		const visible = validateBoolean(item.field('visible'), item.param('visible'));
		return { address: await resolveAccount.call(this, item), visible };
	},

	async execute(this: IExecuteFunctions, { address, visible }: Input, item: Item) {
		const account = await findAccount.call(this, address, item.index);
		if (!account) {
			throw item
				.field('account')
				.invalid(`"${address.email}" does not exist`, 'Check the account name and domain.');
		}
		const changed = Number(account.visibleInAddr ?? 1) !== (visible ? 1 : 0);
		if (changed) {
			await apiRequest.call(
				this,
				'account.update',
				{
					domain: address.domain,
					accountName: address.accountName,
					visibleInAddr: visible ? 1 : 0,
				},
				{ itemIndex: item.index },
			);
		}
		return {
			email: address.email,
			accountName: address.accountName,
			visibleInAddressBook: visible,
			changed,
		};
	},
};
