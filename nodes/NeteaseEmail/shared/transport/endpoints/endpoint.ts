/**
 * One platform endpoint as the catalogue records it.
 *
 * `confirmed` paths appear in NetEase's SDK demo or a working public integration; `inferred` ones
 * are not publicly documented and may differ on the real platform; `seen` ones were inferred, then
 * answered code 0 in a recording of real traffic (`npm run fidelity -- DIR --update-catalogue`).
 * Any path can be replaced without code changes through the credential's "Endpoint Path Overrides".
 */
export type EndpointStatus = 'confirmed' | 'inferred' | 'seen';

/** Which token the call carries: the access token, the SSO token, or none (token endpoints). */
export type AuthKind = 'accessToken' | 'ssoToken' | 'none';

/** How the parameters travel: a JSON body, the query string, or a multipart file upload. */
export type BodyKind = 'json' | 'query' | 'upload';

export interface Endpoint {
	path: string;
	status: EndpointStatus;
	/** For `seen`: the recording it was seen in, e.g. "recording 2026-11-29 by a user". */
	source?: string;
	/** Writes change state: a write whose answer is lost is checked before it is ever resent. */
	write: boolean;
	/** Writes that leave the same state however often they are applied: resent without checking. */
	idempotent: boolean;
	auth: AuthKind;
	body: BodyKind;
}

type Details = Partial<Omit<Endpoint, 'path' | 'write'>>;

const DEFAULTS = {
	status: 'confirmed',
	idempotent: false,
	auth: 'accessToken',
	body: 'json',
} as const;

export const read = (path: string, details: Details = {}): Endpoint => ({
	...DEFAULTS,
	path,
	write: false,
	...details,
});

export const write = (path: string, details: Details = {}): Endpoint => ({
	...DEFAULTS,
	path,
	write: true,
	...details,
});

/** Shorthands for the details above. */
export const INFERRED = { status: 'inferred' } as const;
export const IDEMPOTENT = { idempotent: true } as const;
/** An inferred endpoint seen answering code 0 in a recording of real traffic. */
export const seenIn = (source: string) => ({ status: 'seen', source }) as const;

/** The status as the README's endpoint table shows it: `seen (<source>)` names the recording. */
export function statusText(endpoint: Pick<Endpoint, 'status' | 'source'>): string {
	return endpoint.status === 'seen' && endpoint.source
		? `seen (${endpoint.source})`
		: endpoint.status;
}
