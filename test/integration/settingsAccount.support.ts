/**
 * The four per-account settings of the Settings node (Mailbox Limits, IP Login Restriction, Login
 * Permissions, Signature) as test cases: what Set asks for, what a fresh account shows, and where
 * the sandbox keeps the value; plus running the node and counting its writes per account.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { encodeCsvBytes } from '../../nodes/NeteaseEmail/shared/helpers/csv';
import type { OrgSnapshot } from '../../sandbox';
import type { TestPlatform } from '../support/netease';
import { fileItem, locator, SETTINGS_NODE_TYPE } from '../support/netease';

export const DOMAIN = 'sandbox.example.com';

export interface SettingCase {
	resource: string;
	/** The paths a Set writes through. */
	writePaths: string[];
	/** Get of an account never changed (Mailbox Limits: without `usedMb`). */
	defaults: IDataObject;
	/** Set's parameters for the wanted value, and that value as Get shows it. */
	set: INodeParameters;
	wanted: IDataObject;
	/** Part of the wanted value, set beforehand on some accounts. */
	partly: INodeParameters;
	/** The same wanted value spelt differently: applying it changes nothing. */
	sameAgain?: INodeParameters;
	/** The value the sandbox holds for an account, in Get's form. */
	stored(state: OrgSnapshot, accountName: string): IDataObject;
	/** Write calls for an account with these changes. */
	writesFor(changes: IDataObject): number;
}

const settingsOf = (state: OrgSnapshot, accountName: string) =>
	state.accountSettings[accountName] as unknown as Record<string, IDataObject> | undefined;

export const CASES: SettingCase[] = [
	{
		resource: 'mailboxLimits',
		writePaths: ['/api/open/mailaccount/updateMailLimits'],
		defaults: {
			quotaMb: 5120,
			sendingAllowed: true,
			dailySendingLimit: 0,
			largeAttachmentsAllowed: false,
		},
		set: {
			settingsToChange: { quotaMb: 10240, dailySendingLimit: 2000, largeAttachmentsAllowed: true },
		},
		wanted: { quotaMb: 10240, dailySendingLimit: 2000, largeAttachmentsAllowed: true },
		partly: { settingsToChange: { quotaMb: 10240 } },
		stored(state, accountName) {
			const limits = settingsOf(state, accountName)?.limits ?? {};
			return {
				quotaMb: limits.quotaMb ?? 5120,
				sendingAllowed: (limits.sendAllowed ?? 1) === 1,
				dailySendingLimit: limits.dailySendLimit ?? 0,
				largeAttachmentsAllowed: limits.largeAttachmentAllowed === 1,
			};
		},
		writesFor: () => 1,
	},
	{
		resource: 'ipLoginRestriction',
		writePaths: ['/api/open/mailaccount/updateIpLimit'],
		defaults: { allowedIpRanges: [] },
		set: { allowedIpRanges: '2001:DB8::/32, 203.0.113.9/24\n198.51.100.7' },
		wanted: { allowedIpRanges: ['198.51.100.7', '203.0.113.0/24', '2001:db8::/32'] },
		partly: { allowedIpRanges: '198.51.100.7' },
		sameAgain: { allowedIpRanges: '203.0.113.0/24,2001:0db8:0::/32,198.51.100.7/32' },
		stored: (state, accountName) => ({
			allowedIpRanges: [...((settingsOf(state, accountName)?.ipLimit?.ipRanges as string[]) ?? [])],
		}),
		writesFor: () => 1,
	},
	{
		resource: 'loginPermissions',
		writePaths: ['/api/open/account/updateAccountLoginPerm'],
		defaults: {
			webMail: true,
			imap: true,
			pop: true,
			smtp: true,
			flashMail: true,
			yixinApp: true,
		},
		set: { settingsToChange: { imap: false, pop: false, webMail: true } },
		wanted: { imap: false, pop: false, webMail: true },
		partly: { settingsToChange: { imap: false } },
		stored(state, accountName) {
			const { loginPerms } = state.accounts.find((a) => a.accountName === accountName)!;
			return {
				webMail: loginPerms.web === 1,
				imap: loginPerms.imap === 1,
				pop: loginPerms.pop === 1,
				smtp: loginPerms.smtp === 1,
				flashMail: loginPerms.flashmail === 1,
				yixinApp: loginPerms.yixin === 1,
			};
		},
		writesFor: (changes) => Object.keys(changes).length,
	},
	{
		resource: 'signature',
		writePaths: ['/api/open/mailaccount/updateSignature'],
		defaults: { enabled: false, format: 'text', content: '' },
		set: {
			settingsToChange: { enabled: true, format: 'html', content: '<p>网易 · <b>n8n</b></p>' },
		},
		wanted: { enabled: true, format: 'html', content: '<p>网易 · <b>n8n</b></p>' },
		partly: { settingsToChange: { enabled: true } },
		stored(state, accountName) {
			const signature = settingsOf(state, accountName)?.signature ?? {};
			return {
				enabled: signature.enabled === 1,
				format: signature.contentType ?? 'text',
				content: signature.content ?? '',
			};
		},
		writesFor: () => 1,
	},
];

export const target = {
	account: (name: string): INodeParameters => ({
		applyTo: 'account',
		account: locator(name, 'address'),
	}),
	department: (path: string, recursive = true): INodeParameters => ({
		applyTo: 'department',
		department: locator(path, 'path'),
		recursive,
	}),
	organisation: (confirm = true): INodeParameters => ({
		applyTo: 'organisation',
		confirmOrganisation: confirm,
	}),
};

/** The account names of an output, by outcome. */
export function byOutcome(json: IDataObject[]): Record<string, string[]> {
	const outcomes: Record<string, string[]> = {};
	for (const row of json) {
		const name = String(row.email).replace(`@${DOMAIN}`, '');
		(outcomes[String(row.outcome)] ??= []).push(name);
	}
	for (const names of Object.values(outcomes)) names.sort();
	return outcomes;
}

/** Listed (not deleted) accounts of the organisation, or of a department and those below it. */
export function listedAccounts(state: OrgSnapshot, departmentPath?: string): string[] {
	const pathOf = (unitId: string): string => {
		const unit = state.units.find((u) => u.unitId === unitId);
		if (!unit) return '';
		const parent = pathOf(unit.unitParentId);
		return parent ? `${parent}/${unit.unitName}` : unit.unitName;
	};
	return state.accounts
		.filter((account) => account.status !== 2)
		.filter((account) => {
			if (departmentPath === undefined) return true;
			const path = pathOf(account.unitId);
			return path === departmentPath || path.startsWith(`${departmentPath}/`);
		})
		.map((account) => account.accountName)
		.sort();
}

export function settingsHelpers(platform: TestPlatform, setting: SettingCase) {
	const run = (operation: string, parameters: INodeParameters, items?: IDataObject[]) =>
		platform.run(
			{ resource: setting.resource, operation, ...parameters },
			{ nodeType: SETTINGS_NODE_TYPE, items },
		);
	const get = (targets: INodeParameters) => run('get', targets);
	const set = (targets: INodeParameters, wanted = setting.set, dryRun = false) =>
		run('set', { ...targets, ...wanted, dryRun });
	/** The setting's write calls since the last `clearRequests`, per account name. */
	const writesPerAccount = (): Record<string, number> => {
		const counts: Record<string, number> = {};
		for (const request of platform.sandbox.control.requests()) {
			if (!setting.writePaths.includes(request.path)) continue;
			const name = String((request.body as IDataObject).accountName);
			counts[name] = (counts[name] ?? 0) + 1;
		}
		return counts;
	};
	return { run, get, set, writesPerAccount };
}

/** Accounts placed in departments through Address Book → Directory → Import (paths created as needed). */
export async function importAccounts(
	platform: TestPlatform,
	rows: Array<{ accountName: string; department: string }>,
): Promise<void> {
	const lines = ['accountName,name,department'];
	for (const row of rows)
		lines.push(`${row.accountName},员工 ${row.accountName},${row.department}`);
	const result = await platform.run(
		{ resource: 'directory', operation: 'import', source: 'csv', password: 'Welcome#2026' },
		{ inputItems: [fileItem(encodeCsvBytes(lines.join('\r\n')))] },
	);
	expect(result.success).toBe(true);
	expect(result.json.filter((row) => row.outcome === 'created')).toHaveLength(rows.length);
	platform.sandbox.control.clearRequests();
}
