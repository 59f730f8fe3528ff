import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { forEachTargetAccount } from '../../helpers/perAccount';
import type { Targets } from '../../helpers/targets';
import { readTargets, targetProperties } from '../../helpers/targets';
import type { ListType } from './senderLists';
import { listProperty, readList, readListType } from './senderLists';

interface Input {
	targets: Targets;
	list: ListType;
}

export const get: Operation<Input> = {
	value: 'get',
	name: 'Get',
	action: 'Get a sender list',
	description: "Read the black or white list of an account, a department's accounts or everyone's",
	properties: [listProperty, ...targetProperties(false)],

	async prepare(this: IExecuteFunctions, item: Item) {
		return { list: readListType(item), targets: await readTargets.call(this, item, false) };
	},

	async execute(this: IExecuteFunctions, { targets, list }: Input, item: Item) {
		return await forEachTargetAccount.call(this, targets, item.index, async (address) => ({
			email: address.email,
			list,
			entries: await readList.call(this, address, list, item.index),
		}));
	},
};
