import { paramError } from '../envelope';
import type { RouteTable } from './route';

export const tokenRoutes: RouteTable = {
	'/api/pub/token/acquireToken': ({ rt, body }) => {
		const pair = rt.tokens.acquire(body, rt.config, rt.now());
		rt.recorder.stats.tokensAcquired++;
		return pair;
	},

	/** `refreshToken` travels in the query string; the body is empty. */
	'/api/pub/token/refresh': ({ rt, query }) => {
		if (!query.refreshToken) throw paramError('refreshToken');
		const pair = rt.tokens.refreshAccess(query.refreshToken, rt.config, rt.now());
		rt.recorder.stats.tokensRefreshed++;
		return pair;
	},

	'/api/pub/token/ssoAuthToken': ({ rt, body }) => {
		const token = rt.tokens.issueSso(body, rt.config, rt.now());
		rt.recorder.stats.ssoTokensIssued++;
		return token;
	},
};
