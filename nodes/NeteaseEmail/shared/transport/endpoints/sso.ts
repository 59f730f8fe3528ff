import type { Endpoint } from './endpoint';
import { IDEMPOTENT, INFERRED, read, write } from './endpoint';

/** The single sign-on module (reference §3.5, §6.8, §8 and §11). */
export const SSO_ENDPOINTS = {
	'sso.sign': read('/api/sso/ssoSign', { auth: 'ssoToken' }),
	'loginAccess.get': read('/api/open/sso/getLoginAccess', INFERRED),
	'loginAccess.update': write('/api/open/sso/updateLoginAccess', { ...INFERRED, ...IDEMPOTENT }),
} satisfies Record<string, Endpoint>;
