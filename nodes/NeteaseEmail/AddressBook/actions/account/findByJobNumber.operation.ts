import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	optionsCollection,
	simplifyOption,
	wantsSimplified,
} from '../../../shared/descriptions/options';
import { accountsOutput } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import { apiRequest, defaultDomain } from '../../../shared/transport';

interface Input {
	domain: string;
	jobNumber: string;
	simplify: boolean;
}

export const findByJobNumber: Operation<Input> = {
	value: 'findByJobNumber',
	name: 'Find by Job Number',
	action: 'Find accounts by job number',
	description: 'Find accounts by employee number',
	properties: [
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
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return {
			domain: await defaultDomain.call(this),
			jobNumber: item.text('jobNumber', 64),
			simplify: wantsSimplified(item),
		};
	},

	async execute(this: IExecuteFunctions, { domain, jobNumber, simplify }: Input, item: Item) {
		const data = await apiRequest.call(
			this,
			'account.findByJobNumber',
			{ domain, jobNumber },
			{ itemIndex: item.index },
		);
		const accounts = (Array.isArray(data.list) ? data.list : []) as IDataObject[];
		return await accountsOutput.call(this, accounts, domain, simplify, item.index);
	},
};
