import type {
	ICredentialDataDecryptedObject,
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
import type { Turn } from './pacing';
import { Pacing } from './pacing';
import { enterRenewal, PROCESS_MARK } from './renewalGate';

export type ApiContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

/**
 * Renew proactively when the token has less than this left: a minute, or a tenth of its lifetime
 * when that is shorter, times a factor drawn per execution between a half and one, so that
 * executions in other processes do not all renew at the same moment.
 */
const EXPIRY_MARGIN_MS = 60_000;
const EXPIRY_MARGIN_SHARE = 0.1;
const EXPIRY_PRECISION_MS = 1000;

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
	/** The longest a token this execution used was valid when it got it; margins scale to it. */
	tokenLifetimeMs?: number;
	marginFactor: number;
	pacing: Pacing;
	/** The single sign-on token, kept apart from the access token and never stored. */
	ssoToken?: { value: string; expiresAt: number };
	ssoRenewal?: Promise<void>;
}

export type Attempt = { envelope: Envelope } | { failure: Error };

/** One attempt: what came back, with which token, whether this caller renewed it, its pacing turn. */
export interface Sent {
	attempt: Attempt;
	token: string;
	renewed: boolean;
	turn: Turn;
}

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
		pacing: new Pacing(),
		marginFactor: 0.5 + Math.random() / 2,
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

function tokenOf(credential: ICredentialsDecrypted): string {
	return (credential.data?.accessToken as string) ?? '';
}

function expiresAtOf(credential: ICredentialsDecrypted): number {
	return Date.parse((credential.data?.accessTokenExpiresAt as string) || '');
}

function expiresSoon(session: Session): boolean {
	const expiresAt = expiresAtOf(session.credential);
	const lifetime = session.tokenLifetimeMs ?? Infinity;
	// Expiry times come in whole seconds: a token living less than that may arrive looking expired
	// already, so it is used until the platform answers that it expired.
	if (lifetime < EXPIRY_PRECISION_MS) return false;
	const margin = Math.min(EXPIRY_MARGIN_MS, lifetime * EXPIRY_MARGIN_SHARE) * session.marginFactor;
	return !Number.isNaN(expiresAt) && expiresAt - Date.now() < margin;
}

/**
 * After an expiry answer, how long a process that did not renew the expired token gives the
 * process that did before renewing itself, plus a random part; it looks at the credential store
 * every FOLLOWER_LOOK_MS meanwhile. Only a process that renewed within LEADER_ACTIVE_MS is waited
 * for: one that renewed long ago may be gone (restarted, or a finished `n8n execute`).
 */
const FOLLOWER_WAIT_MS = 2000;
const LEADER_ACTIVE_MS = 10_000;
const RENEWAL_SPREAD_MS = 300;
const FOLLOWER_LOOK_MS = 100;

/**
 * The credential to renew with. If another execution already stored a newer token, that one is
 * used as is; otherwise the token (and for re-acquisition the refresh token) is blanked so that
 * n8n runs the credential's preAuthentication and stores what it returns. After an expiry answer,
 * executions in other processes may be about to renew too, and each refresh retires the token the
 * one before stored: the process that renewed the expired token goes first, the others wait and
 * look again, so they use its new token.
 */
async function renewalCredential(
	this: ApiContext,
	current: ICredentialsDecrypted,
	reacquire: boolean,
	afterExpiryAnswer: boolean,
): Promise<ICredentialsDecrypted> {
	let stored = await this.getCredentials(CREDENTIAL_TYPE);
	const renewedElsewhere = () =>
		!reacquire && stored.accessToken && stored.accessToken !== tokenOf(current);
	if (afterExpiryAnswer && stored.renewedBy !== PROCESS_MARK) {
		const leaderActive =
			stored.renewedBy && Date.now() - Date.parse(String(stored.renewedAt)) < LEADER_ACTIVE_MS;
		const patience = leaderActive ? FOLLOWER_WAIT_MS : 0;
		const until = Date.now() + patience + Math.random() * RENEWAL_SPREAD_MS;
		for (
			let left = until - Date.now();
			!renewedElsewhere() && left > 0;
			left = until - Date.now()
		) {
			await sleep(Math.min(left, FOLLOWER_LOOK_MS));
			stored = await this.getCredentials(CREDENTIAL_TYPE);
		}
	}
	if (renewedElsewhere()) return { ...current, data: { ...stored } };
	const blanked = { ...current.data, accessToken: '', accessTokenExpiresAt: '' };
	if (reacquire) Object.assign(blanked, { refreshToken: '', refreshTokenExpiresAt: '' });
	return { ...current, data: blanked };
}

/** Whether the credential store holds another token than `token` (renewed by someone else). */
export async function storedTokenDiffers(this: ApiContext, token: string): Promise<boolean> {
	const stored = await this.getCredentials(CREDENTIAL_TYPE);
	return Boolean(stored.accessToken) && stored.accessToken !== token;
}

/** Renewals for one platform application (and so one token) are taken in turn in this process. */
function applicationOf(credential: ICredentialsDecrypted): string {
	const data = credential.data ?? {};
	return [data.baseUrl, data.orgOpenId, data.appId].map(String).join('|');
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
): Promise<Sent> {
	const turn = await session.pacing.waitForTurn();
	while (session.renewal) await session.renewal;
	// From here to the renewal flag below nothing awaits, so only one caller can decide to renew.
	const token = tokenOf(session.credential);
	const renew = staleToken === undefined ? !token || expiresSoon(session) : token === staleToken;
	if (!renew) {
		const attempt = await send.call(this, session.credential, request);
		return { attempt, token, renewed: false, turn };
	}

	let release = () => {};
	const renewal = new Promise<void>((resolve) => (release = resolve));
	session.renewal = renewal;
	const application = applicationOf(session.credential);
	const renewalTurn = await enterRenewal(application);
	const done = () => {
		renewalTurn.leave();
		if (session.renewal === renewal) session.renewal = undefined;
		release();
	};
	let credential = session.credential;
	try {
		credential = await renewalCredential.call(
			this,
			session.credential,
			reacquire,
			staleToken !== undefined,
		);
		const renewing = !tokenOf(credential);
		// The token call n8n makes first counts against the platform's rate limit too.
		const tokenTurn = renewing ? await session.pacing.waitForTurn() : undefined;
		// Waiting callers go on as soon as n8n stores the new token, not when this request returns.
		const { data, stored } = watchForToken(credential.data ?? {});
		credential = { ...credential, data };
		const sending = send.call(this, credential, request);
		if (tokenTurn) {
			await Promise.race([stored, sending]);
			session.pacing.tokenAnswered(tokenTurn);
		}
		if (tokenOf(credential)) {
			session.credential = credential;
			const left = Math.max(0, expiresAtOf(credential) - Date.now());
			if (!Number.isNaN(left))
				session.tokenLifetimeMs = Math.max(session.tokenLifetimeMs ?? 0, left);
		}
		done();
		return { attempt: await sending, token: tokenOf(credential), renewed: renewing, turn };
	} finally {
		done();
	}
}

/**
 * The credential data n8n's request helper fills in: it runs the credential's preAuthentication
 * and assigns the new token into this object before it sends the request. `stored` resolves then.
 */
function watchForToken(data: ICredentialDataDecryptedObject): {
	data: ICredentialDataDecryptedObject;
	stored: Promise<void>;
} {
	let resolve = () => {};
	const stored = new Promise<void>((done) => (resolve = done));
	const watched = new Proxy(data, {
		set(target, property, value) {
			target[property as string] = value;
			if (property === 'accessToken' && value) resolve();
			return true;
		},
	});
	return { data: watched, stored };
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
): Promise<Sent> {
	const turn = await session.pacing.waitForTurn();
	while (session.ssoRenewal) await session.ssoRenewal;
	const current = session.ssoToken;
	const stale =
		!current ||
		current.value === staleToken ||
		(!Number.isNaN(current.expiresAt) && current.expiresAt - Date.now() < EXPIRY_MARGIN_MS);
	if (!stale) {
		const attempt = await sendWithSsoHeaders.call(this, session, request, current.value);
		return { attempt, token: current.value, renewed: false, turn };
	}
	let release = () => {};
	session.ssoRenewal = new Promise<void>((resolve) => (release = resolve));
	try {
		session.ssoToken = await acquireSsoToken.call(this, session);
	} catch (error) {
		return { attempt: { failure: error as Error }, token: '', renewed: true, turn };
	} finally {
		session.ssoRenewal = undefined;
		release();
	}
	const token = session.ssoToken!.value;
	const attempt = await sendWithSsoHeaders.call(this, session, request, token);
	return { attempt, token, renewed: true, turn };
}
