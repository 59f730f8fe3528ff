import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator } from '../../descriptions/locators';
import { findAccount, resolveAccount } from '../../helpers/accounts';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { AccountAddress } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import type { Operation } from '../operation';
import { ACCOUNT_CONCURRENCY } from '../operation';

const properties: INodeProperties[] = [
	accountLocator(),
	{
		displayName: 'Delete Permanently',
		name: 'permanent',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the account and its mail for good. Off: the account can be brought back with Account → Restore.',
	},
	{
		displayName: 'Permanent deletion cannot be undone: the mailbox and all its mail are gone',
		name: 'permanentNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { permanent: [true] } },
	},
];

interface Input {
	address: AccountAddress;
	permanent: boolean;
}

export const remove: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['account'], operation: ['delete'] } },
		properties,
	),
	concurrency: ACCOUNT_CONCURRENCY,

	async prepare(this: IExecuteFunctions, i: number) {
		// Only the literal value `true` deletes permanently: an expression yielding "yes" or 1 does not.
		return {
			address: await resolveAccount.call(this, i),
			permanent: this.getNodeParameter('permanent', i) === true,
		};
	},

	async execute(this: IExecuteFunctions, { address, permanent }: Input, i: number) {
		const body = { domain: address.domain, accountName: address.accountName };
		const verify = async () => {
			const account = await findAccount.call(this, address, i);
			return (permanent ? account === undefined : Number(account?.status) === 2) ? {} : undefined;
		};
		await apiRequest.call(
			this,
			permanent ? 'account.deletePermanent' : 'account.deleteRecoverable',
			body,
			{ itemIndex: i, verify },
		);
		return {
			deleted: true,
			accountName: address.accountName,
			email: address.email,
			recoverable: !permanent,
		};
	},
};
