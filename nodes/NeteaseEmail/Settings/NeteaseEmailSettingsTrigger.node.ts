import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credentialType';
import { poll, pollProperties } from '../shared/trigger/poll';
import { EVENTS } from './trigger/events';
import { readEvents, settingSource } from './trigger/settingSource';

export class NeteaseEmailSettingsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetEase Email Settings Trigger',
		name: 'neteaseEmailSettingsTrigger',
		icon: {
			light: 'file:../../../icons/netease.svg',
			dark: 'file:../../../icons/netease.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			"Starts the workflow when an account's settings change in NetEase Enterprise Email (网易企业邮箱): forwarding, two-factor, limits, login permissions",
		documentationUrl:
			'https://github.com/n8n-nodes-netease/n8n-nodes-netease-enterprise-email#netease-email-settings-trigger',
		defaults: { name: 'NetEase Email Settings Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName:
					'Each change (one entry of the admin operation log) is one item, oldest first, with the setting as it is now; a poll may bring several',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENTS,
				default: [
					'forwardingChanged',
					'loginPermissionChanged',
					'mailLimitsChanged',
					'twoFactorOff',
				],
				required: true,
				description:
					'The changes that trigger the workflow; the other entries of the log are passed over without an item',
			},
			...pollProperties,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		readEvents.call(this);
		return await poll.call(this, settingSource);
	}
}
