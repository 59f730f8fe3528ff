import type { IDataObject } from 'n8n-workflow';

import { ACCOUNT_STATUS } from '../directory/accounts';
import type { AccountAddress } from '../helpers/validation';
import type { ApiContext } from '../transport';
import { apiRequest } from '../transport';

export type HandOverState = 'none' | 'handingOver' | 'handedOver';

/** Where a mailbox's hand-over stands, as `mailbox.handOverStatus` tells it. */
export interface HandOverStatus {
	state: HandOverState;
	/** The leaver's account status in words (`handoverInProgress` = 交接中, `handoverComplete` = 交接完成). */
	status: string;
	/** The successor's address, null when no hand-over was started. */
	successor: string | null;
	copied: number;
	total: number;
	taskId: string | null;
}

const HANDING_OVER = 5;
const HANDED_OVER = 6;

function stateOf(data: IDataObject, status: number): HandOverState {
	if (data.state === 'handingOver' || data.state === 'handedOver' || data.state === 'none')
		return data.state;
	// Without a state, the account status tells the same (reference §10.1).
	if (status === HANDING_OVER) return 'handingOver';
	return status === HANDED_OVER ? 'handedOver' : 'none';
}

export async function readHandOverStatus(
	this: ApiContext,
	leaver: AccountAddress,
	itemIndex: number,
): Promise<HandOverStatus> {
	const data =
		(await apiRequest.call(
			this,
			'mailbox.handOverStatus',
			{ domain: leaver.domain, accountName: leaver.accountName },
			{ itemIndex },
		)) ?? {};
	const status = Number(data.status ?? 0);
	const target = typeof data.targetAccountName === 'string' ? data.targetAccountName : '';
	return {
		state: stateOf(data, status),
		status: ACCOUNT_STATUS[status] ?? `status ${status}`,
		successor: target ? `${target}@${leaver.domain}` : null,
		copied: Number(data.copied ?? 0),
		total: Number(data.total ?? 0),
		taskId: data.taskId ? String(data.taskId) : null,
	};
}
