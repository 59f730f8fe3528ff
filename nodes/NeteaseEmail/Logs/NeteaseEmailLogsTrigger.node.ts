import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credentialType';
import { optionsCollection } from '../shared/descriptions/options';
import { poll, pollProperties } from '../shared/trigger/poll';
import { EVENTS } from './trigger/events';
import { loginProperties } from './trigger/loginFilters';
import { logsSource } from './trigger/logsSource';

export class NeteaseEmailLogsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetEase Email Logs Trigger',
		name: 'neteaseEmailLogsTrigger',
		icon: {
			light: 'file:../../../icons/netease.svg',
			dark: 'file:../../../icons/netease.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow on new entries of the NetEase Enterprise Email (网易企业邮箱) logs: logins, mail, admin operations',
		documentationUrl:
			'https://github.com/n8n-nodes-netease/n8n-nodes-netease-enterprise-email#netease-email-logs-trigger',
		defaults: { name: 'NetEase Email Logs Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName:
					'Each log entry is one item, oldest first; a poll may bring several. The logs are read up to the last whole second.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: EVENTS,
				default: 'newLogin',
				required: true,
			},
			...loginProperties,
			...pollProperties,
			optionsCollection([
				{
					displayName: 'Simplify',
					name: 'simplify',
					type: 'boolean',
					default: true,
					description:
						'Whether to return each entry with the same keys as the Logs node (time as ISO 8601 with +08:00, timestamp, null for what is missing) instead of the raw platform entry',
				},
			]),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this, logsSource);
	}
}
