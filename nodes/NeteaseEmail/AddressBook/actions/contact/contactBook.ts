import type { IDataObject, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Field } from '../../../shared/helpers/validation';
import { validateEmail } from '../../../shared/helpers/validation';
import type { ApiContext } from '../../../shared/transport';
import { apiRequestAllItems } from '../../../shared/transport';
import type { ContactGroup } from '../../helpers/contactGroups';
import { getContactGroups } from '../../helpers/contactGroups';
import { birthdayIso } from './birthday';

/** A public contact (公共联系人) as the platform lists it, with its ID as `id`. */
export interface Contact {
	id: string;
	email: string;
	name: string;
	mobile: string;
	company: string;
	department: string;
	fax: string;
	/** Epoch seconds, as the platform keeps it. */
	birthday: number | null;
	groupIds: string[];
}

/** Splits "a, b" or an array into trimmed, distinct, non-empty values. */
export function splitList(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value
		: typeof value === 'string' || typeof value === 'number'
			? String(value).split(',')
			: [];
	return [...new Set(parts.map((part) => String(part ?? '').trim()).filter(Boolean))];
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** A platform record (or a record with a write's fields laid over it) as a `Contact`. */
export function toContact(record: IDataObject): Contact {
	const birthday = record.birthday === '' ? null : Number(record.birthday ?? NaN);
	return {
		id: text(record.addressId ?? record.id),
		email: text(record.email),
		name: text(record.name),
		mobile: text(record.mobile),
		company: text(record.company),
		department: text(record.department),
		fax: text(record.fax),
		birthday: birthday !== null && Number.isFinite(birthday) ? birthday : null,
		groupIds: splitList(record.groupIds),
	};
}

export function simplifyContact(contact: Contact, groups: ContactGroup[]): IDataObject {
	return {
		id: contact.id,
		email: contact.email,
		name: contact.name,
		mobile: contact.mobile,
		company: contact.company,
		department: contact.department,
		fax: contact.fax,
		birthday: birthdayIso(contact.birthday),
		groups: contact.groupIds.map((id) => ({
			id,
			name: groups.find((group) => group.id === id)?.name ?? '',
		})),
	};
}

/** Simplified contacts, their groups named. */
export async function contactsOutput(
	this: ApiContext,
	contacts: Contact[],
	domain: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const groups = await getContactGroups.call(this, domain, itemIndex);
	return contacts.map((contact) => simplifyContact(contact, groups));
}

/**
 * The public contacts, listed once per execution and domain and kept up to date with this
 * execution's own writes (`remember`, `forget`), so that items looking contacts up by mail address
 * do not page through the list each time. Operations that write run their items one at a time.
 */
export class ContactBook {
	private contacts?: Promise<Map<string, Contact>>;

	/** Mail addresses this execution has already sent a create for. */
	private readonly claimed = new Set<string>();

	private static readonly byExecution = new WeakMap<object, Map<string, ContactBook>>();

	private constructor(
		private readonly context: ApiContext,
		private readonly domain: string,
	) {}

	static of(context: ApiContext, domain: string): ContactBook {
		let byDomain = ContactBook.byExecution.get(context);
		if (!byDomain) ContactBook.byExecution.set(context, (byDomain = new Map()));
		let book = byDomain.get(domain);
		if (!book) byDomain.set(domain, (book = new ContactBook(context, domain)));
		return book;
	}

	async all(itemIndex: number): Promise<Map<string, Contact>> {
		this.contacts ??= this.load(itemIndex);
		return await this.contacts;
	}

	/** Lists the contacts again, e.g. to check whether a write whose answer was lost took effect. */
	async reload(itemIndex: number): Promise<Map<string, Contact>> {
		this.contacts = this.load(itemIndex);
		return await this.contacts;
	}

	async byId(id: string, itemIndex: number): Promise<Contact | undefined> {
		return (await this.all(itemIndex)).get(id);
	}

	async byEmail(email: string, itemIndex: number): Promise<Contact | undefined> {
		const lower = email.toLowerCase();
		for (const contact of (await this.all(itemIndex)).values())
			if (contact.email.toLowerCase() === lower) return contact;
		return undefined;
	}

	/** A contact by mail address (anything with "@") or ID. */
	async find(reference: string, itemIndex: number): Promise<Contact | undefined> {
		return reference.includes('@')
			? await this.byEmail(reference, itemIndex)
			: await this.byId(reference, itemIndex);
	}

	/**
	 * Whether a contact with this address existed before this execution's create for it, which the
	 * caller is about to send (another item of the run creating it first counts as existing).
	 */
	async existedBefore(email: string, itemIndex: number): Promise<boolean> {
		const lower = email.toLowerCase();
		const taken = this.claimed.has(lower);
		this.claimed.add(lower);
		return taken || (await this.byEmail(lower, itemIndex)) !== undefined;
	}

	async remember(contact: Contact, itemIndex: number): Promise<void> {
		(await this.all(itemIndex)).set(contact.id, contact);
	}

	async forget(ids: string[], itemIndex: number): Promise<void> {
		const contacts = await this.all(itemIndex);
		for (const id of ids) contacts.delete(id);
	}

	private load(itemIndex: number): Promise<Map<string, Contact>> {
		const loading = apiRequestAllItems
			.call(this.context, 'contact.list', { domain: this.domain }, { itemIndex })
			.then((records) => new Map(records.map(toContact).map((contact) => [contact.id, contact])));
		loading.catch(() => {
			if (this.contacts === loading) this.contacts = undefined;
		});
		return loading;
	}
}

function unknownContact(field: Field, value: string) {
	return field.invalid(
		`"${value}" matches no contact`,
		'Check the mail address or ID with Contact → Get Many.',
	);
}

/** A contact given by mail address (anything with "@") or ID; fails naming the field when unknown. */
export async function resolveContact(
	this: ApiContext,
	field: Field,
	reference: string,
	domain: string,
	itemIndex: number,
): Promise<Contact> {
	const value = reference.includes('@') ? validateEmail(field, reference) : reference;
	const contact = await ContactBook.of(this, domain).find(value, itemIndex);
	if (!contact) throw unknownContact(field, reference);
	return contact;
}

export function contactLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Contact',
		name: 'contact',
		type: 'resourceLocator',
		default: { mode: 'email', value: '' },
		required: true,
		modes: [
			{
				displayName: 'By Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. counsel@partner.example.org',
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 200001' },
		],
		...overrides,
	};
}

/** The contact chosen in a locator parameter of the item. */
export async function contactParam(
	this: ApiContext,
	item: Item,
	name: string,
	domain: string,
): Promise<Contact> {
	const locator = item.param<INodeParameterResourceLocator>(name);
	const field = item.field(name);
	const value = String(locator?.value ?? '').trim();
	if (!value) throw field.invalid('is empty', 'Enter the mail address or ID of a contact.');
	if (locator.mode === 'id') {
		const contact = await ContactBook.of(this, domain).byId(value, item.index);
		if (!contact) throw unknownContact(field, value);
		return contact;
	}
	return await resolveContact.call(this, field, validateEmail(field, value), domain, item.index);
}
