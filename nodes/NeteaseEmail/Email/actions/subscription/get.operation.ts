import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { organisationId } from '../../../shared/transport';
import type { PushSource } from './dynamicSubscription';
import { registeredUrl, sourceOf, sourceProperty } from './dynamicSubscription';

interface Input {
	orgOpenId: string;
	source: PushSource;
}

export const get: Operation<Input> = {
	value: 'get',
	name: 'Get',
	action: 'Get the registered callback URL',
	description: 'Get the callback URL registered for a source',
	properties: [sourceProperty],

	async prepare(this: IExecuteFunctions, item: Item) {
		return { orgOpenId: await organisationId.call(this), source: sourceOf(item) };
	},

	async execute(this: IExecuteFunctions, input: Input, item: Item) {
		return {
			source: input.source,
			url: await registeredUrl.call(this, input.orgOpenId, input.source, item.index),
		};
	},
};
