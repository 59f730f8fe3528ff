/**
 * The endpoint catalogue: every path this package calls, in one place.
 *
 * `confirmed` paths appear in NetEase's SDK demo or a working public integration; `inferred`
 * ones are not publicly documented and may differ on the real platform. Any path can be
 * replaced without code changes through the credential's "Endpoint Path Overrides" JSON,
 * keyed by the catalogue key (e.g. {"account.create": "/api/open/account/createAccount"}).
 */
export const DEFAULT_BASE_URL = 'https://api.qiye.163.com';

export type EndpointStatus = 'confirmed' | 'inferred';

export interface Endpoint {
	path: string;
	status: EndpointStatus;
	/** Writes change state: their outcome must be checked before any retry. */
	write: boolean;
}

const read = (path: string, status: EndpointStatus = 'confirmed'): Endpoint => ({
	path,
	status,
	write: false,
});
const write = (path: string, status: EndpointStatus = 'confirmed'): Endpoint => ({
	path,
	status,
	write: true,
});

export const ENDPOINTS = {
	'token.acquire': write('/api/pub/token/acquireToken'),
	'token.refresh': write('/api/pub/token/refresh'),
	'token.sso': write('/api/pub/token/ssoAuthToken'),

	'unit.list': read('/api/open/unit/getUnitList'),
	'unit.create': write('/api/open/unit/createUnit'),
	'unit.move': write('/api/open/unit/moveUnit'),
	'unit.delete': write('/api/open/unit/deleteUnit'),
	'unit.updateRank': write('/api/open/unit/updateUnitRank'),
	'unit.accounts': read('/api/open/unit/getAccountList'),

	'account.get': read('/api/open/account/getAccount'),
	'account.create': write('/api/open/account/createAccount'),
	'account.update': write('/api/open/account/updateAccount'),
	'account.updatePassword': write('/api/open/account/updatePassword'),
	'account.updateLoginPermission': write('/api/open/account/updateAccountLoginPerm'),
	'account.suspend': write('/api/open/account/suspendAccount'),
	'account.deleteRecoverable': write('/api/open/account/deleteAccountSim'),
	'account.deletePermanent': write('/api/open/account/deleteAccount'),
	'account.recover': write('/api/open/account/recoverAccount'),
	'account.moveUnit': write('/api/open/account/moveUnit'),
	'account.findByJobNumber': read('/api/open/account/getAccountListByNicknameAndJobNo'),
	'account.aliases': read('/api/open/account/getAccountAliasList'),

	'mobile.bind': write('/api/open/mobile/addMobile'),
	'mobile.get': read('/api/open/mobile/getMobile'),
} as const satisfies Record<string, Endpoint>;

export type EndpointKey = keyof typeof ENDPOINTS;

export function trimBaseUrl(baseUrl: string | undefined): string {
	return (baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
}

/** Parses the credential's override JSON; returns the problem as text when it is unusable. */
export function parseEndpointOverrides(raw: unknown): Record<string, string> | string {
	if (raw === undefined || raw === null || raw === '') return {};
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			return 'it is not valid JSON';
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return 'it must be a JSON object such as {"account.create": "/api/open/account/createAccount"}';
	}
	for (const [key, path] of Object.entries(value)) {
		if (!(key in ENDPOINTS))
			return `"${key}" is not an endpoint key (see the README's endpoint table)`;
		if (typeof path !== 'string' || !path.startsWith('/'))
			return `the path for "${key}" must start with "/"`;
	}
	return value as Record<string, string>;
}

export function endpointPath(key: EndpointKey, overrides: Record<string, string> = {}): string {
	return overrides[key] ?? ENDPOINTS[key].path;
}
