import type { IExecuteFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { attachmentsOption, checkAttachments } from '../../helpers/attachments';
import type { Draft } from '../../helpers/compose';
import { bodyProperties, readBodies, readSubject, sendDraft } from '../../helpers/compose';
import { mailboxLocator, resolveMailbox } from '../../helpers/mailbox';
import {
	readRecipients,
	readReplyTo,
	recipientsParameter,
	replyToOption,
} from '../../helpers/recipients';

interface Input {
	mailbox: AccountAddress;
	draft: Draft;
}

export const send: Operation<Input> = {
	value: 'send',
	name: 'Send',
	action: 'Send a message',
	description: 'Send a message from a mailbox of the organisation, with attachments',
	properties: [
		mailboxLocator({ description: 'The mailbox the message is sent from' }),
		recipientsParameter('To', 'to'),
		recipientsParameter('CC', 'cc'),
		recipientsParameter('BCC', 'bcc'),
		{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
		...bodyProperties,
		optionsCollection([attachmentsOption, replyToOption]),
	],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const mailbox = await resolveMailbox.call(this, item);
		const to = readRecipients(item, 'to');
		const cc = readRecipients(item, 'cc');
		const bcc = readRecipients(item, 'bcc');
		if (to.length + cc.length + bcc.length === 0) {
			throw item
				.field('to')
				.invalid(
					'is empty, and so are CC and BCC',
					'Give at least one recipient in To, CC or BCC.',
				);
		}
		const options = item.collection<{ replyTo?: unknown; attachments?: unknown }>('options');
		const draft: Draft = {
			to,
			cc,
			bcc,
			subject: readSubject(item),
			...readBodies(item),
			replyTo: readReplyTo(item, options.replyTo),
			inReplyTo: '',
			references: '',
			attachments: await checkAttachments.call(this, item, options.attachments),
		};
		return { mailbox, draft };
	},

	async execute(this: IExecuteFunctions, { mailbox, draft }: Input, item: Item) {
		return await sendDraft.call(this, mailbox, draft, item.index);
	},
};
