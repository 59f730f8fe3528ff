import { requiredChoice } from '../params';
import { RS_LIMIT_TYPES } from '../rules';
import { findAccount, requireDomain, writableAccount } from './lookup';
import type { RouteTable } from './route';

/** Mail settings of an account; not part of the account object, so no revision is appended. */
export const mailaccountRoutes: RouteTable = {
	'/api/open/mailaccount/getMailAccount': (ctx) => {
		const domain = requireDomain(ctx);
		const account = findAccount(ctx.rt.state, ctx.body);
		return {
			accountName: account.accountName,
			domain,
			rsLimitType: account.rsLimitType,
			status: account.status,
			loginPerms: { ...account.loginPerms },
		};
	},

	'/api/open/mailaccount/updateRsLimit': (ctx) => {
		requireDomain(ctx);
		const account = writableAccount(ctx.rt.state, ctx.body);
		account.rsLimitType = requiredChoice(ctx.body, 'rsLimitType', RS_LIMIT_TYPES);
		return null;
	},
};
