import { mailContentOf } from './mail';
import { accountChanged } from './orgEvents';
import type { Runtime } from './runtime';
import type { Account, HandOverTask, OrgState } from './state';

/**
 * Inferred `handOverMail`: the leaver's status becomes 5 (交接中) at once; `handOverMs` later
 * (config; 0 = before the call answers) every message the leaver had when it started and still
 * has is copied into the successor's inbox, read, its subject prefixed `[交接:<leaver>] `, and the
 * status becomes 6 (交接完成). Both status changes are account UPDATEs (revision, `orgevent`).
 * A reset, a new identity or closing the sandbox cancels a pending completion.
 */
export function startHandOver(
	rt: Runtime,
	leaver: Account,
	successor: Account,
): { taskId: string } {
	const { state } = rt;
	const task: HandOverTask = {
		taskId: state.nextHandOverTaskId(),
		accountName: leaver.accountName,
		targetAccountName: successor.accountName,
		state: 'handingOver',
		mids: (state.mailboxes.get(leaver.accountName) ?? []).map((message) => message.mid),
		copied: 0,
		startedAt: rt.now(),
		completedAt: null,
	};
	state.handOvers.set(leaver.accountName, task);
	leaver.status = 5;
	accountChanged(rt, 'UPDATE', leaver);
	const delay = rt.config.handOverMs;
	if (delay > 0) rt.schedule(delay, () => completeHandOver(rt, task));
	else completeHandOver(rt, task);
	return { taskId: task.taskId };
}

function completeHandOver(rt: Runtime, task: HandOverTask): void {
	const { state } = rt;
	// The leaver was deleted for good meanwhile: nothing left to hand over.
	if (state.handOvers.get(task.accountName) !== task) return;
	const source = state.mailboxes.get(task.accountName) ?? [];
	if (state.mailboxes.has(task.targetAccountName)) {
		for (const mid of task.mids) {
			const message = source.find((candidate) => candidate.mid === mid);
			if (!message) continue;
			state.addMessage(task.targetAccountName, {
				...mailContentOf(message),
				subject: `[交接:${task.accountName}] ${message.subject}`,
				fid: 1,
				read: true,
				bcc: [],
			});
			task.copied++;
		}
	}
	task.state = 'handedOver';
	task.completedAt = rt.now();
	const leaver = state.accounts.get(task.accountName);
	if (leaver) {
		leaver.status = 6;
		accountChanged(rt, 'UPDATE', leaver);
	}
}

/** `getHandOverStatus`; `state: 'none'` (and nulls, zeros) for an account never handed over. */
export function handOverStatus(state: OrgState, account: Account) {
	const task = state.handOvers.get(account.accountName);
	return {
		state: task?.state ?? 'none',
		status: account.status,
		targetAccountName: task?.targetAccountName ?? null,
		copied: task?.copied ?? 0,
		total: task?.mids.length ?? 0,
		taskId: task?.taskId ?? null,
	};
}
