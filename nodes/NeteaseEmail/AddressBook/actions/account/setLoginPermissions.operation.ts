import type { IExecuteFunctions } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions/locators';
import { resolveAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { validateChoice } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';

const SETTINGS = [
	{ name: 'Allow', value: 'allow' as const },
	{ name: 'Deny', value: 'deny' as const },
];

/** Login channels (`loginType`) the platform controls per account. */
const CHANNELS = [
	{ name: 'IMAP', value: 'imap' },
	{ name: 'NetEase Flash Mail (Desktop Client)', value: 'flashmail' },
	{ name: 'POP', value: 'pop' },
	{ name: 'SMTP', value: 'smtp' },
	{ name: 'Web Mail', value: 'web' },
	{ name: 'Yixin App', value: 'yixin' },
];

interface Input {
	address: AccountAddress;
	channels: Record<string, 'allow' | 'deny'>;
}

export const setLoginPermissions: Operation<Input> = {
	value: 'setLoginPermissions',
	name: 'Set Login Permissions',
	action: 'Set login permissions of an account',
	description:
		'Allow or deny web, IMAP, POP, SMTP and client logins of an account; denying them locks it out',
	// Denying every login cuts the person off as Suspend does.
	changes: 'destructive',
	properties: [
		accountLocator(),
		{
			displayName: 'Channels',
			name: 'channels',
			type: 'collection',
			placeholder: 'Add Channel',
			default: {},
			description: 'Channels left out keep their current setting',
			options: CHANNELS.map(({ name, value }) => ({
				displayName: name,
				name: value,
				type: 'options',
				default: 'allow',
				options: SETTINGS,
			})),
		},
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const address = await resolveAccount.call(this, item);
		const given = item.collection<Record<string, unknown>>('channels');
		if (Object.keys(given).length === 0) {
			throw item
				.field('channels')
				.invalid('is empty', 'Add at least one channel to allow or deny.');
		}
		const channels: Input['channels'] = {};
		for (const [channel, setting] of Object.entries(given))
			channels[channel] = validateChoice(item.field(channel), setting, SETTINGS);
		return { address, channels };
	},

	async execute(this: IExecuteFunctions, { address, channels }: Input, item: Item) {
		for (const [loginType, setting] of Object.entries(channels)) {
			const body = {
				domain: address.domain,
				accountName: address.accountName,
				loginType,
				loginPerm: setting === 'allow' ? 1 : 0,
			};
			await apiRequest.call(this, 'account.updateLoginPermission', body, {
				itemIndex: item.index,
			});
		}
		return { accountName: address.accountName, email: address.email, permissions: channels };
	},
};
