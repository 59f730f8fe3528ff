import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import { mailboxLocator, resolveMailbox } from '../../helpers/mailbox';
import { midParameter, parseMid } from '../../helpers/messageIds';

interface Input {
	mailbox: AccountAddress;
	mid: string;
}

export const recall: Operation<Input> = {
	value: 'recall',
	name: 'Recall',
	action: 'Recall a message',
	description:
		'Take back a sent message from recipients in the organisation who have not read it yet; the output says what became of each recipient',
	properties: [
		mailboxLocator({ description: 'The mailbox that sent the message' }),
		{
			...midParameter,
			description: 'The ID of the message in the mailbox\'s Sent folder ("mid" in Send\'s output)',
		},
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return {
			mailbox: await resolveMailbox.call(this, item),
			mid: parseMid(item.field('mid'), item.param('mid')),
		};
	},

	async execute(this: IExecuteFunctions, { mailbox, mid }: Input, item: Item) {
		const body = { domain: mailbox.domain, accountName: mailbox.accountName, mid };
		const answer = await apiRequest.call(this, 'message.recall', body, { itemIndex: item.index });
		const results = ((answer?.results as IDataObject[] | undefined) ?? []).map(
			({ address, outcome, reason }) => ({
				address: String(address ?? ''),
				outcome: String(outcome ?? ''),
				reason: String(reason ?? ''),
			}),
		);
		const recalled = results.filter(({ outcome }) => outcome === 'recalled').length;
		return { mid, recalled, notRecalled: results.length - recalled, results };
	},
};
