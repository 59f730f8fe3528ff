import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/framework/concurrency';
import type { Item } from '../../shared/framework/item';
import type { AccountAddress } from '../../shared/helpers/validation';
import { tryApiRequest } from '../../shared/transport';

/** How many messages of one item are read at once. */
const READS_AT_ONCE = 5;

/** The message, or `undefined` when the mailbox has none with that ID. */
export async function findMessage(
	this: IExecuteFunctions,
	mailbox: AccountAddress,
	mid: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const body = { domain: mailbox.domain, accountName: mailbox.accountName, mid };
	const answer = await tryApiRequest.call(this, 'message.get', body, { itemIndex });
	if (!('refusal' in answer)) return answer.data;
	if (answer.refusal.marker === 'MAIL.NOTEXIST') return undefined;
	throw answer.refusal.error;
}

/**
 * Each message as it is now, so a change can report what it changed; an ID the mailbox does not
 * hold fails naming it, before anything is changed.
 */
export async function currentMessages(
	this: IExecuteFunctions,
	mailbox: AccountAddress,
	mids: string[],
	item: Item,
): Promise<Map<string, IDataObject>> {
	const found = await mapWithConcurrency(
		mids.map((_, index) => index),
		READS_AT_ONCE,
		(index) => findMessage.call(this, mailbox, mids[index], item.index),
	);
	const messages = new Map<string, IDataObject>();
	for (const [index, mid] of mids.entries()) {
		const message = found.get(index);
		if (!message) {
			throw item
				.field('mids')
				.invalid(
					`contains "${mid}", which is not a message of ${mailbox.email}`,
					'Message IDs belong to one mailbox: take them from Message → Get Many of the same mailbox.',
				);
		}
		messages.set(mid, message);
	}
	return messages;
}
