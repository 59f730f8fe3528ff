import { randomBytes } from 'node:crypto';
import type { SandboxConfig, SandboxIdentity } from './config';
import { PlatformError } from './envelope';
import { formatChinaTime } from './time';

export type AccessTokenExpiryCode = -300 | -301 | -101;

interface AccessToken {
	appId: string;
	orgOpenId: string;
	expiresAt: number;
	refreshToken: string;
	/** Business calls this token has authorised. */
	calls: number;
	/** Set by a refresh (→ -301) or by the control API (→ its code). */
	forcedCode?: number;
}

interface RefreshToken {
	appId: string;
	orgOpenId: string;
	expiresAt: number;
	forcedExpired: boolean;
}

interface ExpiringToken {
	appId: string;
	orgOpenId: string;
	expiresAt: number;
}

interface SsoSign {
	accountName: string;
	expiresAt: number;
}

export interface TokenPair {
	accessToken: string;
	accessTokenExpiredTime: string;
	refreshToken: string;
	refreshTokenExpiredTime: string;
}

/** Header names are lower-cased by node:http. */
export type Headers = Record<string, string | undefined>;

/** Access, refresh and SSO tokens plus one-time SSO signs. Survives control `reset()`. */
export class TokenStore {
	private readonly access = new Map<string, AccessToken>();
	private readonly refresh = new Map<string, RefreshToken>();
	private readonly sso = new Map<string, ExpiringToken>();
	private readonly signs = new Map<string, SsoSign>();

	/** acquireToken: checks the three credentials and issues a new access + refresh token pair. */
	acquire(body: Record<string, unknown>, config: SandboxConfig, now: number): TokenPair {
		checkCredentials(body, config);
		const refreshToken = randomHex();
		this.refresh.set(refreshToken, {
			appId: config.identity.appId,
			orgOpenId: config.identity.orgOpenId,
			expiresAt: now + config.refreshTokenTtlSeconds * 1000,
			forcedExpired: false,
		});
		return this.issueAccess(refreshToken, config, now);
	}

	/** refresh: a new access token under the same refresh token; older access tokens under it die at once. */
	refreshAccess(refreshToken: string, config: SandboxConfig, now: number): TokenPair {
		const record = this.refresh.get(refreshToken);
		if (!record) throw new PlatformError(-300);
		if (record.forcedExpired || now >= record.expiresAt) throw new PlatformError(-302);
		if (config.appExpired) throw new PlatformError(-305);
		for (const token of this.access.values()) {
			if (token.refreshToken === refreshToken) token.forcedCode ??= -301;
		}
		return this.issueAccess(refreshToken, config, now);
	}

	issueSso(body: Record<string, unknown>, config: SandboxConfig, now: number) {
		checkCredentials(body, config);
		const ssoAuthToken = randomBytes(48).toString('base64');
		const expiresAt = now + config.ssoTokenTtlSeconds * 1000;
		this.sso.set(ssoAuthToken, {
			appId: config.identity.appId,
			orgOpenId: config.identity.orgOpenId,
			expiresAt,
		});
		return { ssoAuthToken, ssoAuthTokenExpiredTime: formatChinaTime(expiresAt) };
	}

	/** Validates the business-call headers and counts the call against the token. */
	authorizeAccess(headers: Headers, config: SandboxConfig, now: number): void {
		requireAppHeaders(headers);
		const value = headers['qiye-access-token'];
		const token = value ? this.access.get(value) : undefined;
		if (!token) throw new PlatformError(-300);
		checkOwner(token, headers);
		if (token.forcedCode !== undefined) throw new PlatformError(token.forcedCode);
		const limit = config.expireAccessTokenAfterCalls;
		if (now >= token.expiresAt || (limit > 0 && token.calls >= limit))
			throw new PlatformError(-301);
		token.calls++;
	}

	/** Validates the headers of `/api/sso/ssoSign`. */
	authorizeSso(headers: Headers, now: number): void {
		requireAppHeaders(headers);
		const value = headers['qiye-sso-auth-token'];
		const token = value ? this.sso.get(value) : undefined;
		if (!token) throw new PlatformError(-321);
		checkOwner(token, headers);
		if (now >= token.expiresAt) throw new PlatformError(-322);
	}

	/** A one-time sign for the landing page, valid `ttlSeconds` (config `ssoSignTtlSeconds`, default 5 minutes). */
	issueSign(
		accountName: string,
		now: number,
		ttlSeconds: number,
	): { sign: string; expiresAt: number } {
		const sign = randomHex() + randomHex();
		const expiresAt = now + ttlSeconds * 1000;
		this.signs.set(sign, { accountName, expiresAt });
		return { sign, expiresAt };
	}

	/** One-time: returns the signed-in account, or undefined for an unknown, used or stale sign. */
	consumeSign(sign: string, now: number): string | undefined {
		const record = this.signs.get(sign);
		this.signs.delete(sign);
		return record && now < record.expiresAt ? record.accountName : undefined;
	}

	/** Every access token issued so far answers `code` from now on. Returns how many. */
	expireAllAccess(code: AccessTokenExpiryCode): number {
		for (const token of this.access.values()) token.forcedCode = code;
		return this.access.size;
	}

	expireAllRefresh(): number {
		for (const token of this.refresh.values()) token.forcedExpired = true;
		return this.refresh.size;
	}

	private issueAccess(refreshToken: string, config: SandboxConfig, now: number): TokenPair {
		const refresh = this.refresh.get(refreshToken)!;
		const accessToken = randomHex();
		const expiresAt = now + config.accessTokenTtlSeconds * 1000;
		this.access.set(accessToken, {
			appId: refresh.appId,
			orgOpenId: refresh.orgOpenId,
			expiresAt,
			refreshToken,
			calls: 0,
		});
		return {
			accessToken,
			accessTokenExpiredTime: formatChinaTime(expiresAt),
			refreshToken,
			refreshTokenExpiredTime: formatChinaTime(refresh.expiresAt),
		};
	}
}

function randomHex(): string {
	return randomBytes(16).toString('hex');
}

const CREDENTIAL_FIELDS: ReadonlyArray<keyof SandboxIdentity> = ['appId', 'authCode', 'orgOpenId'];

function checkCredentials(body: Record<string, unknown>, config: SandboxConfig): void {
	for (const field of CREDENTIAL_FIELDS) {
		const value = body[field];
		if (typeof value !== 'string' || value === '') throw new PlatformError(-401, field);
	}
	const { identity } = config;
	if (
		body.appId !== identity.appId ||
		body.orgOpenId !== identity.orgOpenId ||
		body.authCode !== identity.authCode
	) {
		throw new PlatformError(-100);
	}
	if (config.appExpired) throw new PlatformError(-305);
}

function requireAppHeaders(headers: Headers): void {
	if (!headers['qiye-app-id'] || !headers['qiye-org-open-id']) throw new PlatformError(-424);
}

function checkOwner(token: { appId: string; orgOpenId: string }, headers: Headers): void {
	if (token.appId !== headers['qiye-app-id'] || token.orgOpenId !== headers['qiye-org-open-id']) {
		throw new PlatformError(-100);
	}
}
