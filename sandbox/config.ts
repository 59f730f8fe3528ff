import { InputError } from './inputError';

/** The enterprise the sandbox impersonates. Deliberately fake values. */
export interface SandboxIdentity {
	orgOpenId: string;
	appId: string;
	authCode: string;
	domain: string;
}

export interface RateLimitConfig {
	/** Calls allowed in any sliding one-second window; 0 = no limit. */
	perSecond: number;
	code: -422 | -423;
}

export interface SandboxConfig {
	identity: SandboxIdentity;
	accessTokenTtlSeconds: number;
	refreshTokenTtlSeconds: number;
	ssoTokenTtlSeconds: number;
	/** How long an `ssoSign` sign may be used on the landing page. */
	ssoSignTtlSeconds: number;
	/** 0 = off; else an access token expires after it has authorised this many business calls. */
	expireAccessTokenAfterCalls: number;
	/** null = off; else only these remote addresses may make business calls (-201 otherwise). */
	ipWhitelist: string[] | null;
	/** Paths that answer -202 (API not registered for the app). */
	deniedPaths: string[];
	/** acquireToken / refresh / ssoAuthToken answer -305. */
	appExpired: boolean;
	rateLimit: RateLimitConfig;
	/** Delay added to every platform call before it is answered. */
	latencyMs: number;
	/** Extra attempts after a failed push delivery. */
	pushRetries: number;
	pushRetryDelayMs: number;
	pushTimeoutMs: number;
	/** How long a mailbox hand-over (`handOverMail`) takes to complete; 0 = before the call answers. */
	handOverMs: number;
}

export type SandboxConfigPatch = Partial<Omit<SandboxConfig, 'identity' | 'rateLimit'>> & {
	identity?: Partial<SandboxIdentity>;
	rateLimit?: Partial<RateLimitConfig>;
};

export const DEFAULT_IDENTITY: SandboxIdentity = {
	orgOpenId: '5add0b0c5add0b0c',
	appId: 'qy20000101000000BEEF',
	authCode: 'Sandbox1',
	domain: 'sandbox.example.com',
};

export function defaultConfig(): SandboxConfig {
	return {
		identity: { ...DEFAULT_IDENTITY },
		accessTokenTtlSeconds: 7200,
		refreshTokenTtlSeconds: 30 * 24 * 3600,
		ssoTokenTtlSeconds: 7200,
		ssoSignTtlSeconds: 300,
		expireAccessTokenAfterCalls: 0,
		ipWhitelist: null,
		deniedPaths: [],
		appExpired: false,
		rateLimit: { perSecond: 0, code: -422 },
		latencyMs: 0,
		pushRetries: 2,
		pushRetryDelayMs: 200,
		pushTimeoutMs: 5000,
		handOverMs: 0,
	};
}

const NON_NEGATIVE_NUMBERS = [
	'accessTokenTtlSeconds',
	'refreshTokenTtlSeconds',
	'ssoTokenTtlSeconds',
	'ssoSignTtlSeconds',
	'expireAccessTokenAfterCalls',
	'latencyMs',
	'pushRetries',
	'pushRetryDelayMs',
	'pushTimeoutMs',
	'handOverMs',
] as const;

/** Returns a new config with `patch` merged in; throws InputError on unknown keys or bad values. */
export function mergeConfig(base: SandboxConfig, patch: SandboxConfigPatch): SandboxConfig {
	if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
		throw new InputError('config patch must be an object');
	}
	const known = new Set(Object.keys(base));
	for (const key of Object.keys(patch)) {
		if (!known.has(key)) throw new InputError(`unknown config key: ${key}`);
	}
	const merged: SandboxConfig = {
		...base,
		...(patch as Partial<SandboxConfig>),
		identity: { ...base.identity, ...patch.identity },
		rateLimit: { ...base.rateLimit, ...patch.rateLimit },
	};
	for (const key of NON_NEGATIVE_NUMBERS) {
		const value = merged[key];
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new InputError(`${key} must be a non-negative number`);
		}
	}
	for (const [key, value] of Object.entries(merged.identity)) {
		if (typeof value !== 'string' || value === '')
			throw new InputError(`identity.${key} must be a non-empty string`);
	}
	const { perSecond, code } = merged.rateLimit;
	if (typeof perSecond !== 'number' || !(perSecond >= 0))
		throw new InputError('rateLimit.perSecond must be a non-negative number');
	if (code !== -422 && code !== -423) throw new InputError('rateLimit.code must be -422 or -423');
	if (merged.ipWhitelist !== null && !isStringArray(merged.ipWhitelist)) {
		throw new InputError('ipWhitelist must be null or an array of addresses');
	}
	if (!isStringArray(merged.deniedPaths))
		throw new InputError('deniedPaths must be an array of paths');
	if (typeof merged.appExpired !== 'boolean') throw new InputError('appExpired must be a boolean');
	return merged;
}

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
