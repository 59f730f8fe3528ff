import type { Endpoint } from './endpoint';
import { write } from './endpoint';

const NO_TOKEN = { auth: 'none' } as const;

/** Token endpoints (reference §3): used by the credential itself. */
export const TOKEN_ENDPOINTS = {
	'token.acquire': write('/api/pub/token/acquireToken', NO_TOKEN),
	'token.refresh': write('/api/pub/token/refresh', { ...NO_TOKEN, body: 'query' }),
	'token.sso': write('/api/pub/token/ssoAuthToken', NO_TOKEN),
} satisfies Record<string, Endpoint>;
