import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions/locators';
import { DELETED_STATUS, findAccount, resolveAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';

interface Input {
	address: AccountAddress;
	permanent: boolean;
}

export const remove: Operation<Input> = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete an account',
	description: 'Delete an account (recoverable unless permanent)',
	properties: [
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
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		// Only the literal value `true` deletes permanently: an expression yielding "yes" or 1 does not.
		return {
			address: await resolveAccount.call(this, item),
			permanent: item.param('permanent') === true,
		};
	},

	async execute(this: IExecuteFunctions, { address, permanent }: Input, item: Item) {
		const body = { domain: address.domain, accountName: address.accountName };
		const isDeleted = (account: IDataObject | undefined) =>
			permanent ? account === undefined : Number(account?.status) === DELETED_STATUS;
		// An account already gone (or already deleted) is refused, and looks just as a deleted one does.
		const deletable = !isDeleted(await findAccount.call(this, address, item.index));
		const verify = async () =>
			deletable && isDeleted(await findAccount.call(this, address, item.index)) ? {} : undefined;
		await apiRequest.call(
			this,
			permanent ? 'account.deletePermanent' : 'account.deleteRecoverable',
			body,
			{ itemIndex: item.index, verify },
		);
		return {
			deleted: true,
			accountName: address.accountName,
			email: address.email,
			recoverable: !permanent,
		};
	},
};
