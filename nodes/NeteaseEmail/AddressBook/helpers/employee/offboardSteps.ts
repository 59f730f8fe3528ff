import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DELETED_STATUS, findAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import { changesOf } from '../../../shared/helpers/changes';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { awaitHandOver, reportedState, startHandOver } from '../../../shared/mailbox/handOver';
import { autoReplyIo } from '../../../shared/settings/autoReply';
import { forwardingIo } from '../../../shared/settings/forwarding';
import { LOGIN_CHANNELS, loginPermissionsIo } from '../../../shared/settings/loginPermissions';
import type { SettingIo } from '../../../shared/settings/settingIo';
import { apiRequest, apiRequestAllItems } from '../../../shared/transport';
import { listField } from '../../actions/mailList/mailLists';
import type { Leaver } from './leaver';
import type { StepOutcome } from './steps';
import { StepRun } from './steps';

const SUSPENDED = 1;

/** Sets a per-account setting to `wanted` where it differs: `set` with the changes, or `unchanged`. */
async function ensureSetting(
	this: IExecuteFunctions,
	io: SettingIo<IDataObject>,
	address: AccountAddress,
	wanted: IDataObject,
	itemIndex: number,
): Promise<StepOutcome> {
	const current = await io.read.call(this, address, itemIndex);
	const changes = changesOf(current, wanted);
	if (Object.keys(changes).length === 0) return { result: 'unchanged' };
	await io.write.call(this, address, wanted, current, itemIndex);
	return { result: 'set', changes };
}

async function handOverMail(
	this: IExecuteFunctions,
	leaver: Leaver,
	itemIndex: number,
): Promise<StepOutcome> {
	const successor = leaver.successor!;
	const start = await startHandOver.call(this, leaver.address, successor, itemIndex);
	const now = await awaitHandOver.call(
		this,
		leaver.address,
		start.status,
		leaver.maxWaitMs,
		itemIndex,
	);
	const state = reportedState(start, now);
	const details = {
		state,
		successor: now.successor ?? successor.email,
		copied: now.copied,
		total: now.total,
		taskId: start.taskId ?? now.taskId,
	};
	if (start.started)
		return { result: state === 'handedOver' ? 'handedOver' : 'started', ...details };
	return { result: state === 'handedOver' ? 'alreadyDone' : 'inProgress', ...details };
}

/** Takes the address off every mail list that has it as a member. */
async function leaveMailLists(
	this: IExecuteFunctions,
	address: AccountAddress,
	itemIndex: number,
): Promise<StepOutcome> {
	const lists = await apiRequestAllItems.call(
		this,
		'mailList.list',
		{ domain: address.domain },
		{ itemIndex },
	);
	const holding = lists.filter((list) =>
		listField(list.members).some((member) => member.toLowerCase() === address.email),
	);
	const removedFrom: string[] = [];
	for (const list of holding) {
		const accountName = String(list.accountName);
		const body = { domain: address.domain, accountName, members: address.email };
		await apiRequest.call(this, 'mailList.removeMembers', body, { itemIndex });
		removedFrom.push(String(list.email ?? `${accountName}@${address.domain}`));
	}
	return removedFrom.length ? { result: 'removed', removedFrom } : { result: 'unchanged' };
}

async function revokeLogins(
	this: IExecuteFunctions,
	address: AccountAddress,
	itemIndex: number,
): Promise<StepOutcome> {
	const wanted = Object.fromEntries(LOGIN_CHANNELS.map(({ field }) => [field, false]));
	const outcome = await ensureSetting.call(this, loginPermissionsIo, address, wanted, itemIndex);
	if (outcome.result === 'unchanged') return outcome;
	return { result: 'revoked', channels: Object.keys(outcome.changes as IDataObject) };
}

/**
 * Sends a status change (suspend or delete) unless the account already shows it; a lost answer is
 * settled by reading the status back.
 */
async function changeStatus(
	this: IExecuteFunctions,
	address: AccountAddress,
	endpoint: 'account.suspend' | 'account.deleteRecoverable',
	reached: (status: number) => boolean,
	itemIndex: number,
): Promise<boolean> {
	const statusNow = async () => Number((await findAccount.call(this, address, itemIndex))?.status);
	if (reached(await statusNow())) return false;
	const body = { domain: address.domain, accountName: address.accountName };
	const verify = async () => (reached(await statusNow()) ? {} : undefined);
	await apiRequest.call(this, endpoint, body, { itemIndex, verify });
	return true;
}

const WAITING = 'The mail hand-over is still running: run Offboard again once it has completed';

/** Runs the offboarding steps of one account in order; the output item reports each. */
export async function offboard(
	this: IExecuteFunctions,
	leaver: Leaver,
	item: Item,
): Promise<IDataObject> {
	const i = item.index;
	const { address, successor } = leaver;
	const run = new StepRun(this.getNode(), 'Offboard', i);

	if (leaver.autoReply !== undefined) {
		const wanted = { enabled: true, content: leaver.autoReply };
		await run.step(
			'autoReply',
			async () => await ensureSetting.call(this, autoReplyIo, address, wanted, i),
		);
	} else run.skip('autoReply', 'No auto-reply text given');

	if (leaver.forward) {
		const wanted = { enabled: true, forwardTo: [successor!.email] };
		await run.step(
			'forwarding',
			async () => await ensureSetting.call(this, forwardingIo, address, wanted, i),
		);
	} else run.skip('forwarding', successor ? 'Forward to Successor is off' : 'No successor given');

	let handOverRunning = false;
	if (leaver.handOver) {
		const outcome = await run.step(
			'handOver',
			async () => await handOverMail.call(this, leaver, i),
		);
		handOverRunning = outcome.state === 'handingOver';
	} else run.skip('handOver', successor ? 'Hand Over Mail is off' : 'No successor given');

	await run.step('mailLists', async () => await leaveMailLists.call(this, address, i));
	await run.step('loginPermissions', async () => await revokeLogins.call(this, address, i));

	// Suspending or deleting during the copy could cut it short: both wait for it to complete.
	if (handOverRunning) run.note('suspend', { result: 'waiting', reason: WAITING });
	else {
		await run.step('suspend', async () => {
			const reached = (status: number) => status === SUSPENDED || status === DELETED_STATUS;
			const sent = await changeStatus.call(this, address, 'account.suspend', reached, i);
			return { result: sent ? 'suspended' : 'alreadyDone' };
		});
	}

	if (!leaver.deleteAfter) run.skip('delete', 'After Suspending is Leave Suspended');
	else if (handOverRunning) run.note('delete', { result: 'waiting', reason: WAITING });
	else {
		await run.step('delete', async () => {
			const reached = (status: number) => status === DELETED_STATUS;
			const sent = await changeStatus.call(this, address, 'account.deleteRecoverable', reached, i);
			return { result: sent ? 'deleted' : 'alreadyDone', recoverable: true };
		});
	}

	return {
		email: address.email,
		accountName: address.accountName,
		name: leaver.name,
		successor: successor?.email ?? null,
		changed: run.changed,
		complete: !handOverRunning,
		steps: run.steps,
	};
}
