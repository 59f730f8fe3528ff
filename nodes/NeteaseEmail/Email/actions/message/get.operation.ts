import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	optionsCollection,
	simplifyOption,
	wantsSimplified,
} from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { FileItem, PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { requireText } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import { mailboxLocator, resolveMailbox } from '../../helpers/mailbox';
import { midParameter, parseMid } from '../../helpers/messageIds';
import { simplifyMessage } from '../../helpers/messageOutput';
import { getMessage } from '../../helpers/messages';

interface Input {
	mailbox: AccountAddress;
	mid: string;
	/** Binary property prefix when attachments are downloaded. */
	attachmentPrefix?: string;
	simplify: boolean;
}

interface Options {
	downloadAttachments?: boolean;
	attachmentPrefix?: unknown;
}

export const get: Operation<Input> = {
	value: 'get',
	name: 'Get',
	action: 'Get a message',
	description:
		'Get one message with its text and HTML bodies (for an AI agent: one plain-text body), optionally its attachments as files',
	mailBody: { text: 'text', html: 'html' },
	properties: [
		mailboxLocator({ description: 'The mailbox that holds the message' }),
		midParameter,
		optionsCollection([
			{
				displayName: 'Attachment Prefix',
				name: 'attachmentPrefix',
				type: 'string',
				default: 'attachment_',
				description:
					'With Download Attachments: the binary properties are named this prefix followed by 0, 1, 2…',
			},
			{
				displayName: 'Download Attachments',
				name: 'downloadAttachments',
				type: 'boolean',
				default: false,
				description: "Whether to put the message's attachments on the output item as files",
			},
			simplifyOption,
		]),
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const options = item.collection<Options>('options');
		return {
			mailbox: await resolveMailbox.call(this, item),
			mid: parseMid(item.field('mid'), item.param('mid')),
			attachmentPrefix:
				options.downloadAttachments === true
					? requireText(item.field('attachmentPrefix'), options.attachmentPrefix ?? 'attachment_')
					: undefined,
			simplify: wantsSimplified(item),
		};
	},

	async execute(
		this: IExecuteFunctions,
		{ mailbox, mid, attachmentPrefix, simplify }: Input,
		item: Item,
	) {
		const message = await getMessage.call(this, mailbox, mid, item.index);
		const json = simplify ? simplifyMessage(message) : message;
		const attachments = (message.attachments as IDataObject[] | undefined) ?? [];
		if (attachmentPrefix === undefined || attachments.length === 0) return json;
		const binary: IBinaryKeyData = {};
		for (const [index, attachment] of attachments.entries()) {
			const body = {
				domain: mailbox.domain,
				accountName: mailbox.accountName,
				mid,
				partId: String(attachment.partId),
			};
			const file = await apiRequest.call(this, 'message.attachment', body, {
				itemIndex: item.index,
			});
			binary[`${attachmentPrefix}${index}`] = await this.helpers.prepareBinaryData(
				Buffer.from(String(file.content ?? ''), 'base64'),
				String(file.fileName ?? attachment.fileName ?? `attachment_${index}`),
				String(file.mimeType ?? attachment.mimeType ?? 'application/octet-stream'),
			);
		}
		return new FileItem(json, binary);
	},
};
