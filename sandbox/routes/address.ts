import { PlatformError } from '../envelope';
import { requiredInteger } from '../params';
import { requireOwnOrg } from './lookup';
import type { RouteTable } from './route';

/** The account revision feed (§6.5). */
export const addressRoutes: RouteTable = {
	'/api/open/address/getMaxRevision': (ctx) => {
		requireOwnOrg(ctx);
		return { revision: ctx.rt.state.maxRevision };
	},

	'/api/open/address/getRevisionData': (ctx) => {
		requireOwnOrg(ctx);
		const revision = requiredInteger(ctx.body, 'revision');
		const record = ctx.rt.state.revisions.find((candidate) => candidate.revision === revision);
		if (!record) throw new PlatformError(-4);
		return record;
	},
};
