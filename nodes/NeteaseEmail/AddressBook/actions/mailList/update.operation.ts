import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { requireText } from '../../../shared/helpers/validation';
import {
	addressesOf,
	authorizedSendersParameter,
	getMailList,
	listField,
	mailListAddress,
	mailListOutput,
	mailListParameter,
	oneAtATime,
	updateMailList,
	userTypeOf,
	visibleParameter,
	whoCanSendParameter,
} from './mailLists';

interface Fields {
	name?: string;
	whoCanSend?: string;
	authorizedSenders?: unknown;
	visibleInAddressBook?: boolean;
}

/** A wanted value by parameter name, with the platform field it is sent as. */
interface Change {
	parameter: keyof Fields;
	field: string;
	value: string | number;
}

interface Input {
	address: AccountAddress;
	changes: Change[];
}

const canonical = (addresses: string[]) =>
	addresses
		.map((address) => address.toLowerCase())
		.sort()
		.join(',');

/** What the list holds now in a platform field, comparable with a wanted value. */
function current(list: IDataObject, field: string): string | number {
	if (field === 'authMembers') return canonical(listField(list.authMembers));
	if (field === 'name') return String(list.name ?? '');
	return Number(list[field] ?? (field === 'visibleInAddr' ? 1 : 0));
}

export const update: Operation<Input> = {
	value: 'update',
	name: 'Update',
	action: 'Update a mail list',
	description: "Change a mail list's name, who may send to it, or its visibility",
	properties: [
		mailListParameter,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					...authorizedSendersParameter,
					description: `${authorizedSendersParameter.description}. Replaces the current ones; empty removes them all.`,
				},
				{
					displayName: 'Display Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. 全体员工',
				},
				visibleParameter,
				whoCanSendParameter,
			],
		},
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const address = await mailListAddress.call(this, item);
		const fields = item.collection<Fields>('updateFields');
		const changes: Change[] = [];
		const set = (parameter: keyof Fields, field: string, value: string | number) =>
			changes.push({ parameter, field, value });
		if (fields.name !== undefined)
			set('name', 'name', requireText(item.field('name'), fields.name, 64));
		if (fields.whoCanSend !== undefined)
			set(
				'whoCanSend',
				'mailListUserType',
				userTypeOf(item.field('whoCanSend'), fields.whoCanSend),
			);
		if (fields.authorizedSenders !== undefined) {
			const senders = addressesOf(
				item.field('authorizedSenders'),
				fields.authorizedSenders,
				address.domain,
			);
			set('authorizedSenders', 'authMembers', canonical(senders));
		}
		if (fields.visibleInAddressBook !== undefined)
			set('visibleInAddressBook', 'visibleInAddr', fields.visibleInAddressBook ? 1 : 0);
		if (changes.length === 0) {
			throw item
				.field('updateFields')
				.invalid('is empty', 'Add a field to change, e.g. Display Name or Who Can Send.');
		}
		return { address, changes };
	},

	async execute(this: IExecuteFunctions, { address, changes }: Input, item: Item) {
		const i = item.index;
		return await oneAtATime.call(this, address, async () => {
			const before = await getMailList.call(this, address, i);
			const differing = changes.filter(({ field, value }) => current(before, field) !== value);
			if (differing.length > 0) {
				const body: IDataObject = {};
				for (const { field, value } of differing) body[field] = value;
				await updateMailList.call(this, item, address, before, body);
			}
			const after = differing.length > 0 ? await getMailList.call(this, address, i) : before;
			return {
				...(await mailListOutput.call(this, after, address.domain, true, i)),
				changed: differing.length > 0,
				updated: differing.map(({ parameter }) => parameter),
			};
		});
	},
};
