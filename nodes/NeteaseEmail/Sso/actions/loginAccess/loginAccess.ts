import type { IDataObject } from 'n8n-workflow';

import type { Target } from '../../../shared/directory/targets';
import { targetOutput, wireTarget } from '../../../shared/directory/targets';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest } from '../../../shared/transport';

/** The web mail functions a single sign-on may open (inferred, as the sandbox defines them). */
export const MODULES = [
	{ name: 'Calendar', value: 'calendar' },
	{ name: 'Contacts', value: 'contacts' },
	{ name: 'Mail', value: 'mail' },
	{ name: 'Net Disk', value: 'netdisk' },
	{ name: 'Settings', value: 'settings' },
];

export const TARGET_SUBJECT = 'single sign-on access';

export async function readModules(
	this: ApiContext,
	target: Target,
	itemIndex: number,
): Promise<string[]> {
	const data = await apiRequest.call(this, 'loginAccess.get', wireTarget(target), { itemIndex });
	const modules = Array.isArray(data.modules)
		? data.modules.map(String)
		: MODULES.map((m) => m.value);
	return modules.sort();
}

export function accessOutput(target: Target, modules: string[]): IDataObject {
	return { ...targetOutput(target), modules };
}
