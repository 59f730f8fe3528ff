import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	ifExistsOption,
	optionsCollection,
	reusesExisting,
} from '../../../shared/descriptions/options';
import { findAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { tryApiRequest } from '../../../shared/transport';
import {
	addressesOf,
	authorizedSendersParameter,
	departmentsOf,
	findMailList,
	getMailList,
	mailListAddress,
	mailListOutput,
	mailListParameter,
	memberDepartmentsParameter,
	membersParameter,
	userTypeOf,
	visibleParameter,
	whoCanSendParameter,
} from './mailLists';

interface Fields {
	whoCanSend?: string;
	authorizedSenders?: unknown;
	visibleInAddressBook?: boolean;
}

interface Input {
	address: AccountAddress;
	body: IDataObject;
	reuseExisting: boolean;
}

export const create: Operation<Input> = {
	value: 'create',
	name: 'Create',
	action: 'Create a mail list',
	description: 'Create a group address that forwards to its members',
	properties: [
		mailListParameter,
		{
			displayName: 'Display Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 全体员工',
		},
		membersParameter,
		memberDepartmentsParameter,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [authorizedSendersParameter, visibleParameter, whoCanSendParameter],
		},
		optionsCollection([
			ifExistsOption('Mail List', 'Makes re-running the workflow safe; the list is not changed'),
		]),
	],
	// Items may make one list a member of another created before it: run them in order.
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const address = await mailListAddress.call(this, item);
		const { domain } = address;
		const fields = item.collection<Fields>('additionalFields');
		const name = item.text('name', 64);
		const members = addressesOf(item.field('members'), item.param('members', ''), domain);
		if (members.includes(address.email)) {
			throw item
				.field('members')
				.invalid(`contains the list itself (${address.email})`, 'Remove it from the members.');
		}
		const type = userTypeOf(item.field('whoCanSend'), fields.whoCanSend ?? 'everyone');
		const authMembers = addressesOf(
			item.field('authorizedSenders'),
			fields.authorizedSenders,
			domain,
		);
		if (fields.whoCanSend === 'authorizedSendersOnly' && authMembers.length === 0) {
			throw item
				.field('authorizedSenders')
				.invalid(
					'is empty while only authorized senders may send',
					'Add the addresses allowed to send, or choose another "Who Can Send".',
				);
		}
		// The look-ups come last, once everything that needs none has passed.
		const memberUnits = await departmentsOf.call(
			this,
			item.field('memberDepartments'),
			item.param('memberDepartments', ''),
			domain,
			item.index,
		);
		if (await findAccount.call(this, address, item.index)) {
			throw item
				.field('mailList')
				.invalid(
					`"${address.email}" is the address of an account`,
					'A mail list needs an address no account uses: choose another one.',
				);
		}
		const body: IDataObject = {
			domain,
			accountName: address.accountName,
			name,
			visibleInAddr: fields.visibleInAddressBook === false ? 0 : 1,
			mailListUserType: type,
		};
		if (members.length) body.members = members.join(',');
		if (memberUnits.length) body.memberUnits = memberUnits.map((d) => d.id).join(',');
		if (authMembers.length) body.authMembers = authMembers.join(',');
		return { address, body, reuseExisting: reusesExisting(item) };
	},

	async execute(this: IExecuteFunctions, { address, body, reuseExisting }: Input, item: Item) {
		const i = item.index;
		const output = async (list: IDataObject, created: boolean) => ({
			...(await mailListOutput.call(this, list, address.domain, true, i)),
			created,
		});
		const before = await findMailList.call(this, address, i);
		if (before && reuseExisting) return await output(before, false);

		const answer = await tryApiRequest.call(this, 'mailList.create', body, {
			itemIndex: i,
			// A list that was there before is not this call's doing: sent again, the platform says so.
			verify: async () =>
				!before && (await findMailList.call(this, address, i))
					? { accountName: address.accountName }
					: undefined,
		});
		if (!('refusal' in answer)) return await output(await getMailList.call(this, address, i), true);

		const { marker, error } = answer.refusal;
		if (marker === 'MAILACCOUNT.NAMEEXIST') {
			throw item
				.field('mailList')
				.invalid(
					`"${address.email}" is already used by an account or an alias`,
					'A mail list needs an address no account or alias uses: choose another one.',
				);
		}
		const existing =
			reuseExisting && marker === 'MAILLIST.EXIST'
				? await findMailList.call(this, address, i)
				: undefined;
		if (!existing) throw error;
		return await output(existing, false);
	},
};
