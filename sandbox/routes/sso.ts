import { businessError, paramError } from '../envelope';
import { optionalChoice, optionalList, requiredString, type Params } from '../params';
import { LOGIN_ACCESS_MODULES, type LoginAccessModule } from '../rules';
import type { Runtime } from '../runtime';
import {
	VIEW_SCOPE_TARGET_TYPES,
	viewScopeKey,
	type OrgState,
	type ViewScopeTargetType,
} from '../state';
import { formatChinaTime } from '../time';
import { findAccount, requireDomain } from './lookup';
import type { RouteTable } from './route';

export const SSO_LOGIN_PATH = '/__sandbox/sso/login';

export const ssoRoutes: RouteTable = {
	/** Needs `qiye-sso-auth-token` instead of an access token. Only active accounts may sign in (sandbox choice). */
	'/api/sso/ssoSign': (ctx) => {
		requireDomain(ctx);
		const account = findAccount(ctx.rt.state, ctx.body);
		optionalChoice(ctx.body, 'pass_2fa', [0, 1]);
		if (account.status !== 0) throw businessError('ACCOUNT.STATUSERROR');
		const { sign, expiresAt } = ctx.rt.tokens.issueSign(
			account.accountName,
			ctx.rt.now(),
			ctx.rt.config.ssoSignTtlSeconds,
		);
		return {
			sign,
			endpoint: `${ctx.publicBaseUrl}${SSO_LOGIN_PATH}`,
			// Sandbox addition: when the sign stops working (China time).
			expiredTime: formatChinaTime(expiresAt),
		};
	},

	// Inferred paths below (not publicly documented, reference §11): stored, not applied to the landing page.

	/** A target never set may reach every module. */
	'/api/open/sso/getLoginAccess': (ctx) => {
		requireDomain(ctx);
		const { targetType, targetId } = loginAccessTarget(ctx.rt.state, ctx.body);
		const access = ctx.rt.state.loginAccess.get(viewScopeKey(targetType, targetId));
		return { targetType, targetId, modules: [...(access?.modules ?? LOGIN_ACCESS_MODULES)] };
	},

	/** `modules`: a non-empty subset of the five; stored in the canonical order, duplicates dropped. */
	'/api/open/sso/updateLoginAccess': (ctx) => {
		requireDomain(ctx);
		const { targetType, targetId } = loginAccessTarget(ctx.rt.state, ctx.body);
		const wanted = optionalList(ctx.body, 'modules') ?? [];
		if (
			wanted.length === 0 ||
			!wanted.every((module) => (LOGIN_ACCESS_MODULES as readonly string[]).includes(module))
		)
			throw paramError('modules');
		const modules: LoginAccessModule[] = LOGIN_ACCESS_MODULES.filter((module) =>
			wanted.includes(module),
		);
		ctx.rt.state.loginAccess.set(viewScopeKey(targetType, targetId), {
			targetType,
			targetId,
			modules,
		});
		return null;
	},
};

/**
 * `targetType` `unit` or `role`, `targetId` any non-empty id (not checked against the units;
 * `"default"` for a unit means the default department, as everywhere).
 */
function loginAccessTarget(
	state: OrgState,
	params: Params,
): { targetType: ViewScopeTargetType; targetId: string } {
	const targetType = requiredString(params, 'targetType').trim();
	if (!(VIEW_SCOPE_TARGET_TYPES as readonly string[]).includes(targetType))
		throw paramError('targetType');
	const id = requiredString(params, 'targetId').trim();
	const targetId = targetType === 'unit' && id === 'default' ? state.defaultUnitId : id;
	return { targetType: targetType as ViewScopeTargetType, targetId };
}

/** The browser landing page behind `endpoint`: one use per sign, records a web-login log entry. */
export function ssoLoginPage(
	rt: Runtime,
	query: URLSearchParams,
	remoteAddress: string,
): { status: number; html: string } {
	const accountName = rt.tokens.consumeSign(query.get('sso_token') ?? '', rt.now());
	const account = accountName ? rt.state.accounts.get(accountName) : undefined;
	if (!account)
		return {
			status: 403,
			html: page('登录失败', '<p>sso_token is unknown, expired or already used.</p>'),
		};

	rt.state.webLoginLogs.push({
		time: rt.now(),
		accountName: account.accountName,
		ip: remoteAddress,
		loginType: 'sso',
		result: 'success',
	});
	const mid = query.get('mid');
	const module = query.get('module');
	const message = mid
		? rt.state.mailboxes.get(account.accountName)?.find((candidate) => candidate.mid === mid)
		: undefined;
	const lines = [
		`<p>Signed in as <b id="account">${escapeHtml(rt.state.email(account.accountName))}</b> (${escapeHtml(account.name)})</p>`,
		mid
			? `<p>Opening message <code id="mid">${escapeHtml(mid)}</code>${message ? `: ${escapeHtml(message.subject)}` : ' (not found)'}</p>`
			: '',
		module ? `<p>Module <code id="module">${escapeHtml(module)}</code></p>` : '',
		`<p>Language: ${escapeHtml(query.get('lang') ?? query.get('language') ?? '0')}</p>`,
	];
	return { status: 200, html: page('网易企业邮箱 (sandbox)', lines.join('\n')) };
}

function page(title: string, body: string): string {
	return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title></head>\n<body><h1>${title}</h1>\n${body}\n</body></html>\n`;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
