import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import { findMailList, mailListAddress, mailListParameter } from './mailLists';

export const remove: Operation<AccountAddress> = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a mail list',
	description: 'Delete a mail list; its members keep their own addresses',
	properties: [mailListParameter],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return await mailListAddress.call(this, item);
	},

	async execute(this: IExecuteFunctions, address: AccountAddress, item: Item) {
		const body = { domain: address.domain, accountName: address.accountName };
		await apiRequest.call(this, 'mailList.delete', body, {
			itemIndex: item.index,
			verify: async () => ((await findMailList.call(this, address, item.index)) ? undefined : {}),
		});
		return { deleted: true, email: address.email };
	},
};
