import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOption } from '../../descriptions/locators';
import { simplifyAccount } from '../../helpers/accounts';
import { getDepartments } from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { requireText } from '../../helpers/validation';
import { apiRequest, defaultDomain } from '../../transport';
import type { Operation } from '../operation';
import { ACCOUNT_CONCURRENCY } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Job Number',
		name: 'jobNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. E10086',
		description:
			'The employee number as stored on the account. Returns nothing when no account has it.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [simplifyOption],
	},
];

interface Input {
	domain: string;
	jobNumber: string;
	simplify: boolean;
}

export const findByJobNumber: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['account'], operation: ['findByJobNumber'] } },
		properties,
	),
	concurrency: ACCOUNT_CONCURRENCY,

	async prepare(this: IExecuteFunctions, i: number) {
		return {
			domain: await defaultDomain.call(this),
			jobNumber: requireText(
				this.getNode(),
				i,
				'Job Number',
				this.getNodeParameter('jobNumber', i),
				64,
			),
			simplify:
				(this.getNodeParameter('options', i, {}) as { simplify?: boolean }).simplify ?? true,
		};
	},

	async execute(this: IExecuteFunctions, { domain, jobNumber, simplify }: Input, i: number) {
		const data = await apiRequest.call(
			this,
			'account.findByJobNumber',
			{ domain, jobNumber },
			{ itemIndex: i },
		);
		const accounts = (Array.isArray(data.list) ? data.list : []) as IDataObject[];
		if (!simplify) return accounts;
		const departments = await getDepartments.call(this, domain, i);
		return accounts.map((account) => simplifyAccount(account, domain, departments));
	},
};
