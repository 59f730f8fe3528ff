import type { IExecuteFunctions } from 'n8n-workflow';

import { limitOf, returnAllProperties } from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { defaultDomain } from '../../../shared/transport';
import { getContactGroups } from '../../helpers/contactGroups';

interface Input {
	domain: string;
	limit?: number;
}

export const getAll: Operation<Input> = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many contact groups',
	description: 'List the contact groups with how many contacts each holds',
	properties: [...returnAllProperties],

	async prepare(this: IExecuteFunctions, item: Item) {
		return { domain: await defaultDomain.call(this), limit: limitOf(item) };
	},

	async execute(this: IExecuteFunctions, { domain, limit }: Input, item: Item) {
		const groups = await getContactGroups.call(this, domain, item.index);
		return groups.slice(0, limit).map((group) => ({ ...group }));
	},
};
