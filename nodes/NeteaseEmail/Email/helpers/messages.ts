import type { IDataObject } from 'n8n-workflow';

import type { AccountAddress } from '../../shared/helpers/validation';
import type { ApiContext } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';

/** One page of a mailbox's folders, newest first. */
export async function listPage(
	this: ApiContext,
	mailbox: AccountAddress,
	fids: number[],
	pageNum: number,
	pageSize: number,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const body = {
		domain: mailbox.domain,
		accountName: mailbox.accountName,
		fid: fids.join(','),
		pageNum,
		pageSize,
	};
	const page = await apiRequest.call(this, 'mailbox.listMessages', body, { itemIndex });
	return (page?.list as IDataObject[] | undefined) ?? [];
}

/** One message of the mailbox with both bodies; fails with MAIL.NOTEXIST when it has none. */
export async function getMessage(
	this: ApiContext,
	mailbox: AccountAddress,
	mid: string,
	itemIndex?: number,
): Promise<IDataObject> {
	const body = { domain: mailbox.domain, accountName: mailbox.accountName, mid };
	return await apiRequest.call(this, 'message.get', body, { itemIndex });
}
