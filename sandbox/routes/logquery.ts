import { paramError } from '../envelope';
import { optionalString, paginate, paging, type Params } from '../params';
import { formatChinaTime, parseChinaTime } from '../time';
import { localPart, requireDomain } from './lookup';
import type { RouteTable } from './route';

/** `startTime` / `endTime` as `yyyy-MM-dd HH:mm:ss` China time (padding optional), start ≤ end. */
function timeRange(params: Params): { start: number; end: number } {
	const start = parseChinaTime(params.startTime);
	if (start === null) throw paramError('startTime');
	const end = parseChinaTime(params.endTime);
	if (end === null || end < start) throw paramError('endTime');
	return { start, end };
}

/** Log lists are newest first (sandbox choice). */
export const logqueryRoutes: RouteTable = {
	/** `account` (singular) filters by mailbox; absent or empty = every mailbox (sandbox choice). */
	'/api/open/logquery/receivedMail': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = optionalString(ctx.body, 'account');
		const accountName = account ? localPart(state, account) : undefined;
		const { start, end } = timeRange(ctx.body);
		const page = paging(ctx.body);
		const entries = state.receivedMailLogs
			.filter(
				(log) =>
					log.time >= start && log.time <= end && (!accountName || log.account === accountName),
			)
			.sort((a, b) => b.time - a.time)
			.map((log) => ({ ...log, time: formatChinaTime(log.time) }));
		return paginate(entries, page);
	},

	/** `accountNames` must be a non-empty array; `[""]` = every account. */
	'/api/open/logquery/webLogin': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const names = ctx.body.accountNames;
		if (
			!Array.isArray(names) ||
			names.length === 0 ||
			!names.every((name) => typeof name === 'string')
		) {
			throw paramError('accountNames');
		}
		const wanted = new Set(
			names.filter((name) => name !== '').map((name) => localPart(state, name)),
		);
		const { start, end } = timeRange(ctx.body);
		const page = paging(ctx.body);
		const entries = state.webLoginLogs
			.filter(
				(log) =>
					log.time >= start &&
					log.time <= end &&
					(wanted.size === 0 || wanted.has(log.accountName)),
			)
			.sort((a, b) => b.time - a.time)
			.map((log) => ({ ...log, domain: state.domain, time: formatChinaTime(log.time) }));
		return paginate(entries, page);
	},
};
