import type { IExecuteFunctions } from 'n8n-workflow';

import { DELETED_STATUS, findAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { numberOf } from '../../../shared/helpers/validation';
import {
	awaitHandOver,
	checkSuccessor,
	reportedState,
	startHandOver,
} from '../../../shared/mailbox/handOver';
import { mailboxLocator, resolveMailbox } from '../../helpers/mailbox';

interface Input {
	leaver: AccountAddress;
	successor: AccountAddress;
	/** How long to wait for the copy to complete; 0 = do not wait. */
	maxWaitMs: number;
}

const MAX_WAIT_SECONDS = 3600;

function maxWaitOf(item: Item): number {
	if (item.param<unknown>('waitForCompletion', false) !== true) return 0;
	const value = item.param<unknown>('maxWait', 60);
	const seconds = numberOf(value);
	if (seconds === undefined || seconds <= 0 || seconds > MAX_WAIT_SECONDS) {
		throw item
			.field('maxWait')
			.invalid(
				`"${String(value)}" is not between 1 and ${MAX_WAIT_SECONDS} seconds`,
				'Give the number of seconds to wait, e.g. 60; a hand-over still running then is output as handingOver.',
			);
	}
	return seconds * 1000;
}

export const handOver: Operation<Input> = {
	value: 'handOver',
	name: 'Hand Over',
	action: "Hand over a leaver's mailbox",
	description: "Copy every message of a leaver's mailbox into a successor's inbox",
	properties: [
		mailboxLocator({ description: 'The mailbox of the person leaving, whose mail is copied' }),
		mailboxLocator({
			displayName: 'Successor',
			name: 'successor',
			description:
				'The active account whose inbox receives a copy of every message, marked read, with the subject prefixed "[交接:<leaver>]"',
		}),
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until every message is copied before going on. Off: the node finishes once the hand-over has started.',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS },
			default: 60,
			description:
				'How long to wait for the copy to complete; a hand-over still running then is output with state "handingOver"',
			displayOptions: { show: { waitForCompletion: [true] } },
		},
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const leaver = await resolveMailbox.call(this, item);
		const maxWaitMs = maxWaitOf(item);
		const successor = await checkSuccessor.call(
			this,
			item.field('successor'),
			await resolveMailbox.call(this, item, 'successor'),
			leaver,
			item.index,
		);
		const account = await findAccount.call(this, leaver, item.index);
		if (!account || Number(account.status) === DELETED_STATUS) {
			throw item
				.field('mailbox')
				.invalid(
					`"${leaver.email}" ${account ? 'is deleted' : 'does not exist'}`,
					account
						? 'Hand the mail over before deleting the account, or restore it with Account → Restore first.'
						: 'Pick the mailbox from the list, or check the address.',
				);
		}
		return { leaver, successor, maxWaitMs };
	},

	async execute(this: IExecuteFunctions, { leaver, successor, maxWaitMs }: Input, item: Item) {
		const start = await startHandOver.call(this, leaver, successor, item.index);
		const now = await awaitHandOver.call(this, leaver, start.status, maxWaitMs, item.index);
		return {
			email: leaver.email,
			successor: now.successor ?? successor.email,
			taskId: start.taskId ?? now.taskId,
			state: reportedState(start, now),
			copied: now.copied,
			total: now.total,
			started: start.started,
		};
	},
};
