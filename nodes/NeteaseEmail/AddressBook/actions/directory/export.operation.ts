import type { IExecuteFunctions } from 'n8n-workflow';

import { FileItem } from '../../../shared/framework/operation';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { encodeCsvBytes, toCsv } from '../../../shared/helpers/csv';
import { defaultDomain } from '../../../shared/transport';
import { loadAddressBook, snapshotRows } from '../../helpers/addressBookSnapshot';
import { EXPORT_COLUMNS } from '../../helpers/directoryRows';

type Part = 'accounts' | 'departments' | 'mailLists';

interface Input {
	domain: string;
	include: Record<Part, boolean>;
	file?: { property: string; name: string };
}

/** The file's name only: a folder in it would tell a later Write File node where to write. */
function fileNameOf(item: Item): string {
	const name = item.text('fileName');
	const separator = /[/\\]/.exec(name);
	if (separator) {
		throw item
			.field('fileName')
			.invalid(
				`"${name}" contains "${separator[0]}"`,
				'Give the name alone, e.g. address-book.csv; choose the folder where the file is written.',
			);
	}
	return name;
}

export const exportOperation: Operation<Input> = {
	value: 'export',
	name: 'Export',
	action: 'Export the address book',
	description:
		'The whole address book (departments with paths, accounts with department paths, mail lists with members) as items or as a CSV file that Import reads back',
	properties: [
		{
			displayName: 'Include',
			name: 'include',
			type: 'multiOptions',
			default: ['departments', 'accounts', 'mailLists'],
			options: [
				{ name: 'Accounts', value: 'accounts' },
				{ name: 'Departments', value: 'departments' },
				{ name: 'Mail Lists', value: 'mailLists' },
			],
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'items',
			options: [
				{
					name: 'CSV File',
					value: 'csv',
					description: 'One item holding the file, UTF-8 with BOM',
				},
				{
					name: 'Items',
					value: 'items',
					description: 'One item per department, account or mail list',
				},
			],
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { output: ['csv'] } },
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: 'address-book.csv',
			displayOptions: { show: { output: ['csv'] } },
		},
	],
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const parts = item.param<Part[]>('include', []);
		if (parts.length === 0) {
			throw item.field('include').invalid('is empty', 'Choose what to export.');
		}
		const include = {
			accounts: parts.includes('accounts'),
			departments: parts.includes('departments'),
			mailLists: parts.includes('mailLists'),
		};
		const file =
			item.param('output') === 'csv'
				? { property: item.text('binaryPropertyName'), name: fileNameOf(item) }
				: undefined;
		return { domain: await defaultDomain.call(this), include, file };
	},

	async execute(this: IExecuteFunctions, { domain, include, file }: Input, item: Item) {
		const snapshot = await loadAddressBook.call(this, domain, item.index, include.mailLists);
		const rows = snapshotRows(snapshot, include);
		if (!file) return rows;
		const bytes = encodeCsvBytes(toCsv([...EXPORT_COLUMNS], rows));
		const binary = await this.helpers.prepareBinaryData(Buffer.from(bytes), file.name, 'text/csv');
		const counted = (type: string) => rows.filter((row) => row.type === type).length;
		return new FileItem(
			{
				fileName: file.name,
				departments: counted('department'),
				accounts: counted('account'),
				mailLists: counted('mailList'),
			},
			{ [file.property]: binary },
		);
	},
};
