import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator } from '../../descriptions/locators';
import { resolveAccount } from '../../helpers/accounts';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { AccountAddress } from '../../helpers/validation';
import { invalid } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import type { Operation } from '../operation';
import { ACCOUNT_CONCURRENCY } from '../operation';

/** Login channels (`loginType`) the platform controls per account. */
const CHANNELS = [
	{ name: 'IMAP', value: 'imap' },
	{ name: 'NetEase Flash Mail (Desktop Client)', value: 'flashmail' },
	{ name: 'POP', value: 'pop' },
	{ name: 'SMTP', value: 'smtp' },
	{ name: 'Web Mail', value: 'web' },
	{ name: 'Yixin App', value: 'yixin' },
];

const properties: INodeProperties[] = [
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
			options: [
				{ name: 'Allow', value: 'allow' },
				{ name: 'Deny', value: 'deny' },
			],
		})),
	},
];

interface Input {
	address: AccountAddress;
	channels: Record<string, 'allow' | 'deny'>;
}

export const setLoginPermissions: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['account'], operation: ['setLoginPermissions'] } },
		properties,
	),
	concurrency: ACCOUNT_CONCURRENCY,

	async prepare(this: IExecuteFunctions, i: number) {
		const address = await resolveAccount.call(this, i);
		const channels = this.getNodeParameter('channels', i, {}) as Input['channels'];
		if (Object.keys(channels).length === 0) {
			throw invalid(
				this.getNode(),
				i,
				'Channels',
				'is empty',
				'Add at least one channel to allow or deny.',
			);
		}
		return { address, channels };
	},

	async execute(this: IExecuteFunctions, { address, channels }: Input, i: number) {
		for (const [loginType, setting] of Object.entries(channels)) {
			const body = {
				domain: address.domain,
				accountName: address.accountName,
				loginType,
				loginPerm: setting === 'allow' ? 1 : 0,
			};
			await apiRequest.call(this, 'account.updateLoginPermission', body, {
				itemIndex: i,
				idempotent: true,
			});
		}
		return { accountName: address.accountName, email: address.email, permissions: channels };
	},
};
