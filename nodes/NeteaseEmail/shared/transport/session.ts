import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../credentialType';
import { parseChinaTime } from '../helpers/chinaTime';
import { TokenRefusedError } from './codes';
import { endpointPath, parseEndpointOverrides, trimBaseUrl } from './endpoints';
import type { Envelope } from './envelope';

export type ApiContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** Renew proactively when the stored token has less than this left. */
const EXPIRY_MARGIN_MS = 60_000;
const MIN_INTERVAL_MS = 5;
const MAX_INTERVAL_MS = 2_000;

/**
 * Per-execution state shared by every call a node makes: the credential with the token in use,
 * and the pacing of sends.
 */
export interface Session {
	credential: ICredentialsDecrypted;
	baseUrl: string;
	overrides: Record<string, string>;
	/** Set while one caller renews the token; the others wait for it. */
	renewal?: Promise<void>;
	/** Nothing is sent before this time (set by a rate-limit answer). */
	pausedUntil: number;
	/** Gap kept between two sends; set from the answered rate on a rate-limit answer. */
	intervalMs: number;
	nextSendAt: number;
	/** When recent calls were answered (not rate-limited), oldest first, at most two seconds back. */
	answeredAt: number[];
	/** The single sign-on token, kept apart from the access token and never stored. */
	ssoToken?: { value: string; expiresAt: number };
	ssoRenewal?: Promise<void>;
}

export type Attempt = { envelope: Envelope } | { failure: Error };

const sessions = new WeakMap<object, Promise<Session>>();

async function openSession(this: ApiContext): Promise<Session> {
	const data = await this.getCredentials(CREDENTIAL_TYPE);
	const overrides = parseEndpointOverrides(data.endpointOverrides);
	if (typeof overrides === 'string') {
		throw new NodeOperationError(
			this.getNode(),
			`The credential's Endpoint Path Overrides cannot be used: ${overrides}`,
			{
				description:
					'Fix the JSON in the NetEase Enterprise Email API credential, or clear it to use the built-in paths.',
			},
		);
	}
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		credential: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: { ...data },
		},
		baseUrl: trimBaseUrl(data.baseUrl as string),
		overrides,
		pausedUntil: 0,
		intervalMs: 0,
		nextSendAt: 0,
		answeredAt: [],
	};
}

/** The session of this node execution (or load-options call, poll, webhook), opened once. */
export function getSession(context: ApiContext): Promise<Session> {
	let session = sessions.get(context);
	if (!session) {
		session = openSession.call(context);
		sessions.set(context, session);
		session.catch(() => sessions.delete(context));
	}
	return session;
}

export function backoffMs(retry: number): number {
	return Math.min(100 * 2 ** retry, 5_000) + Math.floor(Math.random() * 50);
}

async function waitForTurn(session: Session): Promise<void> {
	const now = Date.now();
	// Claim a send slot before waiting so concurrent callers queue up behind each other.
	const slot = Math.max(now, session.pausedUntil, session.nextSendAt);
	session.nextSendAt = slot + session.intervalMs;
	if (slot > now) await sleep(slot - now);
}

/** How far back answered calls count towards the rate the platform accepts. */
const RATE_WINDOW_MS = 2_000;
const MIN_RATE_SPAN_MS = 250;
/** A rate-limit pause never needs to outlast a limit counted over one second. */
const MAX_RATE_LIMIT_PAUSE_MS = 1_000;

/**
 * Pacing: a rate-limit answer sets the gap between sends to match the rate the platform answered
 * over the last two seconds, and pauses briefly; every answer narrows the gap slowly again. A bulk
 * run so settles at the platform's limit instead of bursting into it and backing off.
 */
export function paceAfterRateLimit(session: Session, retry: number): void {
	const now = Date.now();
	const answered = session.answeredAt.filter((time) => now - time < RATE_WINDOW_MS);
	// Measured over the time the answers actually span: a run may be younger than the window.
	const span = Math.max(now - (answered[0] ?? now), MIN_RATE_SPAN_MS);
	const interval = answered.length > 0 ? span / answered.length : session.intervalMs * 2;
	session.intervalMs = Math.min(
		Math.max(session.intervalMs, interval, MIN_INTERVAL_MS),
		MAX_INTERVAL_MS,
	);
	const pause = Math.min(backoffMs(retry), MAX_RATE_LIMIT_PAUSE_MS);
	session.pausedUntil = Math.max(session.pausedUntil, now + pause);
}

/** Any answer but a rate-limit one: the platform took the call, whatever it said. */
export function paceAfterAnswer(session: Session): void {
	const now = Date.now();
	session.answeredAt.push(now);
	while (now - session.answeredAt[0] >= RATE_WINDOW_MS) session.answeredAt.shift();
	session.intervalMs = session.intervalMs < 1 ? 0 : session.intervalMs * 0.997;
}

function tokenOf(credential: ICredentialsDecrypted): string {
	return (credential.data?.accessToken as string) ?? '';
}

function expiresSoon(credential: ICredentialsDecrypted): boolean {
	const expiresAt = Date.parse((credential.data?.accessTokenExpiresAt as string) || '');
	return !Number.isNaN(expiresAt) && expiresAt - Date.now() < EXPIRY_MARGIN_MS;
}

/**
 * The credential to renew with. If another execution already stored a newer token, that one is
 * used as is; otherwise the token (and for re-acquisition the refresh token) is blanked so that
 * n8n runs the credential's preAuthentication and stores what it returns.
 */
async function renewalCredential(
	this: ApiContext,
	current: ICredentialsDecrypted,
	reacquire: boolean,
): Promise<ICredentialsDecrypted> {
	const stored = await this.getCredentials(CREDENTIAL_TYPE);
	if (!reacquire && stored.accessToken && stored.accessToken !== tokenOf(current)) {
		return { ...current, data: { ...stored } };
	}
	const blanked = { ...current.data, accessToken: '', accessTokenExpiresAt: '' };
	if (reacquire) Object.assign(blanked, { refreshToken: '', refreshTokenExpiresAt: '' });
	return { ...current, data: blanked };
}

async function send(
	this: ApiContext,
	credential: ICredentialsDecrypted,
	request: IHttpRequestOptions,
): Promise<Attempt> {
	try {
		// n8n runs preAuthentication when the token is blank and writes the result into `credential`.
		const envelope = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			request,
			{
				credentialsDecrypted: credential,
			},
		)) as Envelope;
		if (typeof envelope !== 'object' || envelope === null || typeof envelope.code !== 'number') {
			return { failure: new Error('The answer was not a NetEase Open Platform response') };
		}
		return { envelope };
	} catch (error) {
		return { failure: error as Error };
	}
}

/**
 * Sends with the session's token. The token is renewed first when it is missing, about to expire,
 * or still `staleToken` (the one an expiry answer came back for); one caller renews while the
 * others wait for it and then send with the new token.
 */
export async function sendWithToken(
	this: ApiContext,
	session: Session,
	request: IHttpRequestOptions,
	staleToken: string | undefined,
	reacquire: boolean,
): Promise<{ attempt: Attempt; token: string; renewed: boolean }> {
	await waitForTurn(session);
	while (session.renewal) await session.renewal;
	// From here to the renewal flag below nothing awaits, so only one caller can decide to renew.
	const token = tokenOf(session.credential);
	const renew =
		staleToken === undefined ? !token || expiresSoon(session.credential) : token === staleToken;
	if (!renew) {
		return { attempt: await send.call(this, session.credential, request), token, renewed: false };
	}

	let release = () => {};
	session.renewal = new Promise<void>((resolve) => (release = resolve));
	let credential = session.credential;
	try {
		credential = await renewalCredential.call(this, session.credential, reacquire);
		const attempt = await send.call(this, credential, request);
		return { attempt, token: tokenOf(credential), renewed: true };
	} finally {
		if (tokenOf(credential)) session.credential = credential;
		session.renewal = undefined;
		release();
	}
}

const SSO_TOKEN_TIMEOUT_MS = 30_000;

/** Asks for a single sign-on token with the AppKey (reference §3.5); no token is needed for that. */
async function acquireSsoToken(this: ApiContext, session: Session): Promise<Session['ssoToken']> {
	const { appId, appSecret, orgOpenId } = session.credential.data ?? {};
	const envelope = (await this.helpers.httpRequest({
		method: 'POST',
		baseURL: session.baseUrl,
		url: endpointPath('token.sso', session.overrides),
		body: { appId, authCode: appSecret, orgOpenId },
		json: true,
		timeout: SSO_TOKEN_TIMEOUT_MS,
	})) as Envelope<{ ssoAuthToken?: string; ssoAuthTokenExpiredTime?: string }>;
	const token = envelope?.data?.ssoAuthToken;
	if (envelope?.code !== 0 || !token) {
		throw new TokenRefusedError(envelope?.code ?? -1, envelope?.message, 'a single sign-on token');
	}
	return { value: token, expiresAt: parseChinaTime(envelope.data?.ssoAuthTokenExpiredTime ?? '') };
}

/** One call with the single sign-on headers instead of the access token (reference §3.4). */
async function sendWithSsoHeaders(
	this: ApiContext,
	session: Session,
	request: IHttpRequestOptions,
	token: string,
): Promise<Attempt> {
	const { appId, orgOpenId } = session.credential.data ?? {};
	const headers = {
		...request.headers,
		'qiye-app-id': String(appId ?? ''),
		'qiye-org-open-id': String(orgOpenId ?? ''),
		'qiye-sso-auth-token': token,
	};
	try {
		const envelope = (await this.helpers.httpRequest({ ...request, headers })) as Envelope;
		if (typeof envelope !== 'object' || envelope === null || typeof envelope.code !== 'number') {
			return { failure: new Error('The answer was not a NetEase Open Platform response') };
		}
		return { envelope };
	} catch (error) {
		return { failure: error as Error };
	}
}

/**
 * Sends with the session's single sign-on token, renewed first when it is missing, about to
 * expire, or `staleToken` (the one an SSO expiry answer came back for); one caller renews while
 * the others wait.
 */
export async function sendWithSsoToken(
	this: ApiContext,
	session: Session,
	request: IHttpRequestOptions,
	staleToken: string | undefined,
): Promise<{ attempt: Attempt; token: string; renewed: boolean }> {
	await waitForTurn(session);
	while (session.ssoRenewal) await session.ssoRenewal;
	const current = session.ssoToken;
	const stale =
		!current ||
		current.value === staleToken ||
		(!Number.isNaN(current.expiresAt) && current.expiresAt - Date.now() < EXPIRY_MARGIN_MS);
	if (!stale) {
		const attempt = await sendWithSsoHeaders.call(this, session, request, current.value);
		return { attempt, token: current.value, renewed: false };
	}
	let release = () => {};
	session.ssoRenewal = new Promise<void>((resolve) => (release = resolve));
	try {
		session.ssoToken = await acquireSsoToken.call(this, session);
	} catch (error) {
		return { attempt: { failure: error as Error }, token: '', renewed: true };
	} finally {
		session.ssoRenewal = undefined;
		release();
	}
	const token = session.ssoToken!.value;
	return {
		attempt: await sendWithSsoHeaders.call(this, session, request, token),
		token,
		renewed: true,
	};
}
