import type { IDataObject, INode, NodeApiError } from 'n8n-workflow';

import { findTokenRefusal, parseMarker, RATE_LIMIT_CODES } from './codes';
import {
	failureReason,
	httpStatusOf,
	networkErrorCode,
	platformError,
	transportError,
} from './errors';
import type { Attempt } from './session';

/** A business answer other than success: the platform understood the call and refused it. */
export interface Refusal {
	code: number;
	marker?: string;
	error: NodeApiError;
}

export type Answer = { data: IDataObject } | { refusal: Refusal };

/**
 * What one attempt came to. Each outcome has one rule in POLICY; the request loop in index.ts only
 * applies the rules.
 */
export type Outcome =
	| 'ok'
	| 'expiredToken'
	| 'rateLimited'
	| 'transient'
	| 'outcomeUnknown'
	| 'final';

export interface Verdict {
	outcome: Outcome;
	/** The answer the caller gets when the loop stops here: returned, or thrown. */
	settle(): Answer;
	/** Nothing reached the platform: the token renewal failed and is to be tried again. */
	renewalFailed?: boolean;
	/** expiredToken: the refresh token is gone too; acquire a new token with the AppKey. */
	reacquire?: boolean;
	/** outcomeUnknown: why the write's answer never arrived. */
	reason?: string;
}

export type Step = 'renewToken' | 'pace' | 'backOff';

export interface Tally {
	expiryAnswers: number;
	rateLimited: number;
	transient: number;
	/** Expiry answers on tokens this call renewed itself: renewal is not helping. */
	failedRenewals: number;
}

interface Rule {
	/** Look the write up first: settle with what it did if it took effect. */
	verify?: true;
	/** What to do before the next attempt; without a step the loop settles. */
	step?: Step;
	/** The tally this outcome counts on, and how many retries it allows. */
	budget?: [keyof Tally, number];
}

export const POLICY: Record<Outcome, Rule> = {
	ok: {},
	final: {},
	// Expiry answers on tokens this call renewed itself, with no newer one stored since, end the call
	// after MAX_FAILED_RENEWALS (see classify); others only count towards this cap: with several
	// executions on one credential, tokens churn.
	expiredToken: { step: 'renewToken', budget: ['expiryAnswers', 30] },
	rateLimited: { step: 'pace', budget: ['rateLimited', 10] },
	transient: { step: 'backOff', budget: ['transient', 3] },
	// An internal failure or a lost answer may have come after the write was applied.
	outcomeUnknown: { verify: true, step: 'backOff', budget: ['transient', 3] },
};

const MAX_FAILED_RENEWALS = 2;

/** Answers saying the token is no good, by the token a call carries. */
const EXPIRED_CODES: Record<TokenKind, Set<number>> = {
	accessToken: new Set([-300, -301, -101, -302, -304]),
	ssoToken: new Set([-321, -322]),
};
/** The refresh token is gone too: a new access token must be acquired with the AppKey. */
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

export type TokenKind = 'accessToken' | 'ssoToken';

export function isExpiryAnswer(attempt: Attempt, token: TokenKind): boolean {
	return 'envelope' in attempt && EXPIRED_CODES[token].has(attempt.envelope.code);
}

export interface AttemptContext {
	node: INode;
	endpoint: string;
	itemIndex?: number;
	/** A write that is not idempotent: its outcome must be known before it is sent again. */
	checkedWrite: boolean;
	token: TokenKind;
	tally: Tally;
}

/** Sorts one attempt into an outcome of POLICY. */
export function classify(attempt: Attempt, context: AttemptContext): Verdict {
	const { node, endpoint, itemIndex, checkedWrite, token, tally } = context;
	if ('envelope' in attempt) {
		const { envelope } = attempt;
		if (envelope.code === 0) {
			const data = (envelope.data ?? {}) as IDataObject;
			return { outcome: 'ok', settle: () => ({ data }) };
		}
		const refusal: Refusal = {
			code: envelope.code,
			marker: parseMarker(envelope.message ?? '').marker,
			error: platformError(node, endpoint, envelope, itemIndex),
		};
		const settle = () => ({ refusal });
		if (isExpiryAnswer(attempt, token) && tally.failedRenewals < MAX_FAILED_RENEWALS) {
			return { outcome: 'expiredToken', settle, reacquire: REACQUIRE_CODES.has(envelope.code) };
		}
		if (RATE_LIMIT_CODES.has(envelope.code)) return { outcome: 'rateLimited', settle };
		if (TRANSIENT_CODES.has(envelope.code)) {
			const reason = `code ${envelope.code}`;
			return { outcome: checkedWrite ? 'outcomeUnknown' : 'transient', settle, reason };
		}
		return { outcome: 'final', settle };
	}

	const { failure } = attempt;
	const settle = (): Answer => {
		throw transportError(node, endpoint, failure, itemIndex);
	};
	// The credential could not get a token: nothing was sent, so the renewal is simply retried.
	const tokenCode = findTokenRefusal(failure)?.platformCode;
	if (tokenCode !== undefined && RATE_LIMIT_CODES.has(tokenCode)) {
		return { outcome: 'rateLimited', settle, renewalFailed: true };
	}
	if (tokenCode !== undefined && TRANSIENT_TOKEN_CODES.has(tokenCode)) {
		return { outcome: 'transient', settle, renewalFailed: true };
	}
	const code = networkErrorCode(failure);
	const status = httpStatusOf(failure);
	if (code === undefined && !(status !== undefined && status >= 500)) {
		return { outcome: 'final', settle };
	}
	const unknown = checkedWrite && !NOT_SENT_ERRORS.has(code ?? '');
	return {
		outcome: unknown ? 'outcomeUnknown' : 'transient',
		settle,
		reason: failureReason(failure),
	};
}
