import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator } from '../../descriptions/locators';
import { findAccount, resolveAccount } from '../../helpers/accounts';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { AccountAddress } from '../../helpers/validation';
import type { EndpointKey } from '../../transport/endpoints';
import { apiRequest } from '../../transport';
import type { Operation } from '../operation';
import { ACCOUNT_CONCURRENCY } from '../operation';

interface AccountActionSpec {
	operation: string;
	endpoint: EndpointKey;
	/** For writes: whether the account, as read back, shows the write took effect. */
	applied?: (account: IDataObject | undefined) => boolean;
	output: (address: AccountAddress, data: IDataObject) => IDataObject;
	properties?: INodeProperties[];
}

/** An operation that sends one account-addressed call with no other parameters. */
export function accountAction(spec: AccountActionSpec): Operation<AccountAddress> {
	const { applied } = spec;
	return {
		description: updateDisplayOptions(
			{ show: { resource: ['account'], operation: [spec.operation] } },
			[accountLocator(), ...(spec.properties ?? [])],
		),
		concurrency: ACCOUNT_CONCURRENCY,

		async prepare(this: IExecuteFunctions, i: number) {
			return await resolveAccount.call(this, i);
		},

		async execute(this: IExecuteFunctions, address: AccountAddress, i: number) {
			const verify = applied
				? async () => (applied(await findAccount.call(this, address, i)) ? {} : undefined)
				: undefined;
			const data = await apiRequest.call(
				this,
				spec.endpoint,
				{ domain: address.domain, accountName: address.accountName },
				{ itemIndex: i, verify },
			);
			return spec.output(address, data ?? {});
		},
	};
}
