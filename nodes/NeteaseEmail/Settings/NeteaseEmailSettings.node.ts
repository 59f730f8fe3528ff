import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credentialType';
import { nodeProperties } from '../shared/framework/resource';
import { router } from '../shared/framework/router';
import { listSearch } from '../shared/methods';
import { platformRequest } from '../shared/platformRequest';
import { resources as module } from './actions';

const resources = [...module, platformRequest];

export class NeteaseEmailSettings implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetEase Email Settings',
		name: 'neteaseEmailSettings',
		icon: {
			light: 'file:../../../icons/netease.svg',
			dark: 'file:../../../icons/netease.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Mailbox policies of NetEase Enterprise Email (网易企业邮箱) accounts: per account, per department or for everyone, with a dry run',
		documentationUrl:
			'https://github.com/n8n-nodes-netease/n8n-nodes-netease-enterprise-email#netease-email-settings',
		defaults: { name: 'NetEase Email Settings' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: nodeProperties(resources),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, resources);
	}
}
