import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { DELETED_STATUS, findAccount, resolveAccount } from '../../../shared/directory/accounts';
import type { Department } from '../../../shared/directory/departments';
import { getDepartments, optionalDepartmentParam } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { AccountAddress, Field } from '../../../shared/helpers/validation';
import {
	numberOf,
	optionalText,
	parseAccountAddress,
	textOf,
	validateBoolean,
	validateChoice,
} from '../../../shared/helpers/validation';
import { checkSuccessor } from '../../../shared/mailbox/handOver';
import { defaultDomain } from '../../../shared/transport';
import { accountAddress, accountsWithJobNumber } from './accountNaming';

export const MAX_WAIT_SECONDS = 3600;

export const FIND_BY = [
	{ name: 'Account', value: 'account' },
	{ name: 'Job Number', value: 'jobNumber' },
];

export const AFTER_SUSPENDING = [
	{
		name: 'Delete Now (Recoverable)',
		value: 'delete',
		description: 'Delete the account; Account → Restore brings it back',
	},
	{
		name: 'Leave Suspended',
		value: 'leaveSuspended',
		description: 'Keep the account suspended; run Offboard again with Delete Now later',
	},
];

/** Who leaves and what to do for them, checked. */
export interface Leaver {
	address: AccountAddress;
	name: string;
	successor?: AccountAddress;
	autoReply?: string;
	forward: boolean;
	handOver: boolean;
	maxWaitMs: number;
	deleteAfter: boolean;
}

/** The account by job number: one that is not deleted, else the only (deleted) one. */
async function byJobNumber(
	this: IExecuteFunctions,
	item: Item,
	domain: string,
): Promise<IDataObject> {
	const field = item.field('jobNumber');
	const jobNumber = item.text('jobNumber', 64);
	const held = await accountsWithJobNumber.call(this, domain, jobNumber, item.index);
	const live = held.filter((account) => Number(account.status) !== DELETED_STATUS);
	const candidates = live.length ? live : held;
	if (candidates.length === 1) return candidates[0];
	if (candidates.length === 0) {
		throw field.invalid(
			`"${jobNumber}" matches no account`,
			'Check the job number, or find the person by Account instead.',
		);
	}
	const emails = candidates.map((account) => accountAddress(account, domain).email).join(', ');
	throw field.invalid(
		`"${jobNumber}" is held by ${candidates.length} accounts (${emails})`,
		'Find the person by Account instead.',
	);
}

async function leavingAccount(
	this: IExecuteFunctions,
	item: Item,
	domain: string,
): Promise<{ account: IDataObject; field: Field }> {
	const by = validateChoice(item.field('findBy'), item.param('findBy', 'account'), FIND_BY);
	if (by === 'jobNumber') {
		return { account: await byJobNumber.call(this, item, domain), field: item.field('jobNumber') };
	}
	const address = await resolveAccount.call(this, item);
	const account = await findAccount.call(this, address, item.index);
	if (!account) {
		throw item
			.field('account')
			.invalid(
				`"${address.email}" does not exist`,
				'Pick the account from the list, or check the address.',
			);
	}
	return { account, field: item.field('account') };
}

/** Refuses, before anything is sent, an account outside the Allowed Department Root. */
async function checkDepartmentRoot(
	this: IExecuteFunctions,
	item: Item,
	account: IDataObject,
	field: Field,
	domain: string,
): Promise<void> {
	const root: Department | undefined = await optionalDepartmentParam.call(
		this,
		item,
		'allowedDepartmentRoot',
		domain,
	);
	if (!root) return;
	const directory = await getDepartments.call(this, domain, item.index);
	const unitId = String(account.unitId ?? (account.unitList as string[] | undefined)?.[0] ?? '');
	const department = directory.get(unitId);
	if (department && directory.subtree(root.id).some(({ id }) => id === department.id)) return;
	const email = accountAddress(account, domain).email;
	throw field.invalid(
		`leads to ${email} in ${department?.path || 'the default department'}, outside the Allowed Department Root "${root.path}"`,
		`This node offboards only accounts in ${root.path} or below: check that this is the right person, or change the Allowed Department Root.`,
	);
}

function maxWaitOf(item: Item): number {
	const value = item.param<unknown>('maxWait', 60);
	const seconds = numberOf(value);
	if (seconds === undefined || seconds < 0 || seconds > MAX_WAIT_SECONDS) {
		throw item
			.field('maxWait')
			.invalid(
				`"${String(value)}" is not between 0 and ${MAX_WAIT_SECONDS} seconds`,
				'Give how long to wait for the hand-over to complete, e.g. 60; suspension and deletion wait for it.',
			);
	}
	return seconds * 1000;
}

/** Reads and checks one offboarding; looks the accounts up, writes nothing. */
export async function readLeaver(this: IExecuteFunctions, item: Item): Promise<Leaver> {
	const domain = await defaultDomain.call(this);
	const { account, field } = await leavingAccount.call(this, item, domain);
	const address = accountAddress(account, domain);
	await checkDepartmentRoot.call(this, item, account, field, domain);

	const successorValue = textOf(
		item.field('successor'),
		item.param<INodeParameterResourceLocator | undefined>('successor')?.value ?? '',
	).trim();
	const forward = validateBoolean(
		item.field('forwardToSuccessor'),
		item.param('forwardToSuccessor', true),
	);
	const handOver = validateBoolean(item.field('handOverMail'), item.param('handOverMail', true));
	const successor =
		successorValue && (forward || handOver)
			? await checkSuccessor.call(
					this,
					item.field('successor'),
					parseAccountAddress(item.field('successor'), successorValue, domain),
					address,
					item.index,
				)
			: undefined;
	const deleteAfter =
		validateChoice(
			item.field('afterSuspending'),
			item.param('afterSuspending', 'leaveSuspended'),
			AFTER_SUSPENDING,
		) === 'delete';
	return {
		address,
		name: String(account.name ?? ''),
		successor,
		autoReply: optionalText(
			item.field('autoReply'),
			item.param('autoReply', ''),
			10000,
			'multiline',
		),
		forward: forward && successor !== undefined,
		handOver: handOver && successor !== undefined,
		maxWaitMs: maxWaitOf(item),
		deleteAfter,
	};
}
