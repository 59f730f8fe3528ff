import type { LoginEntry } from '../actions/loginLog/loginEntries';

/** The IPs remembered per account: the latest ones it logged in from successfully. */
export const KNOWN_IPS_PER_ACCOUNT = 50;

/** By the account's address (never a name such as `__proto__`), most recent IP last. */
export type KnownIps = Record<string, string[]>;

/**
 * Whether a login comes from an IP none of the account's remembered successful logins came from.
 * An account not seen yet has nothing to compare with: its logins are not new.
 */
export function isNewIp(known: KnownIps, { email, ip }: LoginEntry): boolean {
	if (email === null || ip === null || !Object.prototype.hasOwnProperty.call(known, email)) {
		return false;
	}
	return !known[email].includes(ip);
}

/** A successful login teaches its IP; only the latest 50 per account are kept. */
export function learnIp(known: KnownIps, { email, ip, result }: LoginEntry): void {
	if (email === null || ip === null || result !== 'success') return;
	const earlier = Object.prototype.hasOwnProperty.call(known, email) ? known[email] : [];
	known[email] = [...earlier.filter((seen) => seen !== ip), ip].slice(-KNOWN_IPS_PER_ACCOUNT);
}
