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

import { describePlatformCode, parseMarker } from './codes';
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
/** Renew proactively when the stored token has less than this left. */
const EXPIRY_MARGIN_MS = 60_000;

/** Per-execution state shared by every call a node makes: the token in use and back-off. */
interface Session {
	credential: ICredentialsDecrypted;
	baseUrl: string;
	overrides: Record<string, string>;
	renewal?: Promise<void>;
	pausedUntil: number;
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

async function waitUntilIdle(session: Session): Promise<void> {
	while (session.renewal) await session.renewal;
	const wait = session.pausedUntil - Date.now();
	if (wait > 0) await sleep(wait);
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
	session: Session,
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

/** Sends with the session's token, renewing it first when `staleToken` is still the one in use. */
async function sendWithToken(
	this: ApiContext,
	session: Session,
	request: IHttpRequestOptions,
	staleToken: string | undefined,
	reacquire: boolean,
): Promise<{ attempt: Attempt; token: string }> {
	await waitUntilIdle(session);
	if (staleToken === undefined && expiresSoon(session.credential))
		staleToken = tokenOf(session.credential);
	if (staleToken === undefined || tokenOf(session.credential) !== staleToken) {
		const credential = session.credential;
		return {
			attempt: await send.call(this, session, credential, request),
			token: tokenOf(credential),
		};
	}
	let release = () => {};
	session.renewal = new Promise<void>((resolve) => (release = resolve));
	let credential = session.credential;
	try {
		credential = await renewalCredential.call(this, session.credential, reacquire);
		return {
			attempt: await send.call(this, session, credential, request),
			token: tokenOf(credential),
		};
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
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		if (current === (current as { cause?: unknown }).cause) break;
	}
	return undefined;
}

function httpStatusOf(error: Error & { httpCode?: string | null }): number | undefined {
	const status = Number(error.httpCode);
	return Number.isFinite(status) && status > 0 ? status : undefined;
}

function backoffMs(retry: number): number {
	return Math.min(200 * 2 ** retry, 5_000) + Math.floor(Math.random() * 100);
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

function transportError(
	this: ApiContext,
	key: EndpointKey,
	failure: Error,
	itemIndex?: number,
	unknownOutcome = false,
): NodeApiError {
	// Built from plain fields only: the underlying error carries request headers with the token.
	const reason =
		networkErrorCode(failure) ??
		(httpStatusOf(failure) ? `HTTP ${httpStatusOf(failure)}` : failure.message);
	const message = unknownOutcome
		? `The platform did not confirm "${key}" and whether it took effect could not be checked (${reason})`
		: `Could not reach the NetEase Open Platform (${reason})`;
	const description = unknownOutcome
		? 'The write may or may not have been applied. Check the target in the NetEase admin console before running this item again.'
		: 'Check the Base URL in the credential and that this n8n server can reach it.';
	return new NodeApiError(this.getNode(), { message: reason, endpoint: key } as JsonObject, {
		message: `${message}${itemSuffix(itemIndex)}`,
		description,
		itemIndex,
	});
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
		let giveUp: () => NodeApiError;
		if ('envelope' in attempt) {
			const { envelope } = attempt;
			if (envelope.code === 0) return { data: (envelope.data ?? {}) as IDataObject };
			const expired = RENEW_CODES.has(envelope.code) || REACQUIRE_CODES.has(envelope.code);
			if (expired && renewals++ < MAX_RENEWALS) {
				staleToken = token;
				reacquire = REACQUIRE_CODES.has(envelope.code);
				continue;
			}
			if (RATE_LIMIT_CODES.has(envelope.code) && rateLimited < MAX_RATE_LIMIT_RETRIES) {
				session.pausedUntil = Math.max(session.pausedUntil, Date.now() + backoffMs(rateLimited++));
				continue;
			}
			const refusal = () => ({
				refusal: {
					code: envelope.code,
					marker: parseMarker(envelope.message ?? '').marker,
					error: platformError.call(this, key, envelope, itemIndex),
				},
			});
			if (!TRANSIENT_CODES.has(envelope.code) || transient >= MAX_TRANSIENT_RETRIES)
				return refusal();
			giveUp = () => refusal().refusal.error;
			// An internal platform failure may have happened after the write was applied.
			outcomeUnknown = isWrite;
		} else {
			const { failure } = attempt;
			const code = networkErrorCode(failure);
			const status = httpStatusOf(failure);
			const retriable = code !== undefined || (status !== undefined && status >= 500);
			if (!retriable || transient >= MAX_TRANSIENT_RETRIES)
				throw transportError.call(this, key, failure, itemIndex);
			outcomeUnknown = isWrite && !NOT_SENT_ERRORS.has(code ?? '');
			giveUp = () => transportError.call(this, key, failure, itemIndex, true);
		}
		if (outcomeUnknown) {
			if (!verify) throw giveUp();
			const applied = await verify();
			if (applied !== undefined) return { data: applied };
		}
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

/** The credential's default mail domain, validated. */
export async function defaultDomain(this: ApiContext): Promise<string> {
	const session = await getSession(this);
	return String(session.credential.data?.domain ?? '')
		.trim()
		.toLowerCase();
}
