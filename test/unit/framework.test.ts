import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { NeteaseEmailAddressBook } from '../../nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node';
import { resources } from '../../nodes/NeteaseEmail/AddressBook/actions';
import { NeteaseEmail } from '../../nodes/NeteaseEmail/Email/NeteaseEmail.node';
import { NeteaseEmailLogs } from '../../nodes/NeteaseEmail/Logs/NeteaseEmailLogs.node';
import { NeteaseEmailSettings } from '../../nodes/NeteaseEmail/Settings/NeteaseEmailSettings.node';
import { NeteaseEmailSso } from '../../nodes/NeteaseEmail/Sso/NeteaseEmailSso.node';
import { Item } from '../../nodes/NeteaseEmail/shared/framework/item';
import { changeClassOf } from '../../nodes/NeteaseEmail/shared/framework/safety';
import { platformRequest } from '../../nodes/NeteaseEmail/shared/platformRequest';
import { fakeContext, ok } from './fake-context';

const { properties } = new NeteaseEmailAddressBook().description;
const names = (options: INodeProperties['options']) =>
	(options as INodePropertyOptions[]).map((option) => option.name);

describe('the operation framework builds the editor lists from the operation files', () => {
	test('Resource lists every resource once, sorted, Platform Request included', () => {
		const resource = properties.find((property) => property.name === 'resource')!;
		const listed = names(resource.options);
		expect(listed).toEqual([...listed].sort((a, b) => a.localeCompare(b)));
		expect(listed).toHaveLength(resources.length + 1);
		expect(listed).toContain(platformRequest.name);
	});

	test.each([...resources, platformRequest].map((resource) => [resource.name, resource] as const))(
		'%s: one sorted Operation list, a valid default, every parameter scoped to its operation',
		(_name, resource) => {
			const lists = properties.filter(
				(property) =>
					property.name === 'operation' &&
					property.displayOptions?.show?.resource?.includes(resource.value),
			);
			expect(lists).toHaveLength(1);
			const [list] = lists;
			const values = (list.options as INodePropertyOptions[]).map((option) => option.value);
			expect(values.sort()).toEqual(resource.operations.map((operation) => operation.value).sort());
			expect(values).toContain(list.default);
			expect(names(list.options)).toEqual(
				[...names(list.options)].sort((a, b) => a.localeCompare(b)),
			);
			for (const operation of resource.operations) {
				const scoped = properties.filter(
					(property) =>
						property.name !== 'operation' &&
						property.displayOptions?.show?.resource?.includes(resource.value) &&
						property.displayOptions?.show?.operation?.includes(operation.value),
				);
				// Its own parameters, the Options collection every operation has (for Timeout), and
				// Confirm for a destructive one.
				const own = operation.properties.map((property) => property.name);
				const confirm = changeClassOf(operation) === 'destructive' ? ['confirm'] : [];
				expect(scoped.map((property) => property.name)).toEqual([
					...(own.includes('options') ? own : [...own, 'options']),
					...confirm,
				]);
				expect(operation.action).toMatch(/^[A-Z][a-z]/);
			}
		},
	);
});

test.each(
	[
		NeteaseEmailAddressBook,
		NeteaseEmail,
		NeteaseEmailLogs,
		NeteaseEmailSettings,
		NeteaseEmailSso,
	].map((node) => [node.name, node] as const),
)('every operation of %s offers Options → Timeout, sorted among its options', (_name, node) => {
	const { properties: nodeProperties } = new node().description;
	const operations = nodeProperties
		.filter((property) => property.name === 'operation')
		.flatMap((list) =>
			(list.options as INodePropertyOptions[]).map((option) => ({
				resource: list.displayOptions!.show!.resource![0],
				operation: option.value,
			})),
		);
	expect(operations.length).toBeGreaterThan(1);
	for (const { resource, operation } of operations) {
		const options = nodeProperties.filter(
			(property) =>
				property.name === 'options' &&
				property.displayOptions?.show?.resource?.includes(resource) &&
				property.displayOptions?.show?.operation?.includes(operation),
		);
		expect(options).toHaveLength(1);
		const fields = options[0].options as INodeProperties[];
		expect(fields.find((field) => field.name === 'timeout')).toMatchObject({
			displayName: 'Timeout',
			type: 'number',
			default: 30,
		});
		const labels = fields.map((field) => field.displayName);
		expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
	}
});

describe('Item names fields by the labels the editor shows', () => {
	const operationProperties: INodeProperties[] = [
		{ displayName: 'Display Name', name: 'name', type: 'string', default: '' },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			default: {},
			options: [{ displayName: 'Job Number', name: 'jobNumber', type: 'string', default: '' }],
		},
		{
			displayName: 'Column Mapping',
			name: 'columnMapping',
			type: 'fixedCollection',
			default: {},
			options: [
				{
					displayName: 'Mapping',
					name: 'mappings',
					values: [{ displayName: 'Column Header', name: 'header', type: 'string', default: '' }],
				},
			],
		},
	];
	const item = new Item(fakeContext({ respond: () => ok() }).context, 3, operationProperties);

	test.each([
		['name', 'Display Name'],
		['jobNumber', 'Job Number'],
		['header', 'Column Header'],
		['unknownParameter', 'unknownParameter'],
	])('%s is labelled "%s"', (name, label) => {
		const error = item.field(name).invalid('is wrong', 'Fix it.');
		expect(error.message).toBe(`${label} is wrong [item 3]`);
		expect(error.description).toBe('Fix it.');
	});
});
