import type { UploadedFile } from './multipart';
import type { Params } from './params';
import { localPart } from './routes/lookup';
import type { RouteContext } from './routes/route';
import type { AdminOperationLog } from './state';

/** Parameters never copied into `detail`: passwords in any spelling. */
const SECRET_PARAM = /passw(or)?d|secret|authcode/i;
/** `detail` keeps strings up to this many characters, arrays up to this many items. */
const DETAIL_MAX_STRING = 100;
const DETAIL_MAX_ITEMS = 20;

/** Where the target of a write is named: the body first, in this order, then the answer. */
const TARGET_PARAMS = [
	'accountName',
	'unitId',
	'ruleId',
	'addressId',
	'addressIds',
	'groupId',
	'targetId',
	'source',
];
const TARGET_ANSWER_FIELDS = ['unitId', 'ruleId', 'addressId', 'groupId', 'accountName'];

/**
 * Appends the admin-operation log entry of a successful write through the open API (called once,
 * by the pipeline, for every path in `adminLoggedPaths`): operator = the calling app id, `ip` the
 * caller, `module` / `action` the path's last two segments, `target` what it acted on, `detail`
 * the parameters as short JSON without `domain`, passwords or file content.
 */
export function recordAdminOperation(ctx: RouteContext, data: unknown): AdminOperationLog {
	const { rt, path, headers } = ctx;
	const [module, action] = path.split('/').slice(-2);
	const entry: AdminOperationLog = {
		time: rt.now(),
		operator: headers['qiye-app-id'] ?? rt.config.identity.appId,
		ip: ctx.remoteAddress,
		module,
		action,
		target: targetOf(ctx, data),
		detail: detailOf(ctx.body, ctx.files),
	};
	rt.state.adminOperationLogs.push(entry);
	return entry;
}

function targetOf({ rt, body }: RouteContext, data: unknown): string {
	const { state } = rt;
	for (const name of TARGET_PARAMS) {
		const value = textOf(body[name]);
		if (value === '') continue;
		if (name === 'accountName') return localPart(state, value);
		if (name === 'unitId') return state.findUnit(value)?.unitId ?? value;
		return value;
	}
	if (data && typeof data === 'object') {
		const answer = data as Record<string, unknown>;
		for (const name of TARGET_ANSWER_FIELDS) {
			const value = textOf(answer[name]);
			if (value !== '') return value;
		}
	}
	return '';
}

function textOf(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(',');
	return '';
}

/** The parameters as JSON: no `domain`, no password, long strings and lists cut; files by name only. */
export function detailOf(body: Params, files: UploadedFile[]): string {
	const detail: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(body)) {
		if (name === 'domain' || SECRET_PARAM.test(name)) continue;
		detail[name] = shorten(value, 0);
	}
	if (files.length > 0)
		detail.attachments = shorten(
			files.map((file) => file.fileName),
			0,
		);
	return JSON.stringify(detail);
}

function shorten(value: unknown, depth: number): unknown {
	if (typeof value === 'string')
		return value.length > DETAIL_MAX_STRING ? `${value.slice(0, DETAIL_MAX_STRING)}…` : value;
	if (value === null || typeof value !== 'object') return value;
	if (depth >= 2) return '…';
	if (Array.isArray(value)) {
		const items = value.slice(0, DETAIL_MAX_ITEMS).map((item) => shorten(item, depth + 1));
		if (value.length > DETAIL_MAX_ITEMS) items.push(`…(+${value.length - DETAIL_MAX_ITEMS})`);
		return items;
	}
	return Object.fromEntries(
		Object.entries(value)
			.filter(([name]) => !SECRET_PARAM.test(name))
			.map(([name, item]) => [name, shorten(item, depth + 1)]),
	);
}
