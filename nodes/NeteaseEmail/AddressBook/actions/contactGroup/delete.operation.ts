import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { apiRequest, defaultDomain } from '../../../shared/transport';
import type { ContactGroup } from '../../helpers/contactGroups';
import {
	contactGroupLocator,
	contactGroupParam,
	forgetContactGroups,
	getContactGroups,
} from '../../helpers/contactGroups';

interface Input {
	domain: string;
	group: ContactGroup;
}

export const remove: Operation<Input> = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a contact group',
	description: 'Delete a contact group; its contacts stay, outside the group',
	properties: [contactGroupLocator()],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		return { domain, group: await contactGroupParam.call(this, item, 'contactGroup', domain) };
	},

	async execute(this: IExecuteFunctions, { domain, group }: Input, item: Item) {
		const isGone = async () => {
			forgetContactGroups.call(this, domain);
			const groups = await getContactGroups.call(this, domain, item.index);
			return groups.some((candidate) => candidate.id === group.id) ? undefined : {};
		};
		await apiRequest.call(
			this,
			'contactGroup.delete',
			{ domain, groupId: group.id },
			{ itemIndex: item.index, verify: isGone },
		);
		forgetContactGroups.call(this, domain);
		return { deleted: true, id: group.id, name: group.name };
	},
};
