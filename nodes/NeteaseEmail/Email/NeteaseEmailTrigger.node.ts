import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credentialType';
import { listSearch } from '../shared/methods';
import { poll } from '../shared/trigger/poll';
import { newMailSource } from './trigger/newMailSource';
import { newMailProperties } from './trigger/settings';

export class NeteaseEmailTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetEase Email Trigger',
		name: 'neteaseEmailTrigger',
		icon: {
			light: 'file:../../../icons/netease.svg',
			dark: 'file:../../../icons/netease.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: 'New mail',
		description:
			'Starts the workflow when new mail arrives in NetEase Enterprise Email (网易企业邮箱) mailboxes',
		documentationUrl:
			'https://github.com/n8n-nodes-netease/n8n-nodes-netease-enterprise-email#netease-email-trigger',
		defaults: { name: 'NetEase Email Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: newMailProperties,
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this, await newMailSource.call(this));
	}
}
