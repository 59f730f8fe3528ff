import type { INodeProperties } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';

const NAME = 'settingsToChange';

/** Set's collection of a setting with several fields: only the fields added are changed. */
export function settingsToChange(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Settings to Change',
		name: NAME,
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'Settings left out stay as they are on each account',
		options,
	};
}

/** The fields the user added to Settings to Change, as n8n gives them. */
export function readSettingsToChange<T extends object>(item: Item): Partial<T> {
	return item.collection<Partial<T>>(NAME);
}
