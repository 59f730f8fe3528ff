import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as account from './actions/account';
import * as department from './actions/department';
import { router } from './actions/router';
import { listSearch } from './methods';

export class NeteaseEnterpriseEmail implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetEase Enterprise Email',
		name: 'neteaseEnterpriseEmail',
		icon: { light: 'file:../../icons/netease.svg', dark: 'file:../../icons/netease.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage departments and accounts of a NetEase Enterprise Email (网易企业邮箱) organisation',
		documentationUrl:
			'https://github.com/n8n-nodes-netease/n8n-nodes-netease-enterprise-email#operations',
		defaults: { name: 'NetEase Enterprise Email' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'neteaseEnterpriseEmailApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Department', value: 'department' },
				],
				default: 'account',
			},
			...account.description,
			...department.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
