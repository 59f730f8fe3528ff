import type { IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ACCOUNT_STATUS, DELETED_STATUS, findAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { tryApiRequest } from '../../../shared/transport';
import type { HandOverStatus } from './handOverStatus';
import { readHandOverStatus } from './handOverStatus';
import { mailboxLocator, resolveMailbox } from '../../helpers/mailbox';

interface Input {
	leaver: AccountAddress;
	successor: AccountAddress;
	/** How long to wait for the copy to complete; 0 = do not wait. */
	maxWaitMs: number;
}

const ACTIVE_STATUS = 0;
const MAX_WAIT_SECONDS = 3600;
const FIRST_POLL_MS = 500;
const LONGEST_POLL_MS = 5000;

/** Checks the successor in prepare: an existing, active account other than the leaver. */
async function checkedSuccessor(
	this: IExecuteFunctions,
	item: Item,
	leaver: AccountAddress,
): Promise<AccountAddress> {
	const successor = await resolveMailbox.call(this, item, 'successor');
	const field = item.field('successor');
	if (successor.email === leaver.email) {
		throw field.invalid(
			`"${successor.email}" is the mailbox being handed over`,
			'Choose the colleague who takes over the mail, not the person leaving.',
		);
	}
	const account = await findAccount.call(this, successor, item.index);
	if (!account) {
		throw field.invalid(
			`"${successor.email}" does not exist`,
			'Pick the successor from the list, or check the address.',
		);
	}
	const status = Number(account.status ?? ACTIVE_STATUS);
	if (status !== ACTIVE_STATUS) {
		throw field.invalid(
			`"${successor.email}" is not active (${ACCOUNT_STATUS[status] ?? `status ${status}`})`,
			'The successor must be an active account: unsuspend it, or choose another colleague.',
		);
	}
	return successor;
}

function maxWaitOf(item: Item): number {
	if (item.param<unknown>('waitForCompletion', false) !== true) return 0;
	const seconds = Number(item.param('maxWait', 60));
	if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_WAIT_SECONDS) {
		throw item
			.field('maxWait')
			.invalid(
				`"${String(item.param('maxWait', ''))}" is not between 1 and ${MAX_WAIT_SECONDS} seconds`,
				'Give the number of seconds to wait, e.g. 60; a hand-over still running then is output as handingOver.',
			);
	}
	return seconds * 1000;
}

/** Polls the status until the copy is complete or `maxWaitMs` has passed. */
async function awaitCompletion(
	this: IExecuteFunctions,
	leaver: AccountAddress,
	status: HandOverStatus,
	maxWaitMs: number,
	itemIndex: number,
): Promise<HandOverStatus> {
	const deadline = Date.now() + maxWaitMs;
	let interval = FIRST_POLL_MS;
	while (status.state === 'handingOver') {
		const remaining = deadline - Date.now();
		if (remaining <= 0) break;
		await sleep(Math.min(interval, remaining));
		interval = Math.min(interval * 2, LONGEST_POLL_MS);
		status = await readHandOverStatus.call(this, leaver, itemIndex);
	}
	return status;
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
		const successor = await checkedSuccessor.call(this, item, leaver);
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
		const i = item.index;
		const read = async () => await readHandOverStatus.call(this, leaver, i);
		const output = async (status: HandOverStatus, started: boolean, taskId = status.taskId) => {
			const now = await awaitCompletion.call(this, leaver, status, maxWaitMs, i);
			return {
				email: leaver.email,
				successor: now.successor ?? successor.email,
				taskId: taskId ?? now.taskId,
				// Once the platform took the task, it is under way even if the status lags behind.
				state: started && now.state === 'none' ? 'handingOver' : now.state,
				copied: now.copied,
				total: now.total,
				started,
			};
		};

		const before = await read();
		if (before.state !== 'none') return await output(before, false);

		const answer = await tryApiRequest.call(
			this,
			'mailbox.handOver',
			{
				domain: leaver.domain,
				accountName: leaver.accountName,
				targetAccountName: successor.accountName,
			},
			{
				itemIndex: i,
				// There was no hand-over before: one to this successor now is this call's doing.
				verify: async () => {
					const now = await read();
					const applied = now.state !== 'none' && now.successor === successor.email;
					return applied ? { taskId: now.taskId } : undefined;
				},
			},
		);
		if ('refusal' in answer) {
			// Started meanwhile by another item or execution: report that one, not started here.
			if (answer.refusal.marker !== 'ACCOUNT.HANDOVER.EXIST') throw answer.refusal.error;
			return await output(await read(), false);
		}
		const taskId = answer.data?.taskId ? String(answer.data.taskId) : undefined;
		return await output(await read(), true, taskId);
	},
};
