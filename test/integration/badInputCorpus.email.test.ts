import type { INodeParameters } from 'n8n-workflow';

import { EMAIL_NODE_TYPE } from '../support/netease';
import type { BadInput } from './badInputCorpus.support';
import { address, describeBadInputs, DOMAIN, longText } from './badInputCorpus.support';

const send = (fields: INodeParameters): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	mailbox: address('zhang.wei'),
	to: `li.na@${DOMAIN}`,
	subject: '周会纪要',
	text: '大家好。',
	...fields,
});

const message = (operation: string, fields: INodeParameters): INodeParameters => ({
	resource: 'message',
	operation,
	mailbox: address('zhang.wei'),
	...fields,
});

/** 50 MiB and one byte: the one oversized attachment of the corpus. */
const OVERSIZED = Buffer.alloc(52_428_801, 1);

const rows: BadInput[] = [
	// Send: mailbox and recipients
	{
		case: 'Send: mailbox in another domain',
		parameters: send({ mailbox: address('zhang.wei@other.example.com') }),
		error: `Mailbox "zhang.wei@other.example.com" is not in the domain ${DOMAIN} [item 0]`,
	},
	{
		case: 'Send: mailbox empty from an expression',
		parameters: send({ mailbox: address('={{ "" }}') }),
		error: 'Mailbox is empty [item 0]',
	},
	{
		case: 'Send: no recipient at all',
		parameters: send({ to: '={{ null }}' }),
		error: 'To is empty, and so are CC and BCC [item 0]',
	},
	{
		case: 'Send: a recipient that is not an address',
		parameters: send({ to: 'li.na' }),
		error: 'To "li.na" is not a mail address [item 0]',
	},
	{
		case: 'Send: a number as the recipient',
		parameters: send({ to: '={{ 123 }}' }),
		error: 'To contains 123, which is not an address [item 0]',
	},
	{
		case: 'Send: an object without an address as the recipient',
		parameters: send({ to: '={{ {a: 1} }}' }),
		error: 'To contains {"a":1}, which is not an address [item 0]',
	},
	{
		case: 'Send: CRLF header injection after a recipient',
		parameters: send({ to: `li.na@${DOMAIN}\r\nBcc: spy@evil.example` }),
		error: 'To "Bcc: spy@evil.example" is not a mail address [item 0]',
	},
	{
		case: 'Send: CRLF header injection in a display name',
		parameters: send({ to: `"Li\r\nBcc: spy@evil.example" <li.na@${DOMAIN}>` }),
		error: 'To has a display name that contains a line break [item 0]',
	},
	{
		case: 'Send: full-width "＠" in a CC address',
		parameters: send({ cc: `wang.fang\uFF20${DOMAIN}` }),
		error: `CC "wang.fang\uFF20${DOMAIN}" contains "\uFF20" (U+FF20, full-width), which only looks like "@" [item 0]`,
	},
	{
		case: 'Send: a Cyrillic look-alike in a BCC domain',
		parameters: send({ bcc: 'partner@ex\u0430mple.org' }),
		error:
			'BCC "partner@ex\u0430mple.org" contains "\u0430" (U+0430, Cyrillic), which only looks like "a" [item 0]',
	},
	{
		case: 'Send: a zero-width space in an address',
		parameters: send({ to: `li\u200B.na@${DOMAIN}` }),
		error: 'To contains an invisible character (U+200B, zero-width space) [item 0]',
	},
	{
		case: 'Send: an address with a 65-character local part',
		parameters: send({ to: `${longText(65)}@${DOMAIN}` }),
		error: `To "${longText(65)}@${DOMAIN}" is not a mail address [item 0]`,
	},
	// Send: subject, bodies, options
	{
		case: 'Send: CRLF header injection in the subject',
		parameters: send({ subject: 'Hello\r\nBcc: spy@evil.example' }),
		error: 'Subject contains a line break [item 0]',
	},
	{
		case: 'Send: an object as the subject',
		parameters: send({ subject: '={{ {a: 1} }}' }),
		error: 'Subject is an object, not text [item 0]',
	},
	{
		case: 'Send: a control character in the subject',
		parameters: send({ subject: 'Hello\u0000world' }),
		error: 'Subject contains a control character (U+0000) [item 0]',
	},
	{
		case: 'Send: both bodies whitespace only',
		parameters: send({ text: '   ', html: '\n' }),
		error: 'Text Body and HTML Body are both empty [item 0]',
	},
	{
		case: 'Send: two Reply-To addresses',
		parameters: send({ options: { replyTo: `a@${DOMAIN}, b@${DOMAIN}` } }),
		error: 'Reply-To holds 2 addresses [item 0]',
	},
	{
		case: 'Send: an attachment property the item does not have',
		parameters: send({ options: { attachments: 'invoice' } }),
		error:
			'Attachments names "invoice", but the input item has no binary property of that name [item 0]',
	},
	{
		case: 'Send: attachments over 50 MiB',
		parameters: send({ options: { attachments: 'data' } }),
		inputItems: [
			{
				json: {},
				binary: {
					data: {
						data: OVERSIZED.toString('base64'),
						fileName: 'big.bin',
						mimeType: 'application/octet-stream',
					},
				},
			},
		],
		error:
			'Attachments total 50 MiB (52428801 bytes), more than the 50 MiB (52428800 bytes) one message may carry [item 0]',
	},
	// Message IDs and folders
	{
		case: 'Reply: a Message-ID header instead of a message ID',
		parameters: message('reply', { mid: `<abc@${DOMAIN}>`, text: 'ok' }),
		error: `Message ID "<abc@${DOMAIN}>" is a Message-ID header, not a message ID [item 0]`,
	},
	{
		case: 'Recall: path traversal as the message ID',
		parameters: message('recall', { mid: '../../etc/passwd' }),
		error: 'Message ID "../../etc/passwd" is not a message ID [item 0]',
	},
	{
		case: 'Get: an object as the message ID',
		parameters: message('get', { mid: '={{ {id: 1} }}' }),
		error: 'Message ID is an object, not text [item 0]',
	},
	{
		case: 'Get: attachment prefix whitespace only',
		parameters: message('get', {
			mid: 'abc',
			options: { downloadAttachments: true, attachmentPrefix: '  ' },
		}),
		error: 'Attachment Prefix is empty [item 0]',
	},
	{
		case: 'Delete: an empty list of message IDs',
		parameters: message('delete', { mids: '={{ [] }}' }),
		error: 'Message IDs is empty [item 0]',
	},
	{
		case: 'Mark as Read: SQL injection in the message IDs',
		parameters: message('markAsRead', { mids: "abc'; DROP TABLE mail;--" }),
		error: `Message IDs "abc'" is not a message ID [item 0]`,
	},
	{
		case: 'Move to Folder: folder 9',
		parameters: message('move', { mids: 'abc', folder: '={{ 9 }}' }),
		error: 'Folder "9" is not a folder [item 0]',
	},
	{
		case: 'Get Many: a folder that does not exist',
		parameters: message('getAll', { folders: '={{ ["inbox", "trash"] }}' }),
		error: 'Folders "trash" is not a folder [item 0]',
	},
	{
		case: 'Get Many: Received After later than Received Before',
		parameters: message('getAll', {
			filters: {
				receivedAfter: '2026-03-02T00:00:00+08:00',
				receivedBefore: '2026-03-01T00:00:00+08:00',
			},
		}),
		error:
			'Received After (2026-03-01T16:00:00.000Z) is not before Received Before (2026-02-28T16:00:00.000Z) [item 0]',
	},
	{
		case: 'Get Many: Received After is not a date',
		parameters: message('getAll', { filters: { receivedAfter: 'yesterday' } }),
		error: 'Received After "yesterday" is not a date and time [item 0]',
	},
	{
		case: 'Get Many: a negative limit',
		parameters: message('getAll', { limit: -1 }),
		error: 'Limit "-1" is not a whole number from 1 to 1000000 [item 0]',
	},
	// Mailbox and subscriptions
	{
		case: 'Get Unread Count: folder 9',
		parameters: {
			resource: 'mailbox',
			operation: 'getUnreadCount',
			mailbox: address('zhang.wei'),
			folders: '={{ [1, 9] }}',
		},
		error: 'Folders has "9", which is not a folder [item 0]',
	},
	{
		case: 'Hand Over: the successor is the leaver',
		parameters: {
			resource: 'mailbox',
			operation: 'handOver',
			mailbox: address('zhang.wei'),
			successor: address(`zhang.wei@${DOMAIN}`),
		},
		error: `Successor "zhang.wei@${DOMAIN}" is the mailbox being handed over [item 0]`,
	},
	{
		case: 'Hand Over: a wait of a day',
		parameters: {
			resource: 'mailbox',
			operation: 'handOver',
			mailbox: address('zhang.wei'),
			successor: address('li.na'),
			waitForCompletion: true,
			maxWait: 86400,
		},
		error: 'Max Wait (Seconds) "86400" is not between 1 and 3600 seconds [item 0]',
	},
	{
		case: 'Register: an ftp callback URL',
		parameters: {
			resource: 'subscription',
			operation: 'register',
			url: 'ftp://n8n.example.com/hook',
		},
		error: 'Callback URL "ftp://n8n.example.com/hook" is not an http or https URL [item 0]',
	},
	{
		case: 'Register: a javascript: URL',
		parameters: { resource: 'subscription', operation: 'register', url: 'javascript:alert(1)' },
		error: 'Callback URL "javascript:alert(1)" is not an http or https URL [item 0]',
	},
	{
		case: 'Register: a line break inside the URL',
		parameters: {
			resource: 'subscription',
			operation: 'register',
			url: 'https://n8n.example.com/hook\r\nX-Injected: 1',
		},
		error: 'Callback URL contains a line break [item 0]',
	},
	{
		case: 'Register: not a source',
		parameters: {
			resource: 'subscription',
			operation: 'register',
			url: 'https://n8n.example.com/hook',
			source: '={{ "spam" }}',
		},
		error: 'Source "spam" is not a source [item 0]',
	},
];

describeBadInputs('Bad-input corpus: Email', EMAIL_NODE_TYPE, rows);
