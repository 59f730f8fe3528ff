import type { IDataObject, IHttpRequestOptions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { isMailDomain } from '../helpers/validation';
import { findTokenRefusal, parseMarker, RATE_LIMIT_CODES } from './codes';
import type { EndpointKey } from './endpoints';
import { ENDPOINTS, endpointPath } from './endpoints';
import {
	failureReason,
	httpStatusOf,
	networkErrorCode,
	platformError,
	transportError,
	unknownOutcomeError,
} from './errors';
import type { ApiContext } from './session';
import {
	backoffMs,
	getSession,
	paceAfterAnswer,
	paceAfterRateLimit,
	sendWithToken,
} from './session';

export type { ApiContext } from './session';
export { CREDENTIAL_TYPE } from './session';

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

/** A business answer other than success: the platform understood the call and refused it. */
export interface Refusal {
	code: number;
	marker?: string;
	error: NodeApiError;
}

const RENEW_CODES = new Set([-300, -301, -101]);
const REACQUIRE_CODES = new Set([-302, -304]);
const TRANSIENT_CODES = new Set([-1, -2, -500]);
const TRANSIENT_TOKEN_CODES = new Set([-1, -2, -303, -500]);
/** Network failures before anything reached the platform: always safe to send again. */
const NOT_SENT_ERRORS = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/**
 * Expiry answers on a token this call renewed itself mean renewal is not helping; a second try
 * covers another execution renewing (and so invalidating) the new token. Expiry answers on
 * tokens other callers renewed only cap the total, since tokens may churn in a busy run.
 */
const MAX_FAILED_RENEWALS = 2;
const MAX_EXPIRY_ANSWERS = 8;
const MAX_RATE_LIMIT_RETRIES = 6;
const MAX_TRANSIENT_RETRIES = 3;
const REQUEST_TIMEOUT_MS = 30_000;

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
	const node = this.getNode();
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

	let failedRenewals = 0;
	let expiryAnswers = 0;
	let rateLimited = 0;
	let transient = 0;
	let staleToken: string | undefined;
	let reacquire = false;
	for (;;) {
		const { attempt, token, renewed } = await sendWithToken.call(
			this,
			session,
			request,
			staleToken,
			reacquire,
		);
		// The platform issued no new token for now: the renewal is tried again; nothing was sent.
		const tokenRefusal =
			'failure' in attempt ? findTokenRefusal(attempt.failure)?.platformCode : undefined;
		if (
			tokenRefusal !== undefined &&
			RATE_LIMIT_CODES.has(tokenRefusal) &&
			rateLimited < MAX_RATE_LIMIT_RETRIES
		) {
			paceAfterRateLimit(session, rateLimited++);
			continue;
		}
		if (
			tokenRefusal !== undefined &&
			TRANSIENT_TOKEN_CODES.has(tokenRefusal) &&
			transient < MAX_TRANSIENT_RETRIES
		) {
			await sleep(backoffMs(transient++));
			continue;
		}
		staleToken = undefined;
		reacquire = false;

		let outcomeUnknown: boolean;
		let reason: string;
		let giveUp: () => { refusal: Refusal };
		if ('envelope' in attempt) {
			const { envelope } = attempt;
			if (!RATE_LIMIT_CODES.has(envelope.code)) paceAfterAnswer(session);
			if (envelope.code === 0) return { data: (envelope.data ?? {}) as IDataObject };
			const expired = RENEW_CODES.has(envelope.code) || REACQUIRE_CODES.has(envelope.code);
			if (expired && renewed) failedRenewals++;
			if (expired && failedRenewals < MAX_FAILED_RENEWALS && ++expiryAnswers < MAX_EXPIRY_ANSWERS) {
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
				error: platformError(node, key, envelope, itemIndex),
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
				throw transportError(node, key, failure, itemIndex);
			}
			outcomeUnknown = isWrite && !NOT_SENT_ERRORS.has(code ?? '');
			reason = failureReason(failure);
			giveUp = () => {
				throw transportError(node, key, failure, itemIndex);
			};
		}
		if (outcomeUnknown) {
			if (!verify) throw unknownOutcomeError(node, key, reason, itemIndex);
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
