import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { apiRequest, defaultDomain } from '../../../shared/transport';
import type { ContactGroup } from '../../helpers/contactGroups';
import { contactGroupLocator, contactGroupParam } from '../../helpers/contactGroups';
import type { Contact } from './contactBook';
import { ContactBook, contactsOutput, resolveContact, splitList } from './contactBook';

export interface MembershipInput {
	domain: string;
	contacts: Contact[];
	group: ContactGroup;
}

/**
 * Add to Group and Remove from Group: the platform only replaces a contact's whole set of groups,
 * so each contact's current groups are read and sent back with the one group added or removed.
 */
export function membershipOperation(adding: boolean): Operation<MembershipInput> {
	return {
		value: adding ? 'addToGroup' : 'removeFromGroup',
		name: adding ? 'Add to Group' : 'Remove from Group',
		action: adding ? 'Add contacts to a group' : 'Remove contacts from a group',
		description: adding
			? 'Put contacts in a contact group, keeping their other groups'
			: 'Take contacts out of a contact group, keeping their other groups',
		properties: [
			{
				displayName: 'Contacts',
				name: 'contacts',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. counsel@partner.example.org, 200002',
				description:
					'Mail addresses or IDs of contacts, separated by commas (an expression may also give a list)',
			},
			contactGroupLocator(),
		],
		// Items may change the same contact: each one starts from what the previous left.
		concurrency: 1,

		async prepare(this: IExecuteFunctions, item: Item) {
			const domain = await defaultDomain.call(this);
			const field = item.field('contacts');
			const references = splitList(item.param('contacts'));
			if (references.length === 0)
				throw field.invalid('is empty', 'Enter the mail address or ID of at least one contact.');
			const contacts = new Map<string, Contact>();
			for (const reference of references) {
				const contact = await resolveContact.call(this, field, reference, domain, item.index);
				contacts.set(contact.id, contact);
			}
			const group = await contactGroupParam.call(this, item, 'contactGroup', domain);
			return { domain, contacts: [...contacts.values()], group };
		},

		async execute(
			this: IExecuteFunctions,
			{ domain, contacts, group }: MembershipInput,
			item: Item,
		) {
			const i = item.index;
			const book = ContactBook.of(this, domain);
			const afters: Contact[] = [];
			const changes: boolean[] = [];
			for (const contact of contacts) {
				const before = (await book.byId(contact.id, i)) ?? contact;
				const changed = before.groupIds.includes(group.id) !== adding;
				const groupIds = adding
					? [...before.groupIds, group.id]
					: before.groupIds.filter((groupId) => groupId !== group.id);
				if (changed) {
					await apiRequest.call(
						this,
						'contact.update',
						{ domain, addressId: before.id, groupIds: groupIds.join(',') },
						{ itemIndex: i },
					);
					await book.remember({ ...before, groupIds }, i);
				}
				afters.push(changed ? { ...before, groupIds } : before);
				changes.push(changed);
			}
			const outputs = await contactsOutput.call(this, afters, domain, i);
			return outputs.map((output, n) => ({ ...output, changed: changes[n] }));
		},
	};
}
