import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credentialType';
import { optionsCollection, simplifyOption } from '../shared/descriptions/options';
import { listSearch } from '../shared/methods';
import { mailboxLocator } from './helpers/mailbox';
import { createSubscription, deleteSubscription, subscriptionExists } from './push/lifecycle';
import { receivePush } from './push/receive';

export class NeteaseEmailPushTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetEase Email Push Trigger',
		name: 'neteaseEmailPushTrigger',
		icon: {
			light: 'file:../../../icons/netease.svg',
			dark: 'file:../../../icons/netease.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["source"] === "orgevent" ? "Organisation changes" : "New mail"}}',
		description:
			'Starts the workflow the moment NetEase Enterprise Email (网易企业邮箱) posts new mail or an organisation change',
		documentationUrl:
			'https://github.com/n8n-nodes-netease/n8n-nodes-netease-enterprise-email#netease-email-push-trigger',
		defaults: { name: 'NetEase Email Push Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'netease-push',
			},
		],
		properties: [
			{
				displayName:
					"NetEase posts each event to this workflow's production URL, which must be reachable from the internet. It keeps one URL per organisation and source: activating registers this one.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				default: 'pushmail',
				options: [
					{
						name: 'New Mail',
						value: 'pushmail',
						description: 'A message arrives in one of the mailboxes below',
					},
					{
						name: 'Organisation Changes',
						value: 'orgevent',
						description: 'Accounts and departments are added, changed or deleted',
					},
				],
			},
			{
				displayName: 'Mailboxes',
				name: 'mailboxScope',
				type: 'options',
				default: 'chosen',
				displayOptions: { show: { source: ['pushmail'] } },
				options: [
					{
						name: 'Chosen Mailboxes',
						value: 'chosen',
						description: 'Only the mailboxes listed below, subscribed on activation',
					},
					{
						name: 'Whole Domain',
						value: 'domain',
						description:
							'Every account of the default domain, subscribed on activation: one call per account plus one per 100 to list them. Accounts added later are only covered after the workflow is activated again.',
					},
				],
			},
			{
				displayName: 'Mailboxes to Watch',
				name: 'mailboxes',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Mailbox',
				default: {},
				displayOptions: { show: { source: ['pushmail'], mailboxScope: ['chosen'] } },
				options: [
					{
						displayName: 'Mailbox',
						name: 'mailbox',
						values: [mailboxLocator({ description: 'Its new mail starts the workflow' })],
					},
				],
			},
			{
				displayName: 'Take Over the Subscription',
				name: 'takeOver',
				type: 'boolean',
				default: false,
				description:
					'Whether to replace a callback URL another workflow or system registered for this source; that receiver then gets no more events. Off, activating is refused while one is registered.',
			},
			optionsCollection([simplifyOption]),
		],
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receivePush.call(this);
	}
}
