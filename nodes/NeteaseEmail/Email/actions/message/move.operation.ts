import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import {
	FOLDER_OPTIONS,
	folderName,
	mailboxLocator,
	parseFolder,
	resolveMailbox,
} from '../../helpers/mailbox';
import { midsParameter, parseMids } from '../../helpers/messageIds';
import { currentMessages } from '../../helpers/messageStates';

interface Input {
	mailbox: AccountAddress;
	mids: string[];
	fid: number;
}

export const move: Operation<Input> = {
	value: 'move',
	name: 'Move to Folder',
	action: 'Move messages to a folder',
	description: 'Move one or several messages of a mailbox to another of its folders',
	properties: [
		mailboxLocator({ description: 'The mailbox that holds the messages' }),
		midsParameter,
		{
			displayName: 'Folder',
			name: 'folder',
			type: 'options',
			default: 1,
			options: FOLDER_OPTIONS,
		},
	],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		return {
			mailbox: await resolveMailbox.call(this, item),
			mids: parseMids(item.field('mids'), item.param('mids')),
			fid: parseFolder(item.field('folder'), item.param('folder')),
		};
	},

	async execute(this: IExecuteFunctions, { mailbox, mids, fid }: Input, item: Item) {
		const messages = await currentMessages.call(this, mailbox, mids, item);
		const changedIds = mids.filter((mid) => Number(messages.get(mid)?.fid) !== fid);
		if (changedIds.length > 0) {
			const body = {
				domain: mailbox.domain,
				accountName: mailbox.accountName,
				mids: changedIds.join(','),
				fid,
			};
			await apiRequest.call(this, 'message.move', body, { itemIndex: item.index });
		}
		return { ids: mids, folder: folderName(fid), changed: changedIds.length > 0, changedIds };
	},
};
