import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, simplifyOption, wantsSimplified } from '../../descriptions/options';
import { accountsOutput } from '../../helpers/accounts';
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
	optionsCollection([simplifyOption]),
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
			simplify: wantsSimplified.call(this, i),
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
		return await accountsOutput.call(this, accounts, domain, simplify, i);
	},
};
