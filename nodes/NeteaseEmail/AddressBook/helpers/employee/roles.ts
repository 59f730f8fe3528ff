import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Change } from '../../../shared/helpers/changes';
import { changesOf } from '../../../shared/helpers/changes';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { validateChoice } from '../../../shared/helpers/validation';
import type { ApiContext } from '../../../shared/transport';
import { loginPermissionsIo } from '../../../shared/settings/loginPermissions';
import { mailboxLimitsIo, QUOTA_MB } from '../../../shared/settings/mailboxLimits';
import {
	RESTRICTION_CHOICES,
	sendReceiveRestrictionIo,
} from '../../../shared/settings/sendReceiveRestriction';
import type { SettingIo } from '../../../shared/settings/settingIo';
import { twoFactorIo } from '../../../shared/settings/twoFactor';

const KEEP = { name: 'Keep As Is', value: 'keep' };
const TWO_FACTOR = [KEEP, { name: 'Off', value: 'off' }, { name: 'On', value: 'on' }];
const SEND_PERMISSION = [KEEP, ...RESTRICTION_CHOICES];
const MAIL_CLIENTS = [{ name: 'Allow', value: 'allow' }, { name: 'Deny', value: 'deny' }, KEEP];
/** The channels "Mail Client Logins" stands for (reference §10.3). */
const MAIL_CLIENT_CHANNELS = ['imap', 'pop', 'smtp'];

/**
 * A role: a named bundle of account settings applied at onboarding. Each setting is optional
 * ("Keep As Is" / quota 0 leave the account's own).
 */
export interface Role {
	name: string;
	quotaMb?: number;
	twoFactor?: boolean;
	/** A send/receive restriction (rsLimitType) by its readable name, e.g. `sendInsideOnly`. */
	sendPermission?: string;
	/** Whether IMAP, POP and SMTP logins are allowed. */
	mailClients?: boolean;
}

export const rolesProperty: INodeProperties = {
	displayName: 'Roles',
	name: 'roles',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Role',
	default: {},
	description:
		'Named bundles of settings; the Role of each record picks one by name. A setting left at "Keep As Is" (or quota 0) is not touched.',
	options: [
		{
			displayName: 'Role',
			name: 'role',
			values: [
				{
					displayName: 'Mail Client Logins (IMAP/POP/SMTP)',
					name: 'mailClients',
					type: 'options',
					default: 'keep',
					options: MAIL_CLIENTS,
				},
				{
					displayName: 'Mailbox Quota (MB)',
					name: 'quotaMb',
					type: 'number',
					default: 0,
					typeOptions: { minValue: 0, maxValue: QUOTA_MB.max },
					description: `Mailbox size in megabytes, up to ${QUOTA_MB.max}; 0 = keep the account's own`,
				},
				{
					displayName: 'Role Name',
					name: 'roleName',
					type: 'string',
					default: '',
					placeholder: 'e.g. engineer',
				},
				{
					displayName: 'Send Permission',
					name: 'sendPermission',
					type: 'options',
					default: 'keep',
					options: SEND_PERMISSION,
					description: 'Whether the account may send and receive outside the domain',
				},
				{
					displayName: 'Two-Factor Authentication',
					name: 'twoFactor',
					type: 'options',
					default: 'keep',
					options: TWO_FACTOR,
				},
			],
		},
	],
};

type RoleEntry = Record<string, unknown>;

function roleOf(item: Item, entry: RoleEntry, name: string): Role {
	const role: Role = { name };
	const quota = Number(entry.quotaMb ?? 0);
	if (!Number.isInteger(quota) || quota < 0 || quota > QUOTA_MB.max) {
		throw item
			.field('quotaMb')
			.invalid(
				`of role "${name}" is ${JSON.stringify(entry.quotaMb)}, not a whole number from 0 to ${QUOTA_MB.max}`,
				'Enter the mailbox size in megabytes, or 0 to keep each account its own.',
			);
	}
	if (quota > 0) role.quotaMb = quota;
	const twoFactor = validateChoice(item.field('twoFactor'), entry.twoFactor ?? 'keep', TWO_FACTOR);
	if (twoFactor !== 'keep') role.twoFactor = twoFactor === 'on';
	const send = validateChoice(
		item.field('sendPermission'),
		entry.sendPermission ?? 'keep',
		SEND_PERMISSION,
	);
	if (send !== 'keep') role.sendPermission = send;
	const clients = validateChoice(
		item.field('mailClients'),
		entry.mailClients ?? 'keep',
		MAIL_CLIENTS,
	);
	if (clients !== 'keep') role.mailClients = clients === 'allow';
	return role;
}

/** The record's Role, looked up in Roles; `undefined` when the record names none. */
export function readRole(item: Item, value: unknown): Role | undefined {
	const wanted = String(value ?? '').trim();
	if (!wanted) return undefined;
	const entries = item.collection<{ role?: RoleEntry[] }>('roles').role ?? [];
	const named = entries.map((entry) => ({ entry, name: String(entry.roleName ?? '').trim() }));
	const matches = named.filter(({ name }) => name.toLowerCase() === wanted.toLowerCase());
	if (matches.length === 0) {
		const defined = named.map(({ name }) => `"${name}"`).join(', ');
		throw item
			.field('role')
			.invalid(
				`"${wanted}" is not one of the Roles`,
				defined
					? `Use one of the roles defined under Roles: ${defined}, or add "${wanted}" there.`
					: `Define "${wanted}" under Roles (Add Role), or leave Role empty.`,
			);
	}
	if (matches.length > 1) {
		throw item
			.field('roles')
			.invalid(`define "${wanted}" ${matches.length} times`, 'Keep one role of each name.');
	}
	return roleOf(item, matches[0].entry, matches[0].name);
}

/** One setting a role touches: how it is read and written, the value wanted, and report names. */
interface RolePart {
	io: SettingIo<IDataObject>;
	wanted: IDataObject;
	/** The report's name of a field, where it differs from the setting's own. */
	names?: Record<string, string>;
}

function partsOf(role: Role): RolePart[] {
	const parts: RolePart[] = [];
	if (role.quotaMb !== undefined)
		parts.push({ io: mailboxLimitsIo, wanted: { quotaMb: role.quotaMb } });
	if (role.twoFactor !== undefined) {
		parts.push({
			io: twoFactorIo,
			wanted: { enabled: role.twoFactor },
			names: { enabled: 'twoFactor' },
		});
	}
	if (role.sendPermission !== undefined) {
		parts.push({
			io: sendReceiveRestrictionIo,
			wanted: { restriction: role.sendPermission },
			names: { restriction: 'sendPermission' },
		});
	}
	if (role.mailClients !== undefined) {
		const wanted = Object.fromEntries(
			MAIL_CLIENT_CHANNELS.map((field) => [field, role.mailClients]),
		);
		parts.push({ io: loginPermissionsIo, wanted });
	}
	return parts;
}

/** Applies a role's settings where they differ; returns what changed, current → wanted. */
export async function applyRole(
	this: ApiContext,
	address: AccountAddress,
	role: Role,
	itemIndex: number,
): Promise<Record<string, Change>> {
	const changes: Record<string, Change> = {};
	for (const { io, wanted, names = {} } of partsOf(role)) {
		const current = await io.read.call(this, address, itemIndex);
		const differing = changesOf(current, wanted);
		if (Object.keys(differing).length === 0) continue;
		await io.write.call(this, address, wanted, current, itemIndex);
		for (const [field, change] of Object.entries(differing))
			changes[names[field] ?? field] = change;
	}
	return changes;
}
