import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { isMailDomain } from '../helpers/validation';
import { describePlatformCode, parseMarker, TOKEN_REFUSED } from './codes';
import type { EndpointKey } from './endpoints';
import { ENDPOINTS, endpointPath, parseEndpointOverrides, trimBaseUrl } from './endpoints';

export const CREDENTIAL_TYPE = 'neteaseEnterpriseEmailApi';

export type ApiContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

interface Envelope {
	code: number;
	success?: boolean;
	message?: string;
	data?: unknown;
}

export interface RequestOptions {
	itemIndex?: number;
	query?: IDataObject;
	/**
	 * For writes: looks up whether a write whose answer never arrived took effect. Returns the
	 * result to report when it did, `undefined` when it did not (the write is then sent again).
	 */
	verify?: () => Promise<IDataObject | undefined>;
	/** For writes that leave the same state however often they are applied: resent without checking. */
	idempotent?: boolean;
}

const RENEW_CODES = new Set([-300, -301, -101]);
const REACQUIRE_CODES = new Set([-302, -304]);
const RATE_LIMIT_CODES = new Set([-422, -423]);
const TRANSIENT_CODES = new Set([-1, -2, -500]);
/** Network failures before anything reached the platform: always safe to send again. */
const NOT_SENT_ERRORS = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

const MAX_RENEWALS = 2;
const MAX_RATE_LIMIT_RETRIES = 6;
const MAX_TRANSIENT_RETRIES = 3;
const REQUEST_TIMEOUT_MS = 30_000;
const MIN_INTERVAL_MS = 5;
const MAX_INTERVAL_MS = 2_000;
/** Renew proactively when the stored token has less than this left. */
const EXPIRY_MARGIN_MS = 60_000;

/** Per-execution state shared by every call a node makes: the token in use and the pacing. */
interface Session {
	credential: ICredentialsDecrypted;
	baseUrl: string;
	overrides: Record<string, string>;
	renewal?: Promise<void>;
	/** Nothing is sent before this time (set by a rate-limit answer). */
	pausedUntil: number;
	/** Gap kept between two sends; set from the accepted rate on a rate-limit answer. */
	intervalMs: number;
	nextSendAt: number;
	/** When recent calls were accepted, oldest first, at most one second back. */
	acceptedAt: number[];
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
		pausedUntil: 0,
		intervalMs: 0,
		nextSendAt: 0,
		acceptedAt: [],
	};
}

function getSession(context: ApiContext): Promise<Session> {
	let session = sessions.get(context);
	if (!session) {
		session = openSession.call(context);
		sessions.set(context, session);
		session.catch(() => sessions.delete(context));
	}
	return session;
}

async function waitForTurn(session: Session): Promise<void> {
	const now = Date.now();
	// Claim a send slot before waiting so concurrent callers queue up behind each other.
	const slot = Math.max(now, session.pausedUntil, session.nextSendAt);
	session.nextSendAt = slot + session.intervalMs;
	if (slot > now) await sleep(slot - now);
}

/**
 * Pacing: a rate-limit answer sets the gap between sends to match the rate the platform accepted
 * over the last second, and pauses briefly; successes narrow the gap slowly again. A bulk run so
 * settles at the platform's limit instead of bursting into it and backing off.
 */
function paceAfterRateLimit(session: Session, retry: number): void {
	const now = Date.now();
	const accepted = session.acceptedAt.filter((time) => now - time < 1_000).length;
	const interval = accepted > 0 ? 1_000 / accepted : session.intervalMs * 2;
	session.intervalMs = Math.min(
		Math.max(session.intervalMs, interval, MIN_INTERVAL_MS),
		MAX_INTERVAL_MS,
	);
	session.pausedUntil = Math.max(session.pausedUntil, now + backoffMs(retry));
}

function paceAfterSuccess(session: Session): void {
	const now = Date.now();
	session.acceptedAt.push(now);
	while (now - session.acceptedAt[0] >= 1_000) session.acceptedAt.shift();
	session.intervalMs = session.intervalMs < 1 ? 0 : session.intervalMs * 0.995;
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

type Attempt = { envelope: Envelope } | { failure: Error };

async function send(
	this: ApiContext,
	credential: ICredentialsDecrypted,
	request: IHttpRequestOptions,
): Promise<Attempt> {
	try {
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
async function sendWithToken(
	this: ApiContext,
	session: Session,
	request: IHttpRequestOptions,
	staleToken: string | undefined,
	reacquire: boolean,
): Promise<{ attempt: Attempt; token: string }> {
	await waitForTurn(session);
	while (session.renewal) await session.renewal;
	// From here to the renewal flag below nothing awaits, so only one caller can decide to renew.
	const token = tokenOf(session.credential);
	const renew =
		staleToken === undefined ? !token || expiresSoon(session.credential) : token === staleToken;
	if (!renew) {
		return { attempt: await send.call(this, session.credential, request), token };
	}
	let release = () => {};
	session.renewal = new Promise<void>((resolve) => (release = resolve));
	let credential = session.credential;
	try {
		credential = await renewalCredential.call(this, session.credential, reacquire);
		return { attempt: await send.call(this, credential, request), token: tokenOf(credential) };
	} finally {
		if (tokenOf(credential)) session.credential = credential;
		session.renewal = undefined;
		release();
	}
}

function networkErrorCode(error: Error & { cause?: unknown }): string | undefined {
	for (
		let current: unknown = error;
		current && typeof current === 'object';
		current = (current as { cause?: unknown }).cause
	) {
		const code = (current as { code?: unknown }).code;
		// errno names (ECONNRESET, EAI_AGAIN…); not axios' ERR_BAD_REQUEST for HTTP 4xx answers.
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code) && !code.startsWith('ERR_'))
			return code;
		if (current === (current as { cause?: unknown }).cause) break;
	}
	return undefined;
}

/** The HTTP status behind an error thrown by n8n's request helper, wherever it is kept. */
function httpStatusOf(error: Error): number | undefined {
	for (
		let current: unknown = error;
		current && typeof current === 'object';
		current = (current as { cause?: unknown }).cause
	) {
		const holder = current as {
			httpCode?: unknown;
			status?: unknown;
			response?: { status?: unknown };
		};
		const status = Number(holder.response?.status ?? holder.httpCode ?? holder.status);
		if (Number.isInteger(status) && status >= 100) return status;
		if (current === (current as { cause?: unknown }).cause) break;
	}
	return undefined;
}

function backoffMs(retry: number): number {
	return Math.min(100 * 2 ** retry, 5_000) + Math.floor(Math.random() * 50);
}

function itemSuffix(itemIndex: number | undefined): string {
	return itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
}

function platformError(
	this: ApiContext,
	key: EndpointKey,
	envelope: Envelope,
	itemIndex?: number,
): NodeApiError {
	const { message, description } = describePlatformCode(envelope.code, envelope.message);
	const error = new NodeApiError(
		this.getNode(),
		{ code: envelope.code, message: envelope.message ?? '', endpoint: key } as JsonObject,
		{ message: `${message}${itemSuffix(itemIndex)}`, description, itemIndex },
	);
	// NodeApiError rewrites messages that contain a system error name, and markers such as
	// MAILACCOUNT.NAMEEXIST contain "EEXIST".
	error.message = `${message}${itemSuffix(itemIndex)}`;
	return error;
}

function apiError(
	this: ApiContext,
	key: EndpointKey,
	message: string,
	description: string,
	itemIndex?: number,
): NodeApiError {
	// Built from plain fields only: the underlying error carries request headers with the token.
	const error = new NodeApiError(this.getNode(), { message, endpoint: key } as JsonObject, {
		message: `${message}${itemSuffix(itemIndex)}`,
		description,
		itemIndex,
	});
	// NodeApiError swaps messages that mention a system error name (ECONNRESET…) for generic text.
	error.message = `${message}${itemSuffix(itemIndex)}`;
	return error;
}

function failureReason(failure: Error): string {
	const status = httpStatusOf(failure);
	return networkErrorCode(failure) ?? (status ? `HTTP ${status}` : failure.message);
}

/** The credential's own explanation when the token could not be had, else undefined. */
function tokenRefusal(failure: Error): string | undefined {
	for (let current: unknown = failure; current instanceof Error; current = current.cause) {
		if (current.message.startsWith(TOKEN_REFUSED)) return current.message;
		if (current === current.cause) break;
	}
	return undefined;
}

function transportError(
	this: ApiContext,
	key: EndpointKey,
	failure: Error,
	itemIndex?: number,
): NodeApiError {
	const refused = tokenRefusal(failure);
	if (refused)
		return apiError.call(
			this,
			key,
			refused,
			'Fix the credential, then run the workflow again.',
			itemIndex,
		);
	return apiError.call(
		this,
		key,
		`Could not reach the NetEase Open Platform (${failureReason(failure)})`,
		'Check the Base URL in the credential and that this n8n server can reach it.',
		itemIndex,
	);
}

function unknownOutcomeError(
	this: ApiContext,
	key: EndpointKey,
	reason: string,
	itemIndex?: number,
): NodeApiError {
	return apiError.call(
		this,
		key,
		`The platform did not confirm "${key}" and whether it took effect could not be checked (${reason})`,
		'The write may or may not have been applied. Check the target in the NetEase admin console before running this item again.',
		itemIndex,
	);
}

/** A business answer other than success: the platform understood the call and refused it. */
export interface Refusal {
	code: number;
	marker?: string;
	error: NodeApiError;
}

/**
 * Calls one catalogue endpoint. Renews the token on the platform's expiry codes, backs off on
 * rate limits, retries transient failures, and never sends a write again before `verify` has
 * shown that the first attempt did not take effect. The platform's refusals are returned, not
 * thrown, so callers can act on an expected one (e.g. "already exists").
 */
export async function tryApiRequest(
	this: ApiContext,
	key: EndpointKey,
	body: IDataObject = {},
	options: RequestOptions = {},
): Promise<{ data: IDataObject } | { refusal: Refusal }> {
	const { itemIndex, query, verify, idempotent } = options;
	const session = await getSession(this);
	const isWrite = ENDPOINTS[key].write && !idempotent;
	const request: IHttpRequestOptions = {
		method: 'POST',
		baseURL: session.baseUrl,
		url: endpointPath(key, session.overrides),
		body,
		qs: query,
		json: true,
		timeout: REQUEST_TIMEOUT_MS,
	};

	let renewals = 0;
	let rateLimited = 0;
	let transient = 0;
	let staleToken: string | undefined;
	let reacquire = false;
	for (;;) {
		const { attempt, token } = await sendWithToken.call(
			this,
			session,
			request,
			staleToken,
			reacquire,
		);
		staleToken = undefined;
		reacquire = false;

		let outcomeUnknown: boolean;
		let reason: string;
		let giveUp: () => { refusal: Refusal };
		if ('envelope' in attempt) {
			const { envelope } = attempt;
			if (envelope.code === 0) {
				paceAfterSuccess(session);
				return { data: (envelope.data ?? {}) as IDataObject };
			}
			const expired = RENEW_CODES.has(envelope.code) || REACQUIRE_CODES.has(envelope.code);
			if (expired && renewals++ < MAX_RENEWALS) {
				staleToken = token;
				reacquire = REACQUIRE_CODES.has(envelope.code);
				continue;
			}
			if (RATE_LIMIT_CODES.has(envelope.code) && rateLimited < MAX_RATE_LIMIT_RETRIES) {
				paceAfterRateLimit(session, rateLimited++);
				continue;
			}
			const refusal: Refusal = {
				code: envelope.code,
				marker: parseMarker(envelope.message ?? '').marker,
				error: platformError.call(this, key, envelope, itemIndex),
			};
			if (!TRANSIENT_CODES.has(envelope.code)) return { refusal };
			// An internal platform failure may have happened after the write was applied.
			outcomeUnknown = isWrite;
			reason = `code ${envelope.code}`;
			giveUp = () => ({ refusal });
		} else {
			const { failure } = attempt;
			const code = networkErrorCode(failure);
			const status = httpStatusOf(failure);
			if (code === undefined && !(status !== undefined && status >= 500)) {
				throw transportError.call(this, key, failure, itemIndex);
			}
			outcomeUnknown = isWrite && !NOT_SENT_ERRORS.has(code ?? '');
			reason = failureReason(failure);
			giveUp = () => {
				throw transportError.call(this, key, failure, itemIndex);
			};
		}
		if (outcomeUnknown) {
			if (!verify) throw unknownOutcomeError.call(this, key, reason, itemIndex);
			const applied = await verify();
			if (applied !== undefined) return { data: applied };
		}
		if (transient >= MAX_TRANSIENT_RETRIES) return giveUp();
		await sleep(backoffMs(transient++));
	}
}

/** Calls one catalogue endpoint and returns the envelope's `data`; see `tryApiRequest`. */
export async function apiRequest(
	this: ApiContext,
	key: EndpointKey,
	body: IDataObject = {},
	options: RequestOptions = {},
): Promise<IDataObject> {
	const answer = await tryApiRequest.call(this, key, body, options);
	if ('refusal' in answer) throw answer.refusal.error;
	return answer.data;
}

export interface PageOptions {
	itemIndex?: number;
	/** Stop after this many items; omit for all of them. */
	limit?: number;
	pageSize?: number;
}

/** Walks a `pageNum`/`pageSize` list until `count` items were seen or a page comes back empty. */
export async function apiRequestAllItems(
	this: ApiContext,
	key: EndpointKey,
	body: IDataObject = {},
	{ itemIndex, limit, pageSize = 100 }: PageOptions = {},
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	// One page size for the whole walk: pageNum offsets shift if it changes between pages.
	const size = limit === undefined ? pageSize : Math.min(pageSize, limit);
	for (let pageNum = 1; ; pageNum++) {
		const page = await apiRequest.call(
			this,
			key,
			{ ...body, pageNum, pageSize: size },
			{ itemIndex },
		);
		const list = (page?.list as IDataObject[] | undefined) ?? [];
		items.push(...list);
		const total = typeof page?.count === 'number' ? page.count : undefined;
		// Trust `count` when given: the platform may serve fewer items per page than asked for.
		const lastPage =
			list.length === 0 || (total !== undefined ? items.length >= total : list.length < size);
		if (lastPage || (limit !== undefined && items.length >= limit)) break;
	}
	return limit === undefined ? items : items.slice(0, limit);
}

/** The credential's default mail domain, checked before it is used in any request. */
export async function defaultDomain(this: ApiContext): Promise<string> {
	const session = await getSession(this);
	const domain = String(session.credential.data?.domain ?? '')
		.trim()
		.toLowerCase();
	if (!isMailDomain(domain)) {
		throw new NodeOperationError(
			this.getNode(),
			`The credential's Default Mail Domain "${domain}" is not a mail domain`,
			{
				description: 'Set it to your mail domain, e.g. example.com, without "@" or "http://".',
			},
		);
	}
	return domain;
}
