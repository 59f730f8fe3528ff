import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credentialType';
import { optionsCollection, simplifyOption } from '../shared/descriptions/options';
import { poll, pollProperties } from '../shared/trigger/poll';
import { ALL_EVENTS, EVENTS } from './trigger/events';
import { revisionSource } from './trigger/revisionSource';

export class NeteaseEmailAddressBookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetEase Email Address Book Trigger',
		name: 'neteaseEmailAddressBookTrigger',
		icon: {
			light: 'file:../../../icons/netease.svg',
			dark: 'file:../../../icons/netease.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when accounts or departments of a NetEase Enterprise Email (网易企业邮箱) organisation change',
		documentationUrl:
			'https://github.com/n8n-nodes-netease/n8n-nodes-netease-enterprise-email#netease-email-address-book-trigger',
		defaults: { name: 'NetEase Email Address Book Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName:
					'Each change of the address book (one revision) is one item, oldest first; a poll may bring several',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENTS,
				default: [...ALL_EVENTS],
				required: true,
				description:
					'The changes that trigger the workflow; the others are passed over without an item',
			},
			// A revision has no time: the first activation always starts from now, without backfill.
			...pollProperties
				.filter(({ name }) => name === 'maxItems')
				.map((property) => ({
					...property,
					description:
						'The most changes (revisions) one poll reads, oldest first; the rest are read by the next polls, never dropped',
				})),
			optionsCollection([simplifyOption]),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this, revisionSource);
	}
}
