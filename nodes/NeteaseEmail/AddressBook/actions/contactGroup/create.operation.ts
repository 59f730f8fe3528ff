import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	ifExistsOption,
	optionsCollection,
	reusesExisting,
} from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { defaultDomain, tryApiRequest } from '../../../shared/transport';
import type { ContactGroup } from '../../helpers/contactGroups';
import {
	CONTACT_GROUP_NAME_MAX_LENGTH,
	forgetContactGroups,
	getContactGroups,
} from '../../helpers/contactGroups';

interface Input {
	domain: string;
	name: string;
	reuseExisting: boolean;
}

export const create: Operation<Input> = {
	value: 'create',
	name: 'Create',
	action: 'Create a contact group',
	description: 'Create a group to sort public contacts into',
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 供应商',
		},
		optionsCollection([ifExistsOption('Contact Group', 'Makes re-running the workflow safe')]),
	],
	// Items may create the same name: each one sees the groups the previous created.
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		return {
			domain: await defaultDomain.call(this),
			name: item.text('name', CONTACT_GROUP_NAME_MAX_LENGTH),
			reuseExisting: reusesExisting(item),
		};
	},

	async execute(this: IExecuteFunctions, { domain, name, reuseExisting }: Input, item: Item) {
		const i = item.index;
		const current = async () => {
			forgetContactGroups.call(this, domain);
			return (await getContactGroups.call(this, domain, i)).find((group) => group.name === name);
		};
		const output = (group: ContactGroup, created: boolean): IDataObject => ({ ...group, created });

		const before = await current();
		if (before && reuseExisting) return output(before, false);
		const answer = await tryApiRequest.call(
			this,
			'contactGroup.create',
			{ domain, groupName: name },
			{
				itemIndex: i,
				// A group that was there before is not this call's doing: sent again, the platform says so.
				verify: async () => {
					const now = await current();
					return now && !before ? { groupId: now.id } : undefined;
				},
			},
		);
		forgetContactGroups.call(this, domain);
		if ('refusal' in answer) {
			const taken = reuseExisting && answer.refusal.marker === 'PUBGROUP.EXIST';
			const existing = taken ? await current() : undefined;
			if (!existing) throw answer.refusal.error;
			return output(existing, false);
		}
		return output({ id: String(answer.data.groupId), name, memberCount: 0 }, true);
	},
};
