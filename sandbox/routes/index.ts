import { accountRoutes } from './account';
import { accountSettingsRoutes } from './accountSettings';
import { addressRoutes } from './address';
import { addressScopeRoutes } from './addressScope';
import { aliasRoutes } from './alias';
import { approvalRoutes } from './approval';
import { archiveRoutes } from './archive';
import { handOverRoutes } from './handover';
import { logqueryRoutes } from './logquery';
import { mailRoutes } from './mail';
import { mailaccountRoutes } from './mailaccount';
import { mailboxRoutes } from './mailbox';
import { maillistRoutes } from './maillist';
import { mobileRoutes } from './mobile';
import { pubaddressRoutes } from './pubaddress';
import { pushRoutes } from './push';
import { isWritePath, type RouteHandler, type RouteTable } from './route';
import { ssoRoutes } from './sso';
import { tokenRoutes } from './token';
import { unitRoutes } from './unit';

/** Every platform path the sandbox answers. A new module = one import and one line here. */
const routes: RouteTable = {
	...tokenRoutes,
	...unitRoutes,
	...accountRoutes,
	...aliasRoutes,
	...mobileRoutes,
	...addressRoutes,
	...addressScopeRoutes,
	...pubaddressRoutes,
	...maillistRoutes,
	...ssoRoutes,
	...mailboxRoutes,
	...mailRoutes,
	...handOverRoutes,
	...logqueryRoutes,
	...mailaccountRoutes,
	...accountSettingsRoutes,
	...approvalRoutes,
	...archiveRoutes,
	...pushRoutes,
};

/** A write may soft-delete or recover accounts: the cached account listing is dropped after it. */
function forgettingListedAccounts(route: RouteHandler): RouteHandler {
	return async (ctx) => {
		try {
			return await route(ctx);
		} finally {
			ctx.rt.state.accountsMayHaveChanged();
		}
	};
}

export const platformRoutes: RouteTable = Object.fromEntries(
	Object.entries(routes).map(([path, route]) => [
		path,
		isWritePath(path) ? forgettingListedAccounts(route) : route,
	]),
);

/** The write paths (see `isWritePath`): each successful call appends an admin-operation log entry. */
export const adminLoggedPaths: ReadonlySet<string> = new Set(
	Object.keys(platformRoutes).filter(isWritePath),
);

export { uploadPaths } from './mail';
