import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { accountLocator, departmentLocator } from '../../shared/descriptions/locators';
import { resolveAccount } from '../../shared/directory/accounts';
import type { Department } from '../../shared/directory/departments';
import { departmentParam } from '../../shared/directory/departments';
import type { Item } from '../../shared/framework/item';
import type { AccountAddress } from '../../shared/helpers/validation';
import { validateChoice } from '../../shared/helpers/validation';
import type { ApiContext } from '../../shared/transport';
import { apiRequestAllItems, defaultDomain } from '../../shared/transport';

/** Whose setting is read or written: one account, a department's accounts, or everyone. */
export type TargetKind = 'account' | 'department' | 'organisation';

export interface Targets {
	kind: TargetKind;
	domain: string;
	address?: AccountAddress;
	department?: Department;
	recursive?: boolean;
}

const APPLY_TO: Array<{ name: string; value: TargetKind; description: string }> = [
	{
		name: 'An Account',
		value: 'account',
		description: "The account below; with an expression, each input item's account",
	},
	{ name: 'A Department', value: 'department', description: 'Every account of a department' },
	{
		name: 'The Whole Organisation',
		value: 'organisation',
		description: 'Every account of the default mail domain',
	},
];

export function targetProperties(writing: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Apply To',
			name: 'applyTo',
			type: 'options',
			default: 'account',
			options: APPLY_TO,
		},
		accountLocator({ displayOptions: { show: { applyTo: ['account'] } } }),
		departmentLocator({ displayOptions: { show: { applyTo: ['department'] } } }),
		{
			displayName: 'Include Sub-Departments',
			name: 'recursive',
			type: 'boolean',
			default: true,
			description: 'Whether the accounts of the departments below it count too',
			displayOptions: { show: { applyTo: ['department'] } },
		},
		...(writing
			? [
					{
						displayName: 'I Mean the Whole Organisation',
						name: 'confirmOrganisation',
						type: 'boolean' as const,
						default: false,
						description:
							'Whether to really change this for every account of the organisation. A safeguard: without it nothing is sent. Try a dry run first.',
						displayOptions: { show: { applyTo: ['organisation'] } },
					},
				]
			: []),
	];
}

/** Reads Apply To and what it names; an organisation-wide write (not a dry run) needs its switch. */
export async function readTargets(
	this: ApiContext,
	item: Item,
	writing: boolean,
): Promise<Targets> {
	const domain = await defaultDomain.call(this);
	const kind = validateChoice(item.field('applyTo'), item.param('applyTo'), APPLY_TO);
	if (kind === 'department') {
		const department = await departmentParam.call(this, item, 'department', domain);
		return { kind, domain, department, recursive: item.param<boolean>('recursive') !== false };
	}
	if (kind === 'organisation') {
		if (writing && item.param('confirmOrganisation') !== true) {
			throw item
				.field('confirmOrganisation')
				.invalid(
					'is off',
					'Switch on "I Mean the Whole Organisation" to change every account, or choose a department or an account. A dry run works without it.',
				);
		}
		return { kind, domain };
	}
	const address = await resolveAccount.call(this, item);
	if (address.domain !== domain) {
		throw item
			.field('account')
			.invalid(
				`"${address.email}" is not in the domain ${domain}`,
				"Settings apply to accounts of the credential's default mail domain.",
			);
	}
	return { kind: 'account', domain, address };
}

/** The accounts the targets stand for (listed accounts, i.e. not deleted ones). */
export async function targetAccounts(
	this: ApiContext,
	targets: Targets,
	itemIndex: number,
): Promise<AccountAddress[]> {
	if (targets.address) return [targets.address];
	const body: IDataObject = { domain: targets.domain, recursion: true };
	if (targets.department) {
		Object.assign(body, { unitId: targets.department.id, recursion: targets.recursive });
	}
	const accounts = await apiRequestAllItems.call(this, 'unit.accounts', body, { itemIndex });
	return accounts.map((account) => {
		const accountName = String(account.accountName);
		const domain = String(account.domain ?? targets.domain);
		return { accountName, domain, email: `${accountName}@${domain}` };
	});
}
