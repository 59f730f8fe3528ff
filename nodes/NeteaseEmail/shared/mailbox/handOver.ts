import { sleep } from 'n8n-workflow';

import { ACCOUNT_STATUS, findAccount } from '../directory/accounts';
import type { AccountAddress, Field } from '../helpers/validation';
import type { ApiContext } from '../transport';
import { tryApiRequest } from '../transport';
import type { HandOverStatus } from './handOverStatus';
import { readHandOverStatus } from './handOverStatus';

export type { HandOverState, HandOverStatus } from './handOverStatus';
export { readHandOverStatus } from './handOverStatus';

const ACTIVE_STATUS = 0;
const FIRST_POLL_MS = 500;
const LONGEST_POLL_MS = 5000;

/** Checks a successor before anything is sent: an existing, active account other than the leaver. */
export async function checkSuccessor(
	this: ApiContext,
	field: Field,
	successor: AccountAddress,
	leaver: AccountAddress,
	itemIndex: number,
): Promise<AccountAddress> {
	if (successor.email === leaver.email) {
		throw field.invalid(
			`"${successor.email}" is the mailbox being handed over`,
			'Choose the colleague who takes over the mail, not the person leaving.',
		);
	}
	const account = await findAccount.call(this, successor, itemIndex);
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

/** Polls the status until the copy is complete or `maxWaitMs` has passed. */
export async function awaitHandOver(
	this: ApiContext,
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

export interface HandOverStart {
	/** Whether this call started it; false when a hand-over had been started before. */
	started: boolean;
	status: HandOverStatus;
	taskId: string | null;
}

/**
 * Starts handing the leaver's mail over to the successor, unless a hand-over was started before
 * (by anyone, to anyone): then that one is reported, not started again. A lost answer is checked
 * against the status, so it never turns into a second hand-over.
 */
export async function startHandOver(
	this: ApiContext,
	leaver: AccountAddress,
	successor: AccountAddress,
	itemIndex: number,
): Promise<HandOverStart> {
	const read = async () => await readHandOverStatus.call(this, leaver, itemIndex);
	const before = await read();
	if (before.state !== 'none') return { started: false, status: before, taskId: before.taskId };

	const answer = await tryApiRequest.call(
		this,
		'mailbox.handOver',
		{
			domain: leaver.domain,
			accountName: leaver.accountName,
			targetAccountName: successor.accountName,
		},
		{
			itemIndex,
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
		const now = await read();
		return { started: false, status: now, taskId: now.taskId };
	}
	const status = await read();
	const taskId = answer.data?.taskId ? String(answer.data.taskId) : status.taskId;
	return { started: true, status, taskId };
}

/** The state to report: once the platform took a task, it is under way even if the status lags. */
export function reportedState({ started }: HandOverStart, now: HandOverStatus) {
	return started && now.state === 'none' ? 'handingOver' : now.state;
}
