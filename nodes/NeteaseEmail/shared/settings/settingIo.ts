import type { IDataObject } from 'n8n-workflow';

import type { AccountAddress } from '../helpers/validation';
import type { ApiContext } from '../transport';

/**
 * How a per-account setting is read (in output form) and written: the Settings node's Get and Set
 * and the Employee operations share it.
 */
export interface SettingIo<Wanted extends IDataObject = IDataObject> {
	read(this: ApiContext, address: AccountAddress, itemIndex: number): Promise<IDataObject>;
	/** Writes what is wanted; `current` is what `read` just gave, for settings written in parts. */
	write(
		this: ApiContext,
		address: AccountAddress,
		wanted: Wanted,
		current: IDataObject,
		itemIndex: number,
	): Promise<void>;
}

/** The body every per-account setting call starts from. */
export const accountBody = (address: AccountAddress): IDataObject => ({
	domain: address.domain,
	accountName: address.accountName,
});

export const flag = (value: boolean) => (value ? 1 : 0);
