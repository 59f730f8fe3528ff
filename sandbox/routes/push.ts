import { paramError } from '../envelope';
import { optionalString, requiredString, type Params } from '../params';
import type { PushSource } from '../state';
import { findAccount, requireDomain, requireOwnOrg } from './lookup';
import type { RouteTable } from './route';

const SOURCES: readonly PushSource[] = ['pushmail', 'orgevent'];

function source(params: Params): PushSource {
	const value = optionalString(params, 'source') || 'pushmail';
	if (!(SOURCES as readonly string[]).includes(value)) throw paramError('source');
	return value as PushSource;
}

function callbackUrl(params: Params): string {
	const url = requiredString(params, 'url').trim();
	let protocol: string;
	try {
		protocol = new URL(url).protocol;
	} catch {
		throw paramError('url');
	}
	if (protocol !== 'http:' && protocol !== 'https:') throw paramError('url');
	return url;
}

/** One URL per source; subscribing again replaces it (sandbox choice). Delivery: see ../push.ts. */
export const pushRoutes: RouteTable = {
	'/api/open/push/addDynamicSubscribe': (ctx) => {
		requireOwnOrg(ctx);
		const url = callbackUrl(ctx.body);
		ctx.rt.state.subscriptions[source(ctx.body)] = url;
		return null;
	},

	'/api/open/push/getDynamicSubscribe': (ctx) => {
		requireOwnOrg(ctx);
		const wanted = source(ctx.body);
		const url = ctx.rt.state.subscriptions[wanted];
		return url ? { url, source: wanted } : null;
	},

	/**
	 * Inferred (§7.4 documents no way to remove a subscription): forgets the source's URL, whoever
	 * registered it; nothing registered is no error. Mailbox subscriptions stay (without a URL they
	 * push nothing).
	 */
	'/api/open/push/deleteDynamicSubscribe': (ctx) => {
		requireOwnOrg(ctx);
		delete ctx.rt.state.subscriptions[source(ctx.body)];
		return null;
	},

	'/api/open/push/addPushMailSubscribe': (ctx) => {
		requireDomain(ctx);
		const account = findAccount(ctx.rt.state, ctx.body);
		ctx.rt.state.pushMailAccounts.add(account.accountName);
		return null;
	},
};
