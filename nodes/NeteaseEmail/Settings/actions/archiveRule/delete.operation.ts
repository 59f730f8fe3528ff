import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import { apiRequest, defaultDomain } from '../../../shared/transport';
import type { ArchiveRule } from './archiveRules';
import { findRule } from './archiveRules';

interface Input {
	domain: string;
	rule: ArchiveRule;
}

export const remove: Operation<Input> = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete an archive rule',
	description: 'Delete a mail-archiving rule; mail it archived stays in the archive mailbox',
	properties: [
		{
			displayName: 'Rule',
			name: 'rule',
			type: 'resourceLocator',
			default: { mode: 'name', value: '' },
			required: true,
			modes: [
				{
					displayName: 'By Name',
					name: 'name',
					type: 'string',
					placeholder: 'e.g. 合同归档',
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 400001',
				},
			],
		},
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const locator = item.param<INodeParameterResourceLocator>('rule');
		const value = String(locator?.value ?? '').trim();
		if (!value) {
			throw item.field('rule').invalid('is empty', 'Enter the name or the ID of the rule.');
		}
		const byId = locator.mode === 'id';
		const domain = await defaultDomain.call(this);
		const rule = await findRule.call(
			this,
			domain,
			(candidate) => (byId ? candidate.ruleId === value : candidate.name === value),
			item.index,
		);
		if (!rule) {
			throw item
				.field('rule')
				.invalid(
					`"${value}" matches no archive rule ${byId ? 'ID' : 'name'}`,
					'Use Archive Rule → Get Many to see the rules.',
				);
		}
		return { domain, rule };
	},

	async execute(this: IExecuteFunctions, { domain, rule }: Input, item: Item) {
		const { ruleId, name } = rule;
		const isGone = async () =>
			!(await findRule.call(this, domain, (candidate) => candidate.ruleId === ruleId, item.index));
		await apiRequest.call(
			this,
			'archive.delete',
			{ domain, ruleId },
			{ itemIndex: item.index, verify: async () => ((await isGone()) ? {} : undefined) },
		);
		return { deleted: true, ruleId, name };
	},
};
