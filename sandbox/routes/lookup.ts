import { accountNotExist, businessError, PlatformError, paramError } from '../envelope';
import { requiredString, type Params } from '../params';
import type { Account, OrgState, Unit } from '../state';
import type { RouteContext } from './route';

/** Reads `domain` and checks it is the organisation's. */
export function requireDomain({ body, rt }: RouteContext): string {
	const domain = requiredString(body, 'domain');
	if (domain !== rt.state.domain) throw businessError('DOMAIN.NOTEXIST');
	return domain;
}

/** Reads `orgOpenId` and checks it is the caller's own enterprise (another one → -200, sandbox choice). */
export function requireOwnOrg({ body, rt }: RouteContext): string {
	const orgOpenId = requiredString(body, 'orgOpenId');
	if (orgOpenId !== rt.state.orgOpenId) throw new PlatformError(-200);
	return orgOpenId;
}

/** Accepts the local part or the full address of this domain. */
export function localPart(state: OrgState, name: string): string {
	const suffix = `@${state.domain}`;
	return name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

/** An account in any status except permanently deleted. */
export function findAccount(state: OrgState, params: Params, param = 'accountName'): Account {
	const name = localPart(state, requiredString(params, param));
	const account = state.accounts.get(name);
	if (!account) throw accountNotExist(state.email(name));
	return account;
}

/** The account whose name or alias is `name` (any status short of permanent deletion). */
export function accountHolding(state: OrgState, name: string): Account | undefined {
	return (
		state.accounts.get(name) ??
		[...state.accounts.values()].find((account) => account.aliases.includes(name))
	);
}

/** An account that may be written to: soft-deleted accounts answer ACCOUNT.STATUSERROR. */
export function writableAccount(state: OrgState, params: Params): Account {
	const account = findAccount(state, params);
	if (account.status === 2) throw businessError('ACCOUNT.STATUSERROR');
	return account;
}

export function existingUnit(state: OrgState, unitId: string): Unit {
	const unit = state.findUnit(unitId);
	if (!unit) throw businessError('UNIT.NOTEXIST');
	return unit;
}

/** A real unit (not the default department) that may be moved, ranked or deleted. */
export function ordinaryUnit(state: OrgState, params: Params): Unit {
	const unit = existingUnit(state, requiredString(params, 'unitId'));
	if (unit.isDefault) throw paramError('unitId');
	return unit;
}

/** `"0"`, `"root"`, empty or absent = top level (`"0"`); the default department cannot be a parent. */
export function parentUnitId(state: OrgState, value: string | undefined, param: string): string {
	if (value === undefined || value === '' || value === '0' || value === 'root') return '0';
	const parent = existingUnit(state, value);
	if (parent.isDefault) throw paramError(param);
	return parent.unitId;
}

/**
 * An active (status 0) account of the domain named by `value` (its local part or address; not an
 * alias), as its address; anything else → -401 `param`.
 */
export function activeAccountAddress(state: OrgState, value: string, param: string): string {
	const name = value.trim();
	const at = name.lastIndexOf('@');
	if (at >= 0 && name.slice(at + 1).toLowerCase() !== state.domain.toLowerCase())
		throw paramError(param);
	const account = state.accounts.get((at >= 0 ? name.slice(0, at) : name).toLowerCase());
	if (!account || account.status !== 0) throw paramError(param);
	return state.email(account.accountName);
}
