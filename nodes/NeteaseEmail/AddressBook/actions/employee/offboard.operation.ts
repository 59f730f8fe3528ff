import type { IExecuteFunctions } from 'n8n-workflow';

import { accountLocator, departmentLocator } from '../../../shared/descriptions/locators';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { Leaver } from '../../helpers/employee/leaver';
import {
	AFTER_SUSPENDING,
	FIND_BY,
	MAX_WAIT_SECONDS,
	readLeaver,
} from '../../helpers/employee/leaver';
import { offboard as runOffboarding } from '../../helpers/employee/offboardSteps';

export const offboard: Operation<Leaver> = {
	value: 'offboard',
	name: 'Offboard',
	action: 'Offboard an employee',
	description:
		"Take one leaver out, found by account or job number: sets an auto-reply, forwards new mail to the successor and hands the mailbox's mail over to them, removes the account from every mail list, revokes its logins, suspends it, then deletes it (recoverable) if asked. Changes the account and can delete it; refuses accounts outside the Allowed Department Root before sending anything; safe to re-run: steps already done report so.",
	properties: [
		{
			displayName: 'Find By',
			name: 'findBy',
			type: 'options',
			default: 'account',
			options: FIND_BY,
		},
		accountLocator({
			displayName: 'Account',
			description: 'The account of the person leaving',
			displayOptions: { show: { findBy: ['account'] } },
		}),
		{
			displayName: 'Job Number',
			name: 'jobNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. E10086',
			displayOptions: { show: { findBy: ['jobNumber'] } },
		},
		accountLocator({
			displayName: 'Successor',
			name: 'successor',
			required: false,
			description:
				'The active colleague who receives the forwarded mail and a copy of the mailbox; empty: no forwarding and no hand-over',
		}),
		{
			displayName: 'Auto-Reply Text',
			name: 'autoReply',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'e.g. 张三已离职，请联系 li.si@example.com',
			description: 'The automatic reply the mailbox sends from now on; empty: leave it as it is',
		},
		{
			displayName: 'Forward to Successor',
			name: 'forwardToSuccessor',
			type: 'boolean',
			default: true,
			description: 'Whether new mail is forwarded to the successor (only with a Successor)',
		},
		{
			displayName: 'Hand Over Mail',
			name: 'handOverMail',
			type: 'boolean',
			default: true,
			description:
				"Whether a copy of every message goes to the successor's inbox before the account is suspended (only with a Successor)",
		},
		{
			displayName: 'Hand-Over Max Wait (Seconds)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_WAIT_SECONDS },
			default: 60,
			description:
				'How long to wait for the hand-over to complete. Suspension and deletion wait for it: if it is still running then, they are left for a re-run.',
		},
		{
			displayName: 'After Suspending',
			name: 'afterSuspending',
			type: 'options',
			default: 'leaveSuspended',
			options: AFTER_SUSPENDING,
		},
		departmentLocator({
			displayName: 'Allowed Department Root',
			name: 'allowedDepartmentRoot',
			required: false,
			default: { mode: 'path', value: '' },
			description:
				'Only accounts in this department or below may be offboarded; any other is refused before anything is sent. Empty: any account.',
		}),
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return await readLeaver.call(this, item);
	},

	async execute(this: IExecuteFunctions, leaver: Leaver, item: Item) {
		return await runOffboarding.call(this, leaver, item);
	},
};
