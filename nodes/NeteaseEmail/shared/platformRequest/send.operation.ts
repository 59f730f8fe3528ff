import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import type { Item } from '../framework/item';
import type { Operation } from '../framework/operation';
import { validateBoolean } from '../helpers/validation';
import type { CustomEndpoint } from '../transport';
import { apiRequest, defaultDomain } from '../transport';
import type { EndpointKey } from '../transport/endpoints';
import { ENDPOINTS, isEndpointKey } from '../transport/endpoints';

const CATALOGUE_OPTIONS: INodePropertyOptions[] = Object.entries(ENDPOINTS)
	.filter(([, endpoint]) => endpoint.auth !== 'none' && endpoint.body === 'json')
	.map(([key, endpoint]) => ({
		name: endpoint.status === 'inferred' ? `${key} (inferred)` : key,
		value: key,
		description: endpoint.path,
	}))
	.sort((a, b) => a.name.localeCompare(b.name));

interface Input {
	endpoint: EndpointKey | CustomEndpoint;
	body: IDataObject;
}

export const send: Operation<Input> = {
	value: 'send',
	name: 'Send',
	action: 'Send a request to the platform',
	description:
		'Call any Open Platform endpoint with token renewal, pacing and plain-words errors, for what the operations do not cover',
	// It can call any endpoint, deletes and organisation-wide settings included.
	changes: 'destructive',
	properties: [
		{
			displayName: 'Endpoint',
			name: 'endpointSource',
			type: 'options',
			default: 'catalogue',
			options: [
				{
					name: 'From the Catalogue',
					value: 'catalogue',
					description: 'A path this package knows, with any override from the credential',
				},
				{ name: 'By Path', value: 'path', description: 'Any other path of the platform' },
			],
		},
		{
			displayName: 'Catalogue Entry',
			name: 'endpointKey',
			type: 'options',
			default: 'unit.list',
			options: CATALOGUE_OPTIONS,
			displayOptions: { show: { endpointSource: ['catalogue'] } },
		},
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. /api/open/unit/getUnitList',
			displayOptions: { show: { endpointSource: ['path'] } },
		},
		{
			displayName: 'Changes Something',
			name: 'write',
			type: 'boolean',
			default: false,
			description:
				'Whether the call changes something on the platform. If its answer is lost, a write is reported as of unknown outcome instead of being sent again.',
			displayOptions: { show: { endpointSource: ['path'] } },
		},
		{
			displayName: 'Body',
			name: 'body',
			type: 'json',
			default: '{}',
			description: 'The JSON body. The default mail domain is added as "domain" unless it is set.',
		},
	],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		let endpoint: EndpointKey | CustomEndpoint;
		if (item.param('endpointSource') === 'catalogue') {
			const key = item.text('endpointKey');
			if (!isEndpointKey(key)) {
				throw item
					.field('endpointKey')
					.invalid(`"${key}" is not in the catalogue`, 'Pick an entry from the list.');
			}
			endpoint = key;
		} else {
			const path = item.text('path', 1024);
			// No "." or ".." step: the HTTP client would resolve it to another path than the one shown.
			const steps = path.split('/').slice(1);
			if (!/^\/[\w/.-]*$/.test(path) || steps.some((step) => step === '.' || step === '..')) {
				throw item
					.field('path')
					.invalid(`"${path}" is not a path`, 'Use a path such as /api/open/unit/getUnitList.');
			}
			// "yes" from an expression must not make a write one that is sent again after a lost answer.
			endpoint = { path, write: validateBoolean(item.field('write'), item.param('write')) };
		}
		const raw = item.param<unknown>('body');
		const body =
			typeof raw === 'string' ? jsonParse<unknown>(raw || '{}', { fallbackValue: undefined }) : raw;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			throw item
				.field('body')
				.invalid(
					'is not a JSON object',
					'Write the body as an object, e.g. {"accountName": "zhang.san"}.',
				);
		}
		const withDomain = { domain: await defaultDomain.call(this), ...(body as IDataObject) };
		return { endpoint, body: withDomain };
	},

	async execute(this: IExecuteFunctions, { endpoint, body }: Input, item: Item) {
		// A list answer becomes one item per entry (the router splits arrays), as in n8n's HTTP Request node.
		return (await apiRequest.call(this, endpoint, body, { itemIndex: item.index })) as
			| IDataObject
			| IDataObject[];
	},
};
