import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRequest, organisationId, tryApiRequest } from '../../shared/transport';
import type { PushSource } from '../actions/subscription/dynamicSubscription';
import { registeredUrl } from '../actions/subscription/dynamicSubscription';
import type { MailboxScope } from './mailboxes';
import { chosenMailboxes, subscribeMailboxes } from './mailboxes';
import {
	clearPushState,
	endpointOf,
	newSecret,
	pushState,
	tokenMatches,
	tokenOf,
	withToken,
} from './state';

/**
 * Answers to `subscription.remove` meaning the platform has no such path, or this app may not
 * call it (the path is inferred): the registration cannot be removed from here.
 */
const REMOVAL_UNAVAILABLE = new Set([-400, -401, -202]);
/** Nothing registered any more. */
const NOTHING_TO_REMOVE = -4;

const WHAT: Record<PushSource, string> = {
	pushmail: 'new mail',
	orgevent: 'organisation changes',
};

function sourceParam(context: IHookFunctions): PushSource {
	return context.getNodeParameter('source', 'pushmail') === 'orgevent' ? 'orgevent' : 'pushmail';
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave no webhook URL to register');
	return url;
}

/**
 * Whether a registered URL is this trigger's: it carries our secret and points at our webhook.
 * Activations of the workflow (not a test) also recognise their registration by the secret alone,
 * so a new n8n base URL replaces the old registration rather than being refused.
 */
function isOurs(
	context: IHookFunctions,
	registered: string,
	webhookUrl: string,
	anyEndpoint = false,
): boolean {
	const secret = pushState(context).secret;
	if (!tokenMatches(tokenOf(registered), secret)) return false;
	return anyEndpoint || endpointOf(registered) === endpointOf(webhookUrl);
}

/** Exists only if the platform still posts to our webhook with our current secret. */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
	const state = pushState(this);
	const source = sourceParam(this);
	if (!state.secret || state.source !== source) return false;
	const registered = await registeredUrl.call(this, await organisationId.call(this), source);
	return registered !== null && isOurs(this, registered, webhookUrlOf(this));
}

function takenError(
	context: IHookFunctions,
	source: PushSource,
	holder: string,
	webhookUrl: string,
): NodeOperationError {
	let whose = 'another workflow or system';
	if (isOurs(context, holder, webhookUrl, true)) {
		whose = "this workflow's production webhook (the workflow is active)";
	} else if (endpointOf(holder) === endpointOf(webhookUrl)) {
		whose = 'an earlier activation of this workflow whose token it no longer has';
	}
	return new NodeOperationError(
		context.getNode(),
		`NetEase already posts ${WHAT[source]} of this organisation to ${endpointOf(holder)}, registered by ${whose}`,
		{
			description:
				'NetEase keeps one callback URL per organisation and source, so only one receiver gets these events. Stop the receiver registered there (deactivate its workflow), or turn on Take Over the Subscription to replace it: it then gets nothing more.',
		},
	);
}

/**
 * Registers `<webhook URL>?token=<new secret>` for the source, after subscribing the mailboxes
 * for new mail. Refuses to replace a URL that is not ours unless Take Over the Subscription is on.
 */
export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	const state = pushState(this);
	const source = sourceParam(this);
	const webhookUrl = webhookUrlOf(this);
	const scope = this.getNodeParameter('mailboxScope', 'chosen') as MailboxScope;
	// Parameters are checked before anything is written.
	const chosen =
		source === 'pushmail' && scope === 'chosen' ? await chosenMailboxes.call(this) : undefined;
	const orgOpenId = await organisationId.call(this);

	const holder = await registeredUrl.call(this, orgOpenId, source);
	const test = this.getMode() === 'manual';
	if (holder && !isOurs(this, holder, webhookUrl, !test)) {
		if (!this.getNodeParameter('takeOver', false)) {
			throw takenError(this, source, holder, webhookUrl);
		}
		this.logger.warn(
			`NetEase ${WHAT[source]} subscription taken over from ${endpointOf(holder)}: that receiver gets no more events`,
		);
	}

	const subscribed = source === 'pushmail' ? await subscribeMailboxes.call(this, chosen) : {};
	const secret = newSecret();
	await apiRequest.call(this, 'subscription.register', {
		orgOpenId,
		url: withToken(webhookUrl, secret),
		source,
	});
	clearPushState(state);
	Object.assign(state, { secret, source, ...subscribed });
	return true;
}

/**
 * Removes the registration if it is still ours (never another receiver's) through the inferred
 * `subscription.remove`; when the platform refuses that path, warns that the URL stays registered
 * until something replaces it. The static data is cleared in every case, so from now on every
 * callback is refused.
 */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	const state = pushState(this);
	try {
		if (!state.secret) return true;
		const source = state.source ?? sourceParam(this);
		const orgOpenId = await organisationId.call(this);
		const registered = await registeredUrl.call(this, orgOpenId, source);
		// Our webhook's URL as well as our secret: a test listener, whose static data may be a copy
		// of the active workflow's, must never remove the production registration.
		if (!registered || !isOurs(this, registered, webhookUrlOf(this))) return true;

		const answer = await tryApiRequest.call(this, 'subscription.remove', { orgOpenId, source });
		if (!('refusal' in answer) || answer.refusal.code === NOTHING_TO_REMOVE) return true;
		if (!REMOVAL_UNAVAILABLE.has(answer.refusal.code)) throw answer.refusal.error;
		this.logger.warn(
			`NetEase refused to remove the ${WHAT[source]} subscription (${answer.refusal.error.message}). ` +
				`${endpointOf(registered)} stays registered until another URL is registered for this source; ` +
				"the callbacks NetEase still posts there are refused, because this trigger's token is cleared.",
		);
		return true;
	} finally {
		clearPushState(state);
	}
}
