import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	ifExistsOption,
	optionsCollection,
	reusesExisting,
} from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import { validateEmail } from '../../../shared/helpers/validation';
import { defaultDomain, tryApiRequest } from '../../../shared/transport';
import type { Contact } from './contactBook';
import { ContactBook, contactsOutput, toContact } from './contactBook';
import { CONTACT_NAME_MAX_LENGTH, createFieldProperties, readContactFields } from './fields';

interface Input {
	domain: string;
	email: string;
	body: IDataObject;
	reuseExisting: boolean;
}

export const create: Operation<Input> = {
	value: 'create',
	name: 'Create',
	action: 'Create a contact',
	description: 'Add an external person to the corporate address book',
	properties: [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. counsel@partner.example.org',
			default: '',
			required: true,
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 周律师',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: createFieldProperties,
		},
		optionsCollection([
			ifExistsOption(
				'Contact',
				'Return the contact that has this mail address, unchanged; makes re-running the workflow safe',
			),
		]),
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const domain = await defaultDomain.call(this);
		const email = validateEmail(item.field('email'), item.param('email'));
		const name = item.text('name', CONTACT_NAME_MAX_LENGTH);
		const { body } = await readContactFields.call(this, item, 'additionalFields', domain, false);
		return {
			domain,
			email,
			body: { domain, email, name, ...body },
			reuseExisting: reusesExisting(item),
		};
	},

	async execute(
		this: IExecuteFunctions,
		{ domain, email, body, reuseExisting }: Input,
		item: Item,
	) {
		const i = item.index;
		const book = ContactBook.of(this, domain);
		const output = async (contact: Contact, created: boolean) => {
			const [simplified] = await contactsOutput.call(this, [contact], domain, i);
			return { ...simplified, created };
		};
		const existing = async () => {
			await book.reload(i);
			const contact = await book.byEmail(email, i);
			return contact && (await output(contact, false));
		};

		const existed = await book.existedBefore(email, i);
		if (existed && reuseExisting) {
			const known = await book.byEmail(email, i);
			const found = known ? await output(known, false) : await existing();
			if (found) return found;
		}
		const answer = await tryApiRequest.call(this, 'contact.create', body, {
			itemIndex: i,
			// A contact that was there before is not this call's doing: sent again, the platform says so.
			verify: async () => {
				if (existed) return undefined;
				await book.reload(i);
				const contact = await book.byEmail(email, i);
				return contact && { addressId: contact.id };
			},
		});
		if ('refusal' in answer) {
			const taken = reuseExisting && answer.refusal.marker === 'PUBADDRESS.EXIST';
			const found = taken ? await existing() : undefined;
			if (!found) throw answer.refusal.error;
			return found;
		}
		const contact = toContact({ ...body, addressId: answer.data.addressId });
		await book.remember(contact, i);
		return await output(contact, true);
	},
};
