import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import { DELETED_FOLDER, mailboxLocator, resolveMailbox } from '../../helpers/mailbox';
import { midsParameter, parseMids } from '../../helpers/messageIds';
import { currentMessages, findMessage } from '../../helpers/messageStates';

interface Input {
	mailbox: AccountAddress;
	mids: string[];
}

export const remove: Operation<Input> = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete messages',
	description:
		'Move messages to the Deleted folder; messages already in Deleted are removed for good',
	properties: [
		mailboxLocator({ description: 'The mailbox that holds the messages' }),
		{
			...midsParameter,
			description:
				'IDs of messages in this mailbox, comma-separated or an array. A message already in the Deleted folder is removed for good and cannot be brought back.',
		},
	],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		return {
			mailbox: await resolveMailbox.call(this, item),
			mids: parseMids(item.field('mids'), item.param('mids')),
		};
	},

	async execute(this: IExecuteFunctions, { mailbox, mids }: Input, item: Item) {
		const messages = await currentMessages.call(this, mailbox, mids, item);
		const inDeleted = (mid: string) => Number(messages.get(mid)?.fid) === DELETED_FOLDER;
		const removedForGood = mids.filter(inDeleted);
		const movedToDeleted = mids.filter((mid) => !inDeleted(mid));
		// Not idempotent (a second delete removes for good): after a lost answer, look before resending.
		const verify = async () => {
			for (const mid of mids) {
				const now = await findMessage.call(this, mailbox, mid, item.index);
				const applied = inDeleted(mid) ? now === undefined : Number(now?.fid) === DELETED_FOLDER;
				if (!applied) return undefined;
			}
			return {};
		};
		const body = { domain: mailbox.domain, accountName: mailbox.accountName, mids: mids.join(',') };
		await apiRequest.call(this, 'message.delete', body, { itemIndex: item.index, verify });
		return { ids: mids, deleted: true, movedToDeleted, removedForGood };
	},
};
