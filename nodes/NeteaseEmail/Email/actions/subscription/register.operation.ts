import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { requireText } from '../../../shared/helpers/validation';
import { apiRequest, organisationId } from '../../../shared/transport';
import type { PushSource } from './dynamicSubscription';
import { registeredUrl, sourceOf, sourceProperty } from './dynamicSubscription';

interface Input {
	orgOpenId: string;
	source: PushSource;
	url: string;
}

function callbackUrl(item: Item): string {
	const field = item.field('url');
	const text = requireText(field, item.param('url'), 2048);
	const fix =
		"Give the full address NetEase posts to, e.g. https://n8n.example.com/webhook/netease-mail (a Webhook node's Production URL).";
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw field.invalid(`"${text}" is not an absolute URL`, fix);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw field.invalid(`"${text}" is not an http or https URL`, fix);
	}
	// The URL parser drops tabs and encodes spaces; the platform would get them as given.
	if (/\s/.test(text)) throw field.invalid(`"${text}" contains a space`, fix);
	return text;
}

export const register: Operation<Input> = {
	value: 'register',
	name: 'Register',
	action: 'Register a callback URL',
	description:
		'Register the URL NetEase posts new mail or organisation changes to, replacing the one registered before',
	// Redirects where the organisation's new mail or changes are posted.
	changes: 'destructive',
	properties: [
		{
			displayName: 'Callback URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://n8n.example.com/webhook/netease-mail',
			description:
				'Where NetEase posts each event as JSON; it must be reachable from the internet. New mail is only posted for mailboxes subscribed with Subscribe Mailbox.',
		},
		sourceProperty,
	],
	// Each source has one URL: items registering for the same source run in order.
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		return {
			url: callbackUrl(item),
			source: sourceOf(item),
			orgOpenId: await organisationId.call(this),
		};
	},

	async execute(this: IExecuteFunctions, { orgOpenId, source, url }: Input, item: Item) {
		const previousUrl = await registeredUrl.call(this, orgOpenId, source, item.index);
		if (previousUrl === url) return { source, url, changed: false, previousUrl };
		await apiRequest.call(
			this,
			'subscription.register',
			{ orgOpenId, url, source },
			{ itemIndex: item.index },
		);
		return { source, url, changed: true, previousUrl };
	},
};
