/** Reading the platform calls the sandbox recorded. */
import { ENDPOINTS } from '../../nodes/NeteaseEmail/shared/transport/endpoints';
import type { RequestRecord } from '../../sandbox';

const TOKEN_PATHS = ['/api/pub/token/acquireToken', '/api/pub/token/refresh'];

export const isBusiness = (call: RequestRecord) => !call.path.startsWith('/api/pub/');
export const isTokenCall = (call: RequestRecord) => TOKEN_PATHS.includes(call.path);
/** Paths of the catalogue's calls that change something on the platform (token calls aside). */
const WRITE_PATHS = new Set(
	Object.values(ENDPOINTS)
		.filter((endpoint) => endpoint.write && endpoint.auth !== 'none')
		.map((endpoint) => endpoint.path),
);
export const isWrite = (call: Pick<RequestRecord, 'path'>) => WRITE_PATHS.has(call.path);
export const tokenOf = (call: RequestRecord) => call.headers['qiye-access-token'] ?? '';

/** The access token of the last business call the sandbox answered with code 0. */
export function lastGoodToken(calls: RequestRecord[]): string | undefined {
	const good = calls.filter((call) => isBusiness(call) && call.code === 0);
	return good.length ? tokenOf(good[good.length - 1]) : undefined;
}

/** Business calls the sandbox answered with this code. */
export function businessAnswered(calls: RequestRecord[], code: number): RequestRecord[] {
	return calls.filter((call) => isBusiness(call) && call.code === code);
}

/** Business calls that failed with a code other than the expected ones. */
export function failedBusinessCalls(
	calls: RequestRecord[],
	...expectedCodes: Array<RequestRecord['code']>
): RequestRecord[] {
	return calls.filter(
		(call) => isBusiness(call) && call.code !== 0 && !expectedCodes.includes(call.code),
	);
}

/** `path code` of the calls (the first `max` of them), for a reason. */
export function listCalls(calls: RequestRecord[], max?: number): string {
	return calls
		.slice(0, max)
		.map((call) => `${call.path} ${call.code}`)
		.join(', ');
}
