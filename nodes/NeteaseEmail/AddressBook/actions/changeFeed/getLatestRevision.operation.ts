import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { latestRevision } from './changeFeed';

export const getLatestRevision: Operation<null> = {
	value: 'getLatestRevision',
	name: 'Get Latest Revision',
	action: 'Get the latest revision of the address book',
	description: 'Get the number of the newest change in the address book',
	properties: [],

	async prepare() {
		return null;
	},

	async execute(this: IExecuteFunctions, _input: null, item: Item) {
		return { revision: await latestRevision(this, item.index) };
	},
};
