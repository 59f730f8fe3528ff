import type { IDataObject } from 'n8n-workflow';

import { apiRequest } from '../transport';
import type { SettingIo } from './settingIo';
import { accountBody, flag } from './settingIo';

/** The platform forwards to at most this many addresses. */
export const MAX_FORWARD_ADDRESSES = 5;

export interface Forwarding extends IDataObject {
	enabled?: boolean;
	/** Lower-case addresses, sorted. */
	forwardTo?: string[];
	keepCopy?: boolean;
}

export const forwardingIo: SettingIo<Forwarding> = {
	async read(address, itemIndex) {
		const data = await apiRequest.call(this, 'forward.get', accountBody(address), { itemIndex });
		const addresses = Array.isArray(data.addresses) ? data.addresses.map(String) : [];
		return {
			enabled: Number(data.enabled) === 1,
			forwardTo: addresses.map((entry) => entry.toLowerCase()).sort(),
			keepCopy: Number(data.keepCopy ?? 1) === 1,
		};
	},
	async write(address, wanted, _current, itemIndex) {
		const body: IDataObject = accountBody(address);
		if (wanted.enabled !== undefined) body.enabled = flag(wanted.enabled);
		if (wanted.forwardTo !== undefined) body.addresses = wanted.forwardTo.join(',');
		if (wanted.keepCopy !== undefined) body.keepCopy = flag(wanted.keepCopy);
		await apiRequest.call(this, 'forward.update', body, { itemIndex });
	},
};
