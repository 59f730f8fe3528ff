import { randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { PushSource } from '../actions/subscription/dynamicSubscription';

/** One event already emitted: its key (see events.ts) and when it arrived (epoch ms). */
export interface Sighting extends IDataObject {
	key: string;
	at: number;
}

/** What an active push trigger keeps in the workflow's static data (`node:<name>`). */
export interface PushState extends IDataObject {
	/** The token NetEase must send back in the callback URL: 32 random bytes as hex. */
	secret?: string;
	source?: PushSource;
	/** Chosen Mailboxes: their addresses, to name the one a mail arrived for. */
	mailboxes?: string[];
	/** Whole Domain: any recipient of this domain is a subscribed mailbox. */
	domain?: string;
	/** The dedupe window, oldest first. */
	recent?: Sighting[];
}

/** The query parameter carrying the secret in the registered URL. */
export const TOKEN_PARAMETER = 'token';

export function pushState(context: IHookFunctions | IWebhookFunctions): PushState {
	return context.getWorkflowStaticData('node') as PushState;
}

export function clearPushState(state: PushState): void {
	for (const key of Object.keys(state)) delete state[key];
}

export function newSecret(): string {
	return randomBytes(32).toString('hex');
}

/** The n8n webhook URL with the secret as its `token` query parameter. */
export function withToken(webhookUrl: string, secret: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(TOKEN_PARAMETER, secret);
	return url.toString();
}

function parse(url: string): URL | undefined {
	return URL.canParse(url) ? new URL(url) : undefined;
}

/** Scheme, host and path, without the query: safe to show, it carries no token. */
export function endpointOf(url: string): string {
	const parsed = parse(url);
	return parsed ? `${parsed.origin}${parsed.pathname}` : url.split('?')[0];
}

export function tokenOf(url: string): string | undefined {
	return parse(url)?.searchParams.get(TOKEN_PARAMETER) ?? undefined;
}

/** Constant-time comparison of a token someone sent with the stored secret. */
export function tokenMatches(given: unknown, secret: string | undefined): boolean {
	if (typeof given !== 'string' || !secret) return false;
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(secret, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}
