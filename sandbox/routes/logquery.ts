import { businessError, paramError } from '../envelope';
import { optionalString, paginate, paging, type Params, type Paging } from '../params';
import { CLIENT_LOGIN_PROTOCOLS, LOG_MAX_RANGE_DAYS } from '../rules';
import type { OrgState } from '../state';
import { formatChinaTime, parseChinaTime } from '../time';
import { localPart, requireDomain } from './lookup';
import type { RouteTable } from './route';

const LOG_MAX_RANGE_MS = LOG_MAX_RANGE_DAYS * 24 * 3600 * 1000;

/** `startTime` / `endTime` as `yyyy-MM-dd HH:mm:ss` China time (padding optional), start ≤ end. */
function timeRange(params: Params): { start: number; end: number } {
	const start = parseChinaTime(params.startTime);
	if (start === null) throw paramError('startTime');
	const end = parseChinaTime(params.endTime);
	if (end === null || end < start) throw paramError('endTime');
	return { start, end };
}

/** Every parameter of a log query has been read; a range over 31 days is refused last (sandbox choice). */
function checkRange({ start, end }: { start: number; end: number }): void {
	if (end - start > LOG_MAX_RANGE_MS) throw businessError('LOG.TIMERANGE.TOOLONG');
}

/** `accountNames`: a non-empty array of strings; `[""]` = every account. Empty set = no filter. */
function accountNamesFilter(state: OrgState, params: Params): Set<string> {
	const names = params.accountNames;
	if (
		!Array.isArray(names) ||
		names.length === 0 ||
		!names.every((name) => typeof name === 'string')
	) {
		throw paramError('accountNames');
	}
	return new Set(
		(names as string[]).filter((name) => name !== '').map((name) => localPart(state, name)),
	);
}

/** An optional singular `account` filter (local part or address); absent or empty = every account. */
function accountFilter(state: OrgState, params: Params): string | undefined {
	const account = optionalString(params, 'account');
	return account ? localPart(state, account) : undefined;
}

/**
 * The entries inside the range that `matches`, newest first (entries of the same millisecond: the
 * one recorded last first), paged, times as China-time strings.
 */
function query<T extends { time: number }, R>(
	logs: readonly T[],
	filter: { range: { start: number; end: number }; page: Paging; matches: (log: T) => boolean },
	view: (log: T) => R,
): { list: R[]; count: number } {
	const { range, page, matches } = filter;
	checkRange(range);
	const entries = logs
		.map((log, index) => ({ log, index }))
		// Whole seconds, as the platform's times are: an entry of 12:00:00.700 belongs to 12:00:00.
		.filter(({ log }) => {
			const second = Math.floor(log.time / 1000) * 1000;
			return second >= range.start && second <= range.end && matches(log);
		})
		.sort((a, b) => b.log.time - a.log.time || b.index - a.index)
		.map(({ log }) => view(log));
	return paginate(entries, page);
}

const chinaTime = <T extends { time: number }>(log: T) => ({
	...log,
	time: formatChinaTime(log.time),
});

/**
 * Log lists are newest first (sandbox choice). Checks in this order: domain, filters, times, paging
 * (-401), then the range (`LOG.TIMERANGE.TOOLONG` beyond 31 days).
 */
export const logqueryRoutes: RouteTable = {
	/** `account` (singular) filters by mailbox; absent or empty = every mailbox (sandbox choice). */
	'/api/open/logquery/receivedMail': (ctx) => {
		requireDomain(ctx);
		const account = accountFilter(ctx.rt.state, ctx.body);
		const range = timeRange(ctx.body);
		const page = paging(ctx.body);
		return query(
			ctx.rt.state.receivedMailLogs,
			{ range, page, matches: (log) => !account || log.account === account },
			chinaTime,
		);
	},

	/** `accountNames` must be a non-empty array; `[""]` = every account. */
	'/api/open/logquery/webLogin': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const wanted = accountNamesFilter(state, ctx.body);
		const range = timeRange(ctx.body);
		const page = paging(ctx.body);
		return query(
			state.webLoginLogs,
			{ range, page, matches: (log) => wanted.size === 0 || wanted.has(log.accountName) },
			(log) => ({
				time: formatChinaTime(log.time),
				accountName: log.accountName,
				domain: state.domain,
				ip: log.ip,
				loginType: log.loginType,
				result: log.result,
			}),
		);
	},

	/** Inferred: IMAP/POP/SMTP logins; `accountNames` as for webLogin, `protocol` optional. */
	'/api/open/logquery/clientLogin': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const wanted = accountNamesFilter(state, ctx.body);
		const protocol = optionalString(ctx.body, 'protocol');
		if (
			protocol !== undefined &&
			protocol !== '' &&
			!(CLIENT_LOGIN_PROTOCOLS as readonly string[]).includes(protocol)
		)
			throw paramError('protocol');
		const range = timeRange(ctx.body);
		const page = paging(ctx.body);
		return query(
			state.clientLoginLogs,
			{
				range,
				page,
				matches: (log) =>
					(wanted.size === 0 || wanted.has(log.accountName)) &&
					(!protocol || log.protocol === protocol),
			},
			chinaTime,
		);
	},

	/** Inferred: one entry per mail sent through `sendMail` (or seeded); `account` as for receivedMail. */
	'/api/open/logquery/sentMail': (ctx) => {
		requireDomain(ctx);
		const account = accountFilter(ctx.rt.state, ctx.body);
		const range = timeRange(ctx.body);
		const page = paging(ctx.body);
		return query(
			ctx.rt.state.sentMailLogs,
			{ range, page, matches: (log) => !account || log.account === account },
			chinaTime,
		);
	},

	/** Inferred: every successful write through the open API; `operator` (exact) optional. */
	'/api/open/logquery/adminOperation': (ctx) => {
		requireDomain(ctx);
		const operator = optionalString(ctx.body, 'operator');
		const range = timeRange(ctx.body);
		const page = paging(ctx.body);
		return query(
			ctx.rt.state.adminOperationLogs,
			{ range, page, matches: (log) => !operator || log.operator === operator },
			chinaTime,
		);
	},
};
