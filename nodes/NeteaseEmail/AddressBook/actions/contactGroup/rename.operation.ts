import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { apiRequest, defaultDomain } from '../../../shared/transport';
import type { ContactGroup } from '../../helpers/contactGroups';
import {
	CONTACT_GROUP_NAME_MAX_LENGTH,
	contactGroupLocator,
	contactGroupParam,
	forgetContactGroups,
	getContactGroups,
} from '../../helpers/contactGroups';

interface Input {
	domain: string;
	group: ContactGroup;
	name: string;
}

export const rename: Operation<Input> = {
	value: 'rename',
	name: 'Rename',
	action: 'Rename a contact group',
	description: 'Give a contact group another name; its contacts stay in it',
	properties: [
		contactGroupLocator(),
		{
			displayName: 'New Name',
			name: 'newName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 核心供应商',
		},
	],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		const name = item.text('newName', CONTACT_GROUP_NAME_MAX_LENGTH);
		const group = await contactGroupParam.call(this, item, 'contactGroup', domain);
		const groups = await getContactGroups.call(this, domain, item.index);
		if (groups.some((other) => other.name === name && other.id !== group.id)) {
			throw item
				.field('newName')
				.invalid(`"${name}" is the name of another contact group`, 'Choose another name.');
		}
		return { domain, group, name };
	},

	async execute(this: IExecuteFunctions, { domain, group, name }: Input, item: Item) {
		const changed = group.name !== name;
		if (changed) {
			await apiRequest.call(
				this,
				'contactGroup.update',
				{ domain, groupId: group.id, groupName: name },
				{ itemIndex: item.index },
			);
			forgetContactGroups.call(this, domain);
		}
		return { ...group, name, previousName: group.name, changed };
	},
};
