import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { firstSighting } from './dedupe';
import { eventKey, newMailEvent, organisationEvent } from './events';
import { pushState, TOKEN_PARAMETER, tokenMatches } from './state';

/** What the platform expects back (reference §7.4: the PUSH integration answers this). */
export const ACKNOWLEDGEMENT = 'success';

/** Callbacks are small JSON objects; anything bigger is refused before it is looked at. */
export const MAX_BODY_BYTES = 1024 * 1024;

function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const response = context.getResponseObject();
	response.setHeader('Content-Type', 'text/plain; charset=utf-8');
	response.status(status).send(message);
	return { noWebhookResponse: true };
}

function bodySize(context: IWebhookFunctions, body: unknown): number {
	const raw = (context.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(raw)) return raw.length;
	return Buffer.byteLength(JSON.stringify(body) ?? '', 'utf8');
}

function isJsonObject(body: unknown): body is IDataObject {
	return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/**
 * One callback: refused (401) unless it carries our token; 413 / 400 for a body too big or not a
 * JSON object. A callback the platform repeats is acknowledged again but emits nothing.
 */
export async function receivePush(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const state = pushState(this);
	const query = this.getQueryData() as IDataObject;
	if (!tokenMatches(query[TOKEN_PARAMETER], state.secret)) {
		return refuse(this, 401, 'Unauthorized');
	}
	const body = this.getBodyData() as unknown;
	if (bodySize(this, body) > MAX_BODY_BYTES) return refuse(this, 413, 'Payload Too Large');
	if (!isJsonObject(body)) return refuse(this, 400, 'Expected a JSON object');

	const source = state.source ?? this.getNodeParameter('source', 'pushmail');
	if (!firstSighting(state, eventKey(String(source), body))) {
		return { webhookResponse: ACKNOWLEDGEMENT };
	}
	const { simplify = true } = this.getNodeParameter('options', {}) as { simplify?: boolean };
	const json = !simplify
		? body
		: source === 'orgevent'
			? organisationEvent(body)
			: newMailEvent(body, state);
	return { webhookResponse: ACKNOWLEDGEMENT, workflowData: [[{ json }]] };
}
