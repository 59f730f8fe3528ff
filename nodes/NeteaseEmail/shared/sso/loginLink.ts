import { chinaTimeToIso } from '../helpers/chinaTime';
import type { AccountAddress } from '../helpers/validation';
import type { ApiContext } from '../transport';
import { apiRequest } from '../transport';

export interface LoginLink {
	url: string;
	/** ISO time; `null` when the platform does not say (it documents no expiry). */
	expiresAt: string | null;
}

/**
 * A one-click login link for an active account of the organisation (reference §8): a fresh,
 * single-use sign in the landing page's URL, with `query` (lang, mid, module) added. Reads only.
 */
export async function loginLink(
	this: ApiContext,
	address: AccountAddress,
	{
		skipSecondFactor = false,
		query = {},
	}: { skipSecondFactor?: boolean; query?: Record<string, string> },
	itemIndex: number,
): Promise<LoginLink> {
	const body = { domain: address.domain, accountName: address.accountName };
	const data = await apiRequest.call(
		this,
		'sso.sign',
		skipSecondFactor ? { ...body, pass_2fa: 1 } : body,
		{ itemIndex },
	);
	const url = new URL(String(data.endpoint));
	url.searchParams.set('sso_token', String(data.sign));
	for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
	const expiry = String(data.expiredTime ?? data.expireTime ?? '');
	return { url: url.toString(), expiresAt: chinaTimeToIso(expiry) || null };
}
