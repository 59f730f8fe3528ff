import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	limitOf,
	optionsCollection,
	returnAllProperties,
	simplifyOption,
	wantsSimplified,
} from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { apiRequestAllItems, defaultDomain } from '../../../shared/transport';
import type { ContactGroup } from '../../helpers/contactGroups';
import { contactGroupLocator, optionalContactGroupParam } from '../../helpers/contactGroups';
import { contactsOutput, toContact } from './contactBook';

interface Input {
	domain: string;
	group?: ContactGroup;
	limit?: number;
	simplify: boolean;
}

export const getAll: Operation<Input> = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many contacts',
	description: 'List the public contacts, optionally of one contact group',
	properties: [
		contactGroupLocator({
			required: false,
			description: 'Only the contacts in this group; leave empty for all contacts',
		}),
		...returnAllProperties,
		optionsCollection([simplifyOption]),
	],

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		return {
			domain,
			group: await optionalContactGroupParam.call(this, item, 'contactGroup', domain),
			limit: limitOf(item),
			simplify: wantsSimplified(item),
		};
	},

	async execute(this: IExecuteFunctions, { domain, group, limit, simplify }: Input, item: Item) {
		const body: IDataObject = { domain };
		if (group) body.groupId = group.id;
		const records = await apiRequestAllItems.call(this, 'contact.list', body, {
			itemIndex: item.index,
			limit,
		});
		if (!simplify) return records;
		return await contactsOutput.call(this, records.map(toContact), domain, item.index);
	},
};
