import type { UploadedFile } from '../multipart';
import type { Params } from '../params';
import type { Runtime } from '../runtime';

export interface RouteContext {
	rt: Runtime;
	path: string;
	/** The JSON body, or the text fields of a multipart/form-data body. */
	body: Params;
	/** File parts of a multipart/form-data body (upload paths only; empty otherwise). */
	files: UploadedFile[];
	query: Record<string, string>;
	/** Lower-cased names. */
	headers: Record<string, string>;
	remoteAddress: string;
	/** Base URL as the caller reached the sandbox (from the Host header), for links handed back. */
	publicBaseUrl: string;
}

/** Returns the envelope's `data`, or throws a PlatformError. */
export type RouteHandler = (ctx: RouteContext) => unknown;

export type RouteTable = Readonly<Record<string, RouteHandler>>;

/** Which credential a path needs: token calls none, SSO the SSO token, everything else an access token. */
export type AuthKind = 'none' | 'sso' | 'access';

export function authKindFor(path: string): AuthKind {
	if (path.startsWith('/api/pub/')) return 'none';
	if (path.startsWith('/api/sso/')) return 'sso';
	return 'access';
}

/**
 * Whether a path is a write through the open API, recorded in the admin-operation log: every
 * `/api/open/*` path except the log queries (`logquery/*`) and the reads, whose last segment
 * starts with `get` or `list` (`getAccount`, `getUnreadMsg`, `listMessages`, …).
 */
export function isWritePath(path: string): boolean {
	if (!path.startsWith('/api/open/')) return false;
	const [module, action] = path.split('/').slice(-2);
	return module !== 'logquery' && !/^(get|list)[A-Z]/.test(action);
}
