import type { IExecuteFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { attachmentsOption, checkAttachments } from '../../helpers/attachments';
import type { Draft } from '../../helpers/compose';
import { bodyProperties, readBodies, sendDraft } from '../../helpers/compose';
import { mailboxLocator, resolveMailbox } from '../../helpers/mailbox';
import { midParameter, parseMid } from '../../helpers/messageIds';
import { getMessage } from '../../helpers/messages';
import { readRecipients, recipientsParameter } from '../../helpers/recipients';
import { replyRecipients, replySubject, threading, withQuote } from './replyDraft';

interface Input {
	mailbox: AccountAddress;
	draft: Draft;
}

interface Options {
	attachments?: unknown;
	cc?: unknown;
	quoteOriginal?: boolean;
}

export const reply: Operation<Input> = {
	value: 'reply',
	name: 'Reply',
	action: 'Reply to a message',
	description:
		'Reply to a message of the mailbox, in its thread: to its sender (or Reply-To), or to everyone with Reply All',
	properties: [
		mailboxLocator({ description: 'The mailbox that received the message and sends the reply' }),
		midParameter,
		{
			displayName: 'Reply All',
			name: 'replyAll',
			type: 'boolean',
			default: false,
			description:
				"Whether to also send the reply to the original's To and CC recipients, except this mailbox",
		},
		...bodyProperties,
		optionsCollection([
			attachmentsOption,
			{
				...recipientsParameter('CC', 'cc'),
				description: 'More recipients to copy, comma-separated "Name &lt;address&gt;" or "address"',
			},
			{
				displayName: 'Quote Original',
				name: 'quoteOriginal',
				type: 'boolean',
				default: false,
				description:
					'Whether to append the original message, quoted, below each body of the reply, after an "On [date], [sender] wrote:" line',
			},
		]),
	],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const mailbox = await resolveMailbox.call(this, item);
		const mid = parseMid(item.field('mid'), item.param('mid'));
		const bodies = readBodies(item);
		const options = item.collection<Options>('options');
		const extraCc = readRecipients(item, 'cc', options.cc ?? '');
		const attachments = await checkAttachments.call(this, item, options.attachments);
		// Read here, so an unknown message stops the run before any item sends.
		const original = await getMessage.call(this, mailbox, mid, item.index);
		const { to, cc } = replyRecipients(
			original,
			mailbox.email,
			item.param<unknown>('replyAll', false) === true,
			extraCc,
		);
		if (to.length + cc.length === 0) {
			throw item
				.field('mid')
				.invalid(
					`"${mid}" has no one to reply to: its only recipient is this mailbox`,
					'Add recipients under Options → CC.',
				);
		}
		const draft: Draft = {
			to,
			cc,
			bcc: [],
			subject: replySubject(original.subject),
			...(options.quoteOriginal === true
				? withQuote(bodies, original, this.getTimezone())
				: bodies),
			replyTo: '',
			...threading(original),
			attachments,
		};
		return { mailbox, draft };
	},

	async execute(this: IExecuteFunctions, { mailbox, draft }: Input, item: Item) {
		const sent = await sendDraft.call(this, mailbox, draft, item.index);
		return { ...sent, inReplyTo: draft.inReplyTo };
	},
};
