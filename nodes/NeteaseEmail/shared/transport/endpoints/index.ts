import { ADDRESS_BOOK_ENDPOINTS } from './addressBook';
import { EMAIL_ENDPOINTS } from './email';
import type { Endpoint } from './endpoint';
import { LOG_ENDPOINTS } from './logs';
import { SETTINGS_ENDPOINTS } from './settings';
import { SSO_ENDPOINTS } from './sso';
import { TOKEN_ENDPOINTS } from './token';

export type { AuthKind, BodyKind, Endpoint, EndpointStatus } from './endpoint';

export const DEFAULT_BASE_URL = 'https://api.qiye.163.com';

/**
 * The endpoint catalogue: every path this package calls, one file per platform module. Overrides
 * from the credential are keyed by these keys (e.g. {"account.create": "/api/open/…"}).
 */
export const ENDPOINTS = {
	...TOKEN_ENDPOINTS,
	...ADDRESS_BOOK_ENDPOINTS,
	...EMAIL_ENDPOINTS,
	...SSO_ENDPOINTS,
	...LOG_ENDPOINTS,
	...SETTINGS_ENDPOINTS,
} satisfies Record<string, Endpoint>;

export type EndpointKey = keyof typeof ENDPOINTS;

export function isEndpointKey(key: string): key is EndpointKey {
	return Object.prototype.hasOwnProperty.call(ENDPOINTS, key);
}

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
		if (!isEndpointKey(key))
			return `"${key}" is not an endpoint key (see the README's endpoint table)`;
		if (typeof path !== 'string' || !path.startsWith('/'))
			return `the path for "${key}" must start with "/"`;
	}
	return value as Record<string, string>;
}

export function endpointPath(key: EndpointKey, overrides: Record<string, string> = {}): string {
	return overrides[key] ?? ENDPOINTS[key].path;
}
