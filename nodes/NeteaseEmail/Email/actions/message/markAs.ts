import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import { mailboxLocator, resolveMailbox } from '../../helpers/mailbox';
import { midsParameter, parseMids } from '../../helpers/messageIds';
import { isRead } from '../../helpers/messageOutput';
import { currentMessages } from '../../helpers/messageStates';

export interface MarkInput {
	mailbox: AccountAddress;
	mids: string[];
}

/** Mark as Read and Mark as Unread: only messages not already so are changed, and the output says which. */
export function markOperation(read: boolean): Operation<MarkInput> {
	const state = read ? 'read' : 'unread';
	return {
		value: read ? 'markAsRead' : 'markAsUnread',
		name: read ? 'Mark as Read' : 'Mark as Unread',
		action: `Mark messages as ${state}`,
		description: `Mark one or several messages of a mailbox as ${state}`,
		properties: [
			mailboxLocator({ description: 'The mailbox that holds the messages' }),
			midsParameter,
		],
		concurrency: 1,

		async prepare(this: IExecuteFunctions, item: Item) {
			return {
				mailbox: await resolveMailbox.call(this, item),
				mids: parseMids(item.field('mids'), item.param('mids')),
			};
		},

		async execute(this: IExecuteFunctions, { mailbox, mids }: MarkInput, item: Item) {
			const messages = await currentMessages.call(this, mailbox, mids, item);
			const changedIds = mids.filter((mid) => isRead(messages.get(mid)?.read) !== read);
			if (changedIds.length > 0) {
				const body = {
					domain: mailbox.domain,
					accountName: mailbox.accountName,
					mids: changedIds.join(','),
					read: read ? 1 : 0,
				};
				await apiRequest.call(this, 'message.markRead', body, { itemIndex: item.index });
			}
			return { ids: mids, read, changed: changedIds.length > 0, changedIds };
		},
	};
}
