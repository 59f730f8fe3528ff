import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import { mailboxLocator, resolveMailbox } from '../../helpers/mailbox';

export const subscribeMailbox: Operation<AccountAddress> = {
	value: 'subscribeMailbox',
	name: 'Subscribe Mailbox',
	action: 'Subscribe a mailbox to new-mail pushes',
	description: 'Have new mail of a mailbox posted to the New Mail callback URL',
	properties: [
		mailboxLocator({
			description: 'Its new mail is posted to the URL registered for the New Mail source',
		}),
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return await resolveMailbox.call(this, item);
	},

	async execute(this: IExecuteFunctions, address: AccountAddress, item: Item) {
		await apiRequest.call(
			this,
			'subscription.subscribeMailbox',
			{ domain: address.domain, accountName: address.accountName },
			{ itemIndex: item.index },
		);
		return { email: address.email, subscribed: true };
	},
};
