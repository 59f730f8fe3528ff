import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { readHandOverStatus } from '../../../shared/mailbox/handOverStatus';
import { mailboxLocator, resolveMailbox } from '../../helpers/mailbox';

export const getHandOverStatus: Operation<AccountAddress> = {
	value: 'getHandOverStatus',
	name: 'Get Hand-Over Status',
	action: 'Get the hand-over status of a mailbox',
	description: "Whether a leaver's mail is being, or was, handed over, to whom and how far",
	properties: [mailboxLocator({ description: 'The mailbox of the person leaving' })],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return await resolveMailbox.call(this, item);
	},

	async execute(this: IExecuteFunctions, leaver: AccountAddress, item: Item) {
		const { state, status, successor, copied, total, taskId } = await readHandOverStatus.call(
			this,
			leaver,
			item.index,
		);
		return { email: leaver.email, state, status, successor, copied, total, taskId };
	},
};
