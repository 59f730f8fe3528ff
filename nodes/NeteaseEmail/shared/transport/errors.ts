import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describePlatformCode, findTokenRefusal, parseMarker } from './codes';
import type { Envelope } from './envelope';

function itemSuffix(itemIndex: number | undefined): string {
	return itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
}

/** The error and its causes, outermost first (n8n wraps request errors several times). */
function causes(error: unknown): object[] {
	const chain: object[] = [];
	for (
		let current = error;
		current && typeof current === 'object';
		current = (current as { cause?: unknown }).cause
	) {
		if (chain.includes(current)) break;
		chain.push(current);
	}
	return chain;
}

/** An errno name (ECONNRESET, EAI_AGAIN…) behind the error; not axios' ERR_BAD_REQUEST for a 4xx. */
export function networkErrorCode(error: Error): string | undefined {
	for (const current of causes(error)) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code) && !code.startsWith('ERR_'))
			return code;
	}
	return undefined;
}

/** The HTTP status behind an error thrown by n8n's request helper, wherever it is kept. */
export function httpStatusOf(error: Error): number | undefined {
	for (const current of causes(error)) {
		const holder = current as {
			httpCode?: unknown;
			status?: unknown;
			response?: { status?: unknown };
		};
		const status = Number(holder.response?.status ?? holder.httpCode ?? holder.status);
		if (Number.isInteger(status) && status >= 100) return status;
	}
	return undefined;
}

/** The request timeout (Options → Timeout) that ended the attempt, in ms, as n8n's HTTP client words it. */
function timedOutAfterMs(error: Error): number | undefined {
	for (const current of causes(error)) {
		const match = /^timeout of (\d+)ms exceeded$/.exec(String((current as Error).message));
		if (match) return Number(match[1]);
	}
	return undefined;
}

export function failureReason(failure: Error): string {
	const timeoutMs = timedOutAfterMs(failure);
	if (timeoutMs !== undefined) return `no answer within ${timeoutMs / 1000} s`;
	const status = httpStatusOf(failure);
	return networkErrorCode(failure) ?? (status ? `HTTP ${status}` : failure.message);
}

/**
 * Every API error of the package. Built from plain fields only: the underlying request errors
 * carry the request headers, token included.
 */
function apiError(
	node: INode,
	details: JsonObject,
	message: string,
	description: string,
	itemIndex?: number,
): NodeApiError {
	const text = `${message}${itemSuffix(itemIndex)}`;
	const error = new NodeApiError(node, details, { message: text, description, itemIndex });
	// NodeApiError swaps messages that mention a system error name for generic text, and markers
	// such as MAILACCOUNT.NAMEEXIST contain "EEXIST".
	error.message = text;
	return error;
}

export function platformError(
	node: INode,
	endpoint: string,
	envelope: Envelope,
	itemIndex?: number,
): NodeApiError {
	const { message, description } = describePlatformCode(envelope.code, envelope.message);
	const details = { code: envelope.code, message: envelope.message ?? '', endpoint };
	return apiError(node, details, message, description, itemIndex);
}

/**
 * The business marker of a refusal that `apiRequest` (or a helper built on it, such as
 * `apiRequestAllItems`) threw, e.g. `LOG.TIMERANGE.TOOLONG`; `undefined` for any other error.
 */
export function refusalMarker(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const details = error.errorResponse as { code?: unknown; message?: unknown } | undefined;
	if (typeof details?.code !== 'number' || typeof details.message !== 'string') return undefined;
	return parseMarker(details.message).marker;
}

export function transportError(
	node: INode,
	endpoint: string,
	failure: Error,
	itemIndex?: number,
): NodeApiError {
	const details = { message: failureReason(failure), endpoint };
	const refused = findTokenRefusal(failure);
	if (refused) return apiError(node, details, refused.summary, refused.description, itemIndex);
	if (timedOutAfterMs(failure) !== undefined) {
		return apiError(
			node,
			details,
			`The NetEase Open Platform gave ${details.message}`,
			'Asked again after each timeout, it never answered in time. If it is just slow, raise Options → Timeout; otherwise run the item again later.',
			itemIndex,
		);
	}
	return apiError(
		node,
		details,
		`Could not reach the NetEase Open Platform (${details.message})`,
		'Check the Base URL in the credential and that this n8n server can reach it.',
		itemIndex,
	);
}

export function unknownOutcomeError(
	node: INode,
	endpoint: string,
	reason: string,
	itemIndex?: number,
): NodeApiError {
	return apiError(
		node,
		{ message: reason, endpoint },
		`The platform did not confirm "${endpoint}" and whether it took effect could not be checked (${reason})`,
		'The write may or may not have been applied. Check the target in the NetEase admin console before running this item again.',
		itemIndex,
	);
}
