import { apiRequest } from '../transport';
import type { SettingIo } from './settingIo';
import { accountBody, flag } from './settingIo';

export const twoFactorIo: SettingIo<{ enabled: boolean }> = {
	async read(address, itemIndex) {
		const data = await apiRequest.call(this, 'secondFactor.get', accountBody(address), {
			itemIndex,
		});
		return { enabled: Number(data.enabled) === 1 };
	},
	async write(address, { enabled }, _current, itemIndex) {
		const body = { ...accountBody(address), enabled: flag(enabled) };
		await apiRequest.call(this, 'secondFactor.update', body, { itemIndex });
	},
};
