import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { validateEmail } from '../../../shared/helpers/validation';
import type { Answer } from '../../../shared/transport';
import { defaultDomain, tryApiRequest } from '../../../shared/transport';
import { ContactBook, splitList } from './contactBook';

interface Input {
	domain: string;
	/** Mail addresses (lower-cased) and IDs, as given. */
	references: string[];
}

export const remove: Operation<Input> = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete contacts',
	description: 'Delete one or several contacts; those not found are reported, not deleted',
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
	],
	// Items may name the same contacts: each one sees what the previous deleted.
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const field = item.field('contacts');
		const given = splitList(item.param('contacts'));
		if (given.length === 0)
			throw field.invalid('is empty', 'Enter the mail address or ID of at least one contact.');
		const references = given.map((value) =>
			value.includes('@') ? validateEmail(field, value) : value,
		);
		return { domain: await defaultDomain.call(this), references };
	},

	async execute(this: IExecuteFunctions, { domain, references }: Input, item: Item) {
		const i = item.index;
		const book = ContactBook.of(this, domain);
		// The platform deletes all or none: an unknown ID would keep the others, so it is left out.
		const sortOut = async () => {
			const ids = new Set<string>();
			const notFound: string[] = [];
			for (const reference of references) {
				const contact = await book.find(reference, i);
				if (contact) ids.add(contact.id);
				else notFound.push(reference);
			}
			return { ids: [...ids], notFound };
		};
		const send = async (ids: string[]): Promise<Answer> =>
			ids.length === 0
				? { data: {} }
				: await tryApiRequest.call(
						this,
						'contact.delete',
						{ domain, addressIds: ids.join(',') },
						{
							itemIndex: i,
							verify: async () => {
								const now = await book.reload(i);
								return ids.some((id) => now.has(id)) ? undefined : {};
							},
						},
					);

		let { ids, notFound } = await sortOut();
		let answer = await send(ids);
		if ('refusal' in answer && answer.refusal.marker === 'PUBADDRESS.NOTEXIST') {
			// Deleted elsewhere since the list was read: read it again, delete the others.
			await book.reload(i);
			({ ids, notFound } = await sortOut());
			answer = await send(ids);
		}
		if ('refusal' in answer) throw answer.refusal.error;
		await book.forget(ids, i);
		return { deleted: ids, notFound };
	},
};
