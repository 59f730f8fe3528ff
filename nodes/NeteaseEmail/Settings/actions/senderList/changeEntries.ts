import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { itemField } from '../../../shared/helpers/validation';
import { apiRequest } from '../../../shared/transport';
import type { AccountRun } from '../../helpers/perAccount';
import { dryRunProperty, forEachTargetAccount, readAccountRun } from '../../helpers/perAccount';
import { targetProperties } from '../../helpers/targets';
import type { ListType } from './senderLists';
import {
	entriesProperty,
	listProperty,
	MAX_ENTRIES,
	readEntries,
	readList,
	readListType,
} from './senderLists';

interface Input extends AccountRun {
	list: ListType;
	entries: string[];
}

/** How Add and Remove differ: which entries they act on, what they call it, and the write. */
interface Change {
	value: 'add' | 'remove';
	name: string;
	action: string;
	description: string;
	endpoint: 'senderList.add' | 'senderList.remove';
	/** Output keys: the entries acted on, and those already as wanted. */
	acted: 'added' | 'removed';
	skipped: 'alreadyThere' | 'notThere';
	/** Whether the entry is acted on, given whether the list holds it. */
	actsOn: (held: boolean) => boolean;
}

/**
 * Add or Remove: per account, reads the list, writes only the entries that change it (none → no
 * write) and reports which ones did and which were already as wanted.
 */
function changeEntries(change: Change): Operation<Input> {
	return {
		value: change.value,
		name: change.name,
		action: change.action,
		description: change.description,
		properties: [listProperty, entriesProperty, ...targetProperties(true), dryRunProperty],

		async prepare(this: IExecuteFunctions, item: Item) {
			const list = readListType(item);
			const entries = readEntries(item);
			return { list, entries, ...(await readAccountRun.call(this, item)) };
		},

		async execute(this: IExecuteFunctions, { targets, dryRun, list, entries }: Input, item: Item) {
			const i = item.index;
			return await forEachTargetAccount.call(this, targets, i, async (address) => {
				const current = await readList.call(this, address, list, i);
				const held = new Set(current.map((entry) => entry.toLowerCase()));
				const acted = entries.filter((entry) => change.actsOn(held.has(entry)));
				const result = {
					email: address.email,
					list,
					[change.acted]: acted,
					[change.skipped]: entries.filter((entry) => !change.actsOn(held.has(entry))),
				};
				if (acted.length === 0) return { ...result, outcome: 'unchanged' };
				if (change.value === 'add' && current.length + acted.length > MAX_ENTRIES) {
					throw itemField(this.getNode(), i, 'Entries').invalid(
						`would give ${address.email} ${current.length + acted.length} entries in its ${list} list`,
						`A list holds at most ${MAX_ENTRIES} entries: remove some first, or use @domain entries.`,
					);
				}
				if (dryRun) return { ...result, outcome: 'wouldChange' };
				const body = {
					domain: address.domain,
					accountName: address.accountName,
					listType: list,
					entries: acted.join(','),
				};
				await apiRequest.call(this, change.endpoint, body, { itemIndex: i });
				return { ...result, outcome: 'changed' };
			});
		},
	};
}

export const add = changeEntries({
	value: 'add',
	name: 'Add',
	action: 'Add entries to a sender list',
	description:
		'Add senders to the black or white list where they are not yet; a dry run sends nothing',
	endpoint: 'senderList.add',
	acted: 'added',
	skipped: 'alreadyThere',
	actsOn: (held) => !held,
});

export const remove = changeEntries({
	value: 'remove',
	name: 'Remove',
	action: 'Remove entries from a sender list',
	description:
		'Remove senders from the black or white list where they are; a dry run sends nothing',
	endpoint: 'senderList.remove',
	acted: 'removed',
	skipped: 'notThere',
	actsOn: (held) => held,
});
