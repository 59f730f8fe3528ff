/** Reading the organisation the sandbox holds (the platform calls departments units). */
import { createHash } from 'node:crypto';

import type { OrgSnapshot } from '../../sandbox';

type Account = OrgSnapshot['accounts'][number];
type Unit = OrgSnapshot['units'][number];

/** The department's names from the top down, `研发中心/后端组`. */
export function unitPath(state: OrgSnapshot, unitId: string): string {
	const names: string[] = [];
	const seen = new Set<string>();
	for (let unit = state.units.find((u) => u.unitId === unitId); unit && !seen.has(unit.unitId); ) {
		seen.add(unit.unitId);
		names.unshift(unit.unitName);
		const parentId = unit.unitParentId;
		unit = state.units.find((u) => u.unitId === parentId);
	}
	return names.join('/');
}

export function unitAtPath(state: OrgSnapshot, departmentPath: string): Unit | undefined {
	return state.units.find((unit) => unitPath(state, unit.unitId) === departmentPath);
}

export function accountNamed(state: OrgSnapshot, accountName: string): Account | undefined {
	return state.accounts.find((account) => account.accountName === accountName);
}

export function hasPassword(account: Account, password: string): boolean {
	return account.passwordMd5 === createHash('md5').update(password, 'utf8').digest('hex');
}

/** The same records, field by field (departments, accounts, or one account). */
export function unchanged(before: unknown, after: unknown): boolean {
	return JSON.stringify(after) === JSON.stringify(before);
}
