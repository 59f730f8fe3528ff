import { businessError, paramError } from '../envelope';
import { handOverStatus, startHandOver } from '../handover';
import { findAccount, requireDomain } from './lookup';
import type { RouteTable } from './route';

/** Mailbox hand-over of a leaver to a successor. Inferred paths (not publicly documented, reference §11). */
export const handOverRoutes: RouteTable = {
	/**
	 * The leaver: not soft-deleted (ACCOUNT.STATUSERROR), not already handing over or handed over
	 * (ACCOUNT.HANDOVER.EXIST). The successor: another account (-401 `targetAccountName`), active
	 * (ACCOUNT.STATUSERROR). Completion: see ../handover.ts.
	 */
	'/api/open/account/handOverMail': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const leaver = findAccount(state, ctx.body);
		if (leaver.status === 2) throw businessError('ACCOUNT.STATUSERROR');
		if (leaver.status === 5 || leaver.status === 6 || state.handOvers.has(leaver.accountName))
			throw businessError('ACCOUNT.HANDOVER.EXIST');
		const successor = findAccount(state, ctx.body, 'targetAccountName');
		if (successor === leaver) throw paramError('targetAccountName');
		if (successor.status !== 0) throw businessError('ACCOUNT.STATUSERROR');
		return startHandOver(ctx.rt, leaver, successor);
	},

	'/api/open/account/getHandOverStatus': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		return handOverStatus(state, findAccount(state, ctx.body));
	},
};
