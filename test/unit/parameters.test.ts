import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { Item } from '../../nodes/NeteaseEmail/shared/framework/item';
import { NodeParameters } from '../../nodes/NeteaseEmail/shared/framework/parameters';
import { START_NODE, runWorkflow } from '../harness';

/**
 * Item parameters through the real n8n engine (in-process): what the items read, and how often
 * each parameter went through n8n's getNodeParameter.
 */
const PROPERTIES: INodeProperties[] = [
	{ displayName: 'Greeting', name: 'greeting', type: 'string', default: '' },
	{ displayName: 'Mapped', name: 'mapped', type: 'string', default: '' },
	{ displayName: 'Computed', name: 'computed', type: 'string', default: '' },
	{
		displayName: 'Settings',
		name: 'settings',
		type: 'collection',
		default: {},
		options: [{ displayName: 'Size', name: 'size', type: 'number', default: 0 }],
	},
];

type Probe = (context: IExecuteFunctions, items: Item[], n8nReads: Map<string, number>) => void;

let probe: Probe = () => undefined;

class ProbeNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'Reads its parameters item by item',
		defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: PROPERTIES,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const n8nReads = new Map<string, number>();
		const read = this.getNodeParameter.bind(this);
		const counted = ((name: string, ...rest: [number, unknown?]) => {
			n8nReads.set(name, (n8nReads.get(name) ?? 0) + 1);
			return read(name, ...rest);
		}) as IExecuteFunctions['getNodeParameter'];
		const context = Object.assign(Object.create(this) as IExecuteFunctions, {
			getNodeParameter: counted,
		});
		const parameters = new NodeParameters(context, PROPERTIES);
		const items = this.getInputData().map((_, i) => new Item(context, i, PROPERTIES, parameters));
		probe(this, items, n8nReads);
		return [[]];
	}
}

async function runProbe(parameters: INodeParameters, inputs: IDataObject[], check: Probe) {
	let ran = false;
	probe = (...args) => {
		check(...args);
		ran = true;
	};
	const result = await runWorkflow({
		nodes: [
			START_NODE,
			{
				id: 'probe',
				name: 'Probe',
				type: 'test.probe',
				typeVersion: 1,
				position: [200, 0],
				parameters,
			},
		],
		connections: { Start: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
		nodeTypes: { 'test.probe': ProbeNode },
		startItems: inputs.map((json) => ({ json })),
	});
	if (!result.success) throw new Error(result.error?.message);
	expect(ran).toBe(true);
}

describe('item parameters', () => {
	test('a parameter without an expression goes through n8n once per execution, an expression once per item', async () => {
		await runProbe(
			{
				greeting: 'hello',
				settings: { size: 3 },
				computed: '={{ $json.n * 2 }}',
				mapped: '={{ $json.name }}',
			},
			[
				{ n: 1, name: 'ann' },
				{ n: 2, name: 'bo' },
				{ n: 3, name: 'cy' },
			],
			(_context, items, n8nReads) => {
				const read = items.map((item) => ({
					greeting: item.param('greeting'),
					settings: item.collection('settings'),
					computed: item.param('computed'),
					mapped: item.param('mapped'),
				}));
				expect(read).toEqual([
					{ greeting: 'hello', settings: { size: 3 }, computed: 2, mapped: 'ann' },
					{ greeting: 'hello', settings: { size: 3 }, computed: 4, mapped: 'bo' },
					{ greeting: 'hello', settings: { size: 3 }, computed: 6, mapped: 'cy' },
				]);
				// `{{ $json.name }}` holding text is the input field itself: n8n is not asked.
				expect(Object.fromEntries(n8nReads)).toEqual({ greeting: 1, settings: 1, computed: 3 });
			},
		);
	});

	test('what an item does to a value read once does not reach the next item', async () => {
		await runProbe({ settings: { size: 3 } }, [{}, {}, {}], (_context, items) => {
			for (const item of items) {
				const settings = item.collection<IDataObject>('settings');
				expect(settings).toEqual({ size: 3 });
				settings.size = 99;
			}
		});
	});

	const values: Array<[string, IDataObject[string]]> = [
		['text', 'zhang.san'],
		['empty text', ''],
		['padded text', '  li.si  '],
		['text starting with "="', '={{ 1 + 1 }}'],
		['Chinese text', '张三'],
		['a number', 42],
		['zero', 0],
		['a boolean', false],
		['null', null],
		['an object', { first: 'zhang' }],
		['a list', ['a', 'b']],
	];

	test.each(values)('a mapped field holding %s reads as n8n resolves it', async (_kind, value) => {
		await runProbe(
			{ mapped: '={{ $json.value }}', greeting: '={{$json.value}}' },
			[{ value }, {}],
			(context, items) => {
				for (const item of items) {
					expect(item.param('mapped')).toEqual(context.getNodeParameter('mapped', item.index));
					expect(item.param('greeting')).toEqual(context.getNodeParameter('greeting', item.index));
				}
			},
		);
	});

	test('a mapped field holding an object, a list or nothing is left to n8n', async () => {
		await runProbe(
			{ mapped: '={{ $json.value }}' },
			[{ value: { a: 1 } }, { value: [1] }, { value: null }, {}, { value: 'x' }],
			(_context, items, n8nReads) => {
				expect(items.map((item) => item.param('mapped'))).toEqual([
					{ a: 1 },
					[1],
					null,
					undefined,
					'x',
				]);
				expect(n8nReads.get('mapped')).toBe(4);
			},
		);
	});
});
