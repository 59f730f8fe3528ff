import { paramError } from '../envelope';
import { accountChanged } from '../orgEvents';
import { findAccount, requireDomain, writableAccount } from './lookup';
import { optionalMobile } from './accountFields';
import type { RouteTable } from './route';

export const mobileRoutes: RouteTable = {
	'/api/open/mobile/addMobile': (ctx) => {
		requireDomain(ctx);
		const account = writableAccount(ctx.rt.state, ctx.body);
		const mobile = optionalMobile(ctx.body, ['mobile']);
		if (!mobile?.mobile) throw paramError('mobile');
		Object.assign(account, mobile);
		accountChanged(ctx.rt, 'UPDATE', account);
		return null;
	},

	'/api/open/mobile/getMobile': (ctx) => {
		requireDomain(ctx);
		return { mobile: findAccount(ctx.rt.state, ctx.body).mobile };
	},
};
