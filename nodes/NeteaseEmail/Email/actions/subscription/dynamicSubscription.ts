import type { INodeProperties } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest } from '../../../shared/transport';

export type PushSource = 'pushmail' | 'orgevent';

/** What the callback URL receives (reference §10.8). */
export const sourceProperty: INodeProperties = {
	displayName: 'Source',
	name: 'source',
	type: 'options',
	default: 'pushmail',
	options: [
		{
			name: 'New Mail',
			value: 'pushmail',
			description: 'A message arrives in a subscribed mailbox (Subscribe Mailbox)',
		},
		{
			name: 'Organisation Changes',
			value: 'orgevent',
			description: 'Accounts and departments are added, changed or deleted',
		},
	],
};

export function sourceOf(item: Item): PushSource {
	const source = item.param<string>('source', 'pushmail');
	if (source !== 'pushmail' && source !== 'orgevent') {
		throw item
			.field('source')
			.invalid(
				`"${source}" is not a source`,
				'Use "pushmail" (New Mail) or "orgevent" (Organisation Changes).',
			);
	}
	return source;
}

/** The URL registered for a source, or null; the body carries the CorpID, not a domain. */
export async function registeredUrl(
	this: ApiContext,
	orgOpenId: string,
	source: PushSource,
	itemIndex?: number,
): Promise<string | null> {
	const data = await apiRequest.call(
		this,
		'subscription.get',
		{ orgOpenId, source },
		{ itemIndex },
	);
	return typeof data?.url === 'string' && data.url ? data.url : null;
}
