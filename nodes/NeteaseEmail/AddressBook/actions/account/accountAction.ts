import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions/locators';
import { findAccount, resolveAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import type { EndpointKey } from '../../../shared/transport/endpoints';
import { apiRequest } from '../../../shared/transport';

interface AccountActionSpec extends Pick<Operation, 'value' | 'name' | 'action' | 'description'> {
	endpoint: EndpointKey;
	/** For writes: whether the account, as read back, shows the write took effect. */
	applied?: (account: IDataObject | undefined) => boolean;
	/**
	 * For writes the platform refuses on some accounts, leaving them just as `applied` expects
	 * (e.g. Restore of an account that was never deleted): whether the write can take effect on
	 * the account as it was, looked up before the call.
	 */
	applies?: (before: IDataObject | undefined) => boolean;
	output: (address: AccountAddress, data: IDataObject) => IDataObject;
	properties?: INodeProperties[];
}

/** An operation that sends one account-addressed call with no other parameters. */
export function accountAction(spec: AccountActionSpec): Operation<AccountAddress> {
	const { applied, applies, endpoint, output, properties = [], ...labels } = spec;
	return {
		...labels,
		properties: [accountLocator(), ...properties],
		concurrency: PARALLEL_ITEMS,

		async prepare(this: IExecuteFunctions, item: Item) {
			return await resolveAccount.call(this, item);
		},

		async execute(this: IExecuteFunctions, address: AccountAddress, item: Item) {
			const look = async () => await findAccount.call(this, address, item.index);
			// When this call cannot be what made `applied` true, it is sent again: the platform says why.
			const possible = applies ? applies(await look()) : true;
			const verify = applied
				? async () => (possible && applied(await look()) ? {} : undefined)
				: undefined;
			const data = await apiRequest.call(
				this,
				endpoint,
				{ domain: address.domain, accountName: address.accountName },
				{ itemIndex: item.index, verify },
			);
			return output(address, data ?? {});
		},
	};
}
