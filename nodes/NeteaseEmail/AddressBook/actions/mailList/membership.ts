import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Department } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import {
	addressesOf,
	departmentsOf,
	getMailList,
	mailListAddress,
	mailListOutput,
	mailListParameter,
	memberDepartmentsParameter,
	membershipOf,
	membersParameter,
	oneAtATime,
	requireMembership,
	updateMailList,
} from './mailLists';

export interface MembershipInput {
	address: AccountAddress;
	members: string[];
	departments: Department[];
}

function split<T>(values: T[], held: (value: T) => boolean): [T[], T[]] {
	return [values.filter(held), values.filter((value) => !held(value))];
}

/**
 * Add Members and Remove Members: the same parameters, opposite changes. Addresses go through the
 * platform's member calls; departments through an update of the list's whole `memberUnits`. Only
 * what is not already so is sent, and the output says which were which.
 */
export function membershipOperation(adding: boolean): Operation<MembershipInput> {
	const verb = adding ? 'Add' : 'Remove';
	const [done, skipped] = adding ? ['added', 'alreadyMembers'] : ['removed', 'notMembers'];
	return {
		value: adding ? 'addMembers' : 'removeMembers',
		name: `${verb} Members`,
		action: `${verb} members ${adding ? 'to' : 'from'} a mail list`,
		description: adding
			? 'Add addresses or whole departments to a mail list'
			: 'Take addresses or departments off a mail list',
		properties: [mailListParameter, membersParameter, memberDepartmentsParameter],
		concurrency: PARALLEL_ITEMS,

		async prepare(this: IExecuteFunctions, item: Item) {
			const address = await mailListAddress.call(this, item);
			const members = addressesOf(item.field('members'), item.param('members', ''), address.domain);
			const departments = await departmentsOf.call(
				this,
				item.field('memberDepartments'),
				item.param('memberDepartments', ''),
				address.domain,
				item.index,
			);
			if (members.length === 0 && departments.length === 0) {
				throw item
					.field('members')
					.invalid(
						'and Member Departments are both empty',
						`Give at least one address or department to ${verb.toLowerCase()}.`,
					);
			}
			if (adding && members.includes(address.email)) {
				throw item
					.field('members')
					.invalid(`contains the list itself (${address.email})`, 'Remove it from the members.');
			}
			return { address, members, departments };
		},

		async execute(
			this: IExecuteFunctions,
			{ address, members, departments }: MembershipInput,
			item: Item,
		) {
			const i = item.index;
			return await oneAtATime.call(this, address, async () => {
				const before = await getMailList.call(this, address, i);
				const held = membershipOf(before);
				const heldMembers = new Set(held.members.map((member) => member.toLowerCase()));
				const [heldAddresses, newAddresses] = split(members, (m) => heldMembers.has(m));
				const [heldUnits, newUnits] = split(departments, (d) => held.memberUnits.includes(d.id));
				// What this call changes, and what it leaves as it is.
				const [addresses, units, unchanged] = adding
					? [newAddresses, newUnits, [...heldAddresses, ...heldUnits.map((d) => d.path)]]
					: [heldAddresses, heldUnits, [...newAddresses, ...newUnits.map((d) => d.path)]];
				const unitIds = new Set(units.map((d) => d.id));
				const after = adding
					? {
							members: [...held.members, ...addresses],
							memberUnits: [...held.memberUnits, ...unitIds],
						}
					: {
							members: held.members.filter((m) => !addresses.includes(m.toLowerCase())),
							memberUnits: held.memberUnits.filter((id) => !unitIds.has(id)),
						};
				if (units.length) requireMembership(item.field('mailList'), address, after);

				const body: IDataObject = { domain: address.domain, accountName: address.accountName };
				if (addresses.length) {
					await apiRequest.call(
						this,
						adding ? 'mailList.addMembers' : 'mailList.removeMembers',
						{ ...body, members: addresses.join(',') },
						{ itemIndex: i },
					);
				}
				if (units.length) {
					const now = { ...before, members: after.members };
					await updateMailList.call(this, item, address, now, {}, after);
				}
				const changed = addresses.length + units.length > 0;
				const list = changed ? await getMailList.call(this, address, i) : before;
				return {
					...(await mailListOutput.call(this, list, address.domain, true, i)),
					[done]: [...addresses, ...units.map((d) => d.path)],
					[skipped]: unchanged,
					changed,
				};
			});
		},
	};
}
