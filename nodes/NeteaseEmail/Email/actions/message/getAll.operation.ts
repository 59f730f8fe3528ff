import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	limitOf,
	optionsCollection,
	returnAllProperties,
	simplifyOption,
	wantsSimplified,
} from '../../../shared/descriptions/options';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { FOLDER_OPTIONS, mailboxLocator, parseFolder, resolveMailbox } from '../../helpers/mailbox';
import { simplifySummary } from '../../helpers/messageOutput';
import { listPage } from '../../helpers/messages';
import type { MessageFilter } from './messageFilter';
import { filterProperty, matches, readFilter, sentDate } from './messageFilter';

interface Input {
	mailbox: AccountAddress;
	fids: number[];
	filter: MessageFilter;
	limit?: number;
	simplify: boolean;
}

/** Messages per `listMessages` page. */
const PAGE_SIZE = 100;

export const getAll: Operation<Input> = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many messages',
	description: "List the messages of a mailbox's folders, newest first, optionally filtered",
	properties: [
		mailboxLocator({ description: 'The mailbox to read' }),
		{
			displayName: 'Folders',
			name: 'folders',
			type: 'multiOptions',
			default: [1],
			options: FOLDER_OPTIONS,
		},
		filterProperty,
		...returnAllProperties,
		optionsCollection([simplifyOption]),
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const mailbox = await resolveMailbox.call(this, item);
		const folders = item.param<unknown>('folders', []);
		const list = Array.isArray(folders)
			? folders
			: String(folders ?? '')
					.split(',')
					.filter((folder) => folder.trim());
		if (list.length === 0) {
			throw item.field('folders').invalid('is empty', 'Choose at least one folder.');
		}
		const fids = [...new Set(list.map((folder) => parseFolder(item.field('folders'), folder)))];
		return {
			mailbox,
			fids,
			filter: readFilter(item, this.getTimezone()),
			limit: limitOf(item),
			simplify: wantsSimplified(item),
		};
	},

	async execute(
		this: IExecuteFunctions,
		{ mailbox, fids, filter, limit, simplify }: Input,
		item: Item,
	) {
		const found = new Map<string, IDataObject>();
		// Newest first: once a whole page is older than Received After, no later page can match.
		for (let pageNum = 1; limit === undefined || found.size < limit; pageNum++) {
			const page = await listPage.call(this, mailbox, fids, pageNum, PAGE_SIZE, item.index);
			for (const message of page) {
				// A message arriving during the walk shifts the pages: one seen already is skipped.
				if (!matches(message, filter) || found.has(String(message.mid))) continue;
				found.set(String(message.mid), message);
				if (limit !== undefined && found.size >= limit) break;
			}
			const after = filter.receivedAfter;
			const pastRange =
				after !== undefined &&
				page.length > 0 &&
				page.every((message) => sentDate(message) < after);
			if (page.length < PAGE_SIZE || pastRange) break;
		}
		const messages = [...found.values()];
		return simplify ? messages.map(simplifySummary) : messages;
	},
};
