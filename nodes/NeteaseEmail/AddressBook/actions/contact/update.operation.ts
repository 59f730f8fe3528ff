import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { apiRequest, defaultDomain } from '../../../shared/transport';
import type { Contact } from './contactBook';
import {
	ContactBook,
	contactLocator,
	contactParam,
	contactsOutput,
	toContact,
} from './contactBook';
import { readContactFields, updateFieldProperties } from './fields';

interface Input {
	domain: string;
	contact: Contact;
	changes: IDataObject;
	updated: string[];
}

/** What an update can change, with the groups in a fixed order. */
const comparable = ({ groupIds, ...fields }: Contact) =>
	JSON.stringify({ ...fields, groupIds: [...groupIds].sort() });

export const update: Operation<Input> = {
	value: 'update',
	name: 'Update',
	action: 'Update a contact',
	description: 'Change the fields given, leaving the others as they are',
	properties: [
		contactLocator(),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: updateFieldProperties,
		},
	],
	// Items may change the same contact: each one starts from what the previous left.
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		const contact = await contactParam.call(this, item, 'contact', domain);
		const { body, given } = await readContactFields.call(this, item, 'updateFields', domain, true);
		if (given.length === 0) {
			throw item.field('updateFields').invalid('is empty', 'Add at least one field to change.');
		}
		return { domain, contact, changes: body, updated: given };
	},

	async execute(this: IExecuteFunctions, { domain, contact, changes, updated }: Input, item: Item) {
		const i = item.index;
		const book = ContactBook.of(this, domain);
		const before = (await book.byId(contact.id, i)) ?? contact;
		const after = toContact({ ...before, ...changes });
		const changed = comparable(after) !== comparable(before);
		if (changed) {
			await apiRequest.call(
				this,
				'contact.update',
				{ domain, addressId: before.id, ...changes },
				{ itemIndex: i },
			);
			await book.remember(after, i);
		}
		const [simplified] = await contactsOutput.call(this, [after], domain, i);
		return { ...simplified, changed, updated };
	},
};
