import type { IExecuteFunctions } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions/locators';
import { resolveAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { validateChoice, validateMessageId } from '../../../shared/helpers/validation';
import { loginLink } from '../../../shared/sso/loginLink';
import { defaultDomain } from '../../../shared/transport';

/** Folder ids (reference §10.5) and the web mail's folder view module (§8). */
const FOLDERS = [
	{ name: 'Deleted', value: 4 },
	{ name: 'Drafts', value: 2 },
	{ name: 'Inbox', value: 1 },
	{ name: 'Sent', value: 3 },
	{ name: 'Spam', value: 5 },
];
const LANGUAGES = [
	{ name: 'Chinese', value: 0 },
	{ name: 'English', value: 1 },
];
const folderModule = (fid: number) =>
	`mbox.ListModule|${JSON.stringify({ fid, order: 'date', desc: true })}`;

interface Input {
	address: AccountAddress;
	skipSecondFactor: boolean;
	/** Query parameters the landing page reads besides the sign. */
	query: Record<string, string>;
}

export const get: Operation<Input> = {
	value: 'get',
	name: 'Get',
	action: 'Get a one-click login link',
	description:
		'A link that signs the account in to web mail, optionally opening a message or a folder',
	properties: [
		accountLocator({
			description: 'The account the link signs in; it must belong to the organisation',
		}),
		{
			displayName: 'Open',
			name: 'open',
			type: 'options',
			default: 'mailbox',
			options: [
				{ name: 'A Folder', value: 'folder' },
				{
					name: 'A Message',
					value: 'message',
					description: 'By the message ID that Message → Get Many outputs',
				},
				{
					name: 'The Mailbox',
					value: 'mailbox',
					description: 'Web mail as it opens after a login',
				},
			],
		},
		{
			displayName: 'Message ID',
			name: 'messageId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. ABsAMADBE3Y13ePXA4VlNaol',
			displayOptions: { show: { open: ['message'] } },
		},
		{
			displayName: 'Folder',
			name: 'folder',
			type: 'options',
			default: 1,
			options: FOLDERS,
			displayOptions: { show: { open: ['folder'] } },
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'options',
			default: 0,
			options: LANGUAGES,
		},
		{
			displayName: 'Skip Second-Factor Check',
			name: 'skipSecondFactor',
			type: 'boolean',
			default: false,
			description:
				'Whether the link signs in without the second-factor (2FA) check. Switch it on only when your workflow has verified the person itself, e.g. with its own MFA: anyone holding the link is let in.',
		},
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const address = await resolveAccount.call(this, item);
		const domain = await defaultDomain.call(this);
		if (address.domain !== domain) {
			throw item
				.field('account')
				.invalid(
					`"${address.email}" is not in the organisation's domain ${domain}`,
					'Single sign-on works for accounts of the organisation only.',
				);
		}
		const language = validateChoice(item.field('language'), item.param('language'), LANGUAGES);
		const query: Record<string, string> = { lang: String(language) };
		const open = item.param<string>('open');
		if (open === 'message')
			query.mid = validateMessageId(item.field('messageId'), item.param('messageId'));
		if (open === 'folder')
			query.module = folderModule(
				validateChoice(item.field('folder'), item.param('folder'), FOLDERS),
			);
		return { address, skipSecondFactor: item.param('skipSecondFactor') === true, query };
	},

	async execute(this: IExecuteFunctions, { address, skipSecondFactor, query }: Input, item: Item) {
		const link = await loginLink.call(this, address, { skipSecondFactor, query }, item.index);
		return {
			accountName: address.accountName,
			email: address.email,
			url: link.url,
			expiresAt: link.expiresAt,
			skipsSecondFactor: skipSecondFactor,
		};
	},
};
