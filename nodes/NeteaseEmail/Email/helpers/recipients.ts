import type { INodeProperties } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import type { MailAddress } from './addresses';
import { parseAddressList } from './addresses';

const RECIPIENTS_HINT =
	'Comma-separated addresses, each "Name &lt;address&gt;" or "address", or an array from an expression';

/** To, CC or BCC of a message. */
export function recipientsParameter(displayName: string, name: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder: 'e.g. 张伟 <zhang.wei@example.com>, li.na@example.com',
		description: RECIPIENTS_HINT,
	};
}

export const replyToOption: INodeProperties = {
	displayName: 'Reply-To',
	name: 'replyTo',
	type: 'string',
	default: '',
	placeholder: 'e.g. service@example.com',
	description: 'The address replies should go to, when not the mailbox itself',
};

export function readRecipients(item: Item, name: string, value?: unknown): MailAddress[] {
	return parseAddressList(item.field(name), value === undefined ? item.param(name, '') : value);
}

/** The Reply-To option: one address, or `""`. */
export function readReplyTo(item: Item, value: unknown): string {
	const field = item.field('replyTo');
	const list = parseAddressList(field, value);
	if (list.length > 1) {
		throw field.invalid(`holds ${list.length} addresses`, 'Give one address for replies.');
	}
	return list[0]?.address ?? '';
}
