import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import {
	FOLDER_NAMES,
	FOLDER_OPTIONS,
	folderName,
	mailboxLocator,
	resolveMailbox,
} from '../../helpers/mailbox';

interface Input {
	address: AccountAddress;
	fids: number[];
}

/** The platform's own default (reference §10.5): inbox and spam. */
const DEFAULT_FOLDERS = [1, 5];

export const getUnreadCount: Operation<Input> = {
	value: 'getUnreadCount',
	name: 'Get Unread Count',
	action: 'Get the unread count of a mailbox',
	description: 'Count the unread messages of a mailbox, per folder and in total',
	properties: [
		mailboxLocator(),
		{
			displayName: 'Folders',
			name: 'folders',
			type: 'multiOptions',
			options: FOLDER_OPTIONS,
			default: [1, 5],
			description: 'The folders to count unread messages in',
		},
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const address = await resolveMailbox.call(this, item);
		const chosen = item.param<unknown>('folders', DEFAULT_FOLDERS);
		const list = Array.isArray(chosen) ? chosen : String(chosen ?? '').split(',');
		const fids = [...new Set(list.map((fid) => Number(String(fid).trim())))].sort((a, b) => a - b);
		const unknown = fids.find((fid) => !FOLDER_NAMES[fid]);
		if (fids.length === 0 || unknown !== undefined) {
			throw item
				.field('folders')
				.invalid(
					fids.length === 0 ? 'is empty' : `has "${String(unknown)}", which is not a folder`,
					'Choose one or more of Inbox, Drafts, Sent, Deleted and Spam (folder ids 1–5).',
				);
		}
		return { address, fids };
	},

	async execute(this: IExecuteFunctions, { address, fids }: Input, item: Item) {
		const data = await apiRequest.call(
			this,
			'mailbox.unread',
			{ domain: address.domain, accountName: address.accountName, fid: fids.join(',') },
			{ itemIndex: item.index },
		);
		const folders = ((data?.folders as IDataObject[] | undefined) ?? []).map((folder) => ({
			folder: folderName(folder.fid),
			fid: Number(folder.fid),
			unread: Number(folder.unread ?? 0),
		}));
		const total =
			typeof data?.count === 'number'
				? data.count
				: folders.reduce((sum, folder) => sum + folder.unread, 0);
		return { email: address.email, total, folders };
	},
};
