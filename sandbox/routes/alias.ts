import { businessError, paramError } from '../envelope';
import { accountChanged } from '../orgEvents';
import { requiredString, type Params } from '../params';
import { ALIAS_MAX_PER_ACCOUNT, isValidAccountName } from '../rules';
import type { OrgState } from '../state';
import { accountHolding, localPart, requireDomain, writableAccount } from './lookup';
import type { RouteTable } from './route';

/** `alias`: a local part (account-name rules), or a full address of this domain reduced to one. */
function aliasParam(state: OrgState, params: Params): string {
	const alias = localPart(state, requiredString(params, 'alias').trim());
	if (!isValidAccountName(alias)) throw paramError('alias');
	return alias;
}

/**
 * Inferred paths (not publicly documented, reference §11; only `getAccountAliasList` is confirmed).
 * Each change appends an UPDATE revision for the account; a call that changes nothing appends none.
 */
export const aliasRoutes: RouteTable = {
	/** Idempotent; a name held by an account, an alias of another account or a mail list → ALIAS.EXIST. */
	'/api/open/account/addAccountAlias': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = writableAccount(state, ctx.body);
		const alias = aliasParam(state, ctx.body);
		if (account.aliases.includes(alias)) return null;
		if (state.mailLists.has(alias) || accountHolding(state, alias))
			throw businessError('ALIAS.EXIST');
		if (account.aliases.length >= ALIAS_MAX_PER_ACCOUNT) throw businessError('ALIAS.LIMIT');
		account.aliases.push(alias);
		accountChanged(ctx.rt, 'UPDATE', account);
		return null;
	},

	'/api/open/account/deleteAccountAlias': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = writableAccount(state, ctx.body);
		const alias = aliasParam(state, ctx.body);
		if (!account.aliases.includes(alias)) throw businessError('ALIAS.NOTEXIST');
		account.aliases = account.aliases.filter((candidate) => candidate !== alias);
		accountChanged(ctx.rt, 'UPDATE', account);
		return null;
	},
};
