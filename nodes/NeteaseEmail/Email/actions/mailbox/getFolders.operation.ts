import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import { folderName, mailboxLocator, resolveMailbox } from '../../helpers/mailbox';

export const getFolders: Operation<AccountAddress> = {
	value: 'getFolders',
	name: 'Get Folders',
	action: 'Get the folders of a mailbox',
	description:
		"List the folders of a mailbox with their message and unread counts; Folder is the stable English key, Name the platform's display name",
	properties: [mailboxLocator()],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return await resolveMailbox.call(this, item);
	},

	async execute(this: IExecuteFunctions, address: AccountAddress, item: Item) {
		const data: unknown = await apiRequest.call(
			this,
			'mailbox.folders',
			{ domain: address.domain, accountName: address.accountName },
			{ itemIndex: item.index },
		);
		const folders = (Array.isArray(data) ? data : []) as IDataObject[];
		return folders.map((folder) => ({
			fid: Number(folder.fid),
			folder: folderName(folder.fid),
			name: String(folder.name ?? folderName(folder.fid)),
			total: Number(folder.total ?? 0),
			unread: Number(folder.unread ?? 0),
		}));
	},
};
