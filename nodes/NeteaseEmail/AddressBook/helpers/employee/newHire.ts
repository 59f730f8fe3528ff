import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ACCOUNT_STATUS, DELETED_STATUS, findAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { NamingRule } from '../../../shared/helpers/pinyin';
import { NAMING_RULES } from '../../../shared/helpers/pinyin';
import type { AccountAddress, Field } from '../../../shared/helpers/validation';
import {
	optionalText,
	parseAccountAddress,
	parseDepartmentPath,
	textOf,
	validateBoolean,
	validateChoice,
	validateMobile,
	validatePassword,
} from '../../../shared/helpers/validation';
import { defaultDomain } from '../../../shared/transport';
import { addressesOf, findMailList } from '../../actions/mailList/mailLists';
import { firstLoginChangeOf } from '../../descriptions/password';
import { accountAddress, accountsWithJobNumber, freeAccountName, RunClaims } from './accountNaming';
import type { Role } from './roles';
import { readRole } from './roles';

const ACTIVE = 0;
const SUSPENDED = 1;

/** One HR record, checked, with the account it is about. */
export interface NewHire {
	address: AccountAddress;
	name: string;
	jobNumber?: string;
	/** Department names from the top; `undefined`: not given (new accounts go to the default one). */
	departmentPath?: string[];
	mobile?: string;
	mailLists: AccountAddress[];
	role?: Role;
	password: string;
	firstLoginChange: number;
	loginLink: boolean;
	/** The account as it was when the run began; `undefined` when it is to be created. */
	existing?: IDataObject;
	/** Set when the account name comes from the name: a refused create then takes the next free one. */
	naming?: NamingRule;
}

function checkStatus(field: Field, account: IDataObject, address: AccountAddress, domain: string) {
	const status = Number(account.status ?? ACTIVE);
	if (status === ACTIVE || status === SUSPENDED) return;
	const email = accountAddress(account, domain).email;
	if (status === DELETED_STATUS) {
		throw field.invalid(
			`leads to ${email}, which is deleted`,
			'Restore it with Account → Restore to onboard the person again on the same mailbox, or give another account name and job number.',
		);
	}
	throw field.invalid(
		`leads to ${email}, which is ${ACCOUNT_STATUS[status] ?? `in status ${status}`}`,
		`Onboard works on new, active or suspended accounts: finish the offboarding of ${address.email} first, or use another account.`,
	);
}

/** The account a record is about, found by job number first, then by the account name given. */
async function existingAccount(
	this: IExecuteFunctions,
	item: Item,
	domain: string,
	jobNumber: string | undefined,
	given: AccountAddress | undefined,
): Promise<IDataObject | undefined> {
	const jobField = item.field('jobNumber');
	const held = jobNumber
		? await accountsWithJobNumber.call(this, domain, jobNumber, item.index)
		: [];
	const live = held.filter((account) => Number(account.status) !== DELETED_STATUS);
	if (live.length > 1) {
		const emails = live.map((account) => accountAddress(account, domain).email).join(', ');
		throw jobField.invalid(
			`"${jobNumber}" is held by ${live.length} accounts (${emails})`,
			'Give the Account Name too, or correct the job numbers in the address book first.',
		);
	}
	const [byJob = held[0]] = live;
	if (byJob && given && String(byJob.accountName) !== given.accountName) {
		throw jobField.invalid(
			`"${jobNumber}" belongs to ${accountAddress(byJob, domain).email}, not ${given.email}`,
			'Leave Account Name empty to onboard that account, or correct the job number.',
		);
	}
	if (byJob) {
		checkStatus(jobField, byJob, accountAddress(byJob, domain), domain);
		return byJob;
	}
	if (!given) return undefined;
	const account = await findAccount.call(this, given, item.index);
	if (!account) return undefined;
	const nameField = item.field('accountName');
	const otherJob = String(account.jobNumber ?? '');
	if (jobNumber && otherJob && otherJob !== jobNumber) {
		throw nameField.invalid(
			`"${given.accountName}" belongs to job number ${otherJob}, not ${jobNumber}`,
			'Give another account name (or leave it empty to derive a free one from the name), or correct the job number.',
		);
	}
	checkStatus(nameField, account, given, domain);
	return account;
}

const knownLists = new WeakMap<object, Map<string, Promise<boolean>>>();

/** Whether a mail list exists, asked once per execution and list. */
async function listExists(this: IExecuteFunctions, list: AccountAddress, itemIndex: number) {
	let known = knownLists.get(this);
	if (!known) knownLists.set(this, (known = new Map()));
	let exists = known.get(list.email);
	if (!exists) {
		exists = findMailList.call(this, list, itemIndex).then((found) => found !== undefined);
		known.set(list.email, exists);
		exists.catch(() => known.delete(list.email));
	}
	return await exists;
}

/** Mail lists the record names; each must exist. */
async function mailListsOf(
	this: IExecuteFunctions,
	item: Item,
	domain: string,
): Promise<AccountAddress[]> {
	const field = item.field('mailLists');
	const lists = addressesOf(field, item.param('mailLists', ''), domain).map((email) =>
		parseAccountAddress(field, email, domain),
	);
	for (const list of lists) {
		if (list.domain !== domain || !(await listExists.call(this, list, item.index))) {
			throw field.invalid(
				`"${list.email}" is not a mail list`,
				'Create it first with Mail List → Create, or correct the address.',
			);
		}
	}
	return lists;
}

/** Reads and checks one record; looks the account up, writes nothing. */
export async function readNewHire(this: IExecuteFunctions, item: Item): Promise<NewHire> {
	const domain = await defaultDomain.call(this);
	const claims = RunClaims.of(this);
	const name = item.text('name', 64);
	const jobNumber = optionalText(item.field('jobNumber'), item.param('jobNumber', ''), 64);
	const givenName = textOf(item.field('accountName'), item.param('accountName', '')).trim();
	const given = givenName
		? parseAccountAddress(item.field('accountName'), givenName, domain)
		: undefined;
	if (given && given.domain !== domain) {
		throw item
			.field('accountName')
			.invalid(
				`"${given.email}" is not in the domain ${domain}`,
				`Onboard creates accounts in the credential's default domain: give "${given.accountName}".`,
			);
	}
	if (!jobNumber && !given) {
		throw item
			.field('jobNumber')
			.invalid(
				'is empty while Account Name is empty too',
				'Give the job number: it is how a re-run finds the account the naming rule chose. Or give the Account Name.',
			);
	}
	const earlier = jobNumber === undefined ? undefined : claims.jobNumbers.get(jobNumber);
	if (earlier !== undefined) {
		throw item
			.field('jobNumber')
			.invalid(`"${jobNumber}" is also in item ${earlier}`, 'Give each person one record.');
	}
	const rule = namingRuleOf(item);
	const passwordOf = (accountName?: string) =>
		validatePassword(item.field('password'), item.param('password'), 'plain', accountName);
	passwordOf(given?.accountName);
	const path = textOf(item.field('departmentPath'), item.param('departmentPath', '')).trim();
	const mobile = textOf(item.field('mobile'), item.param('mobile', '')).trim();
	const record = {
		name,
		jobNumber,
		departmentPath: path ? parseDepartmentPath(item.field('departmentPath'), path) : undefined,
		mobile: mobile ? validateMobile(item.field('mobile'), mobile) : undefined,
		role: readRole(item, item.param('role', '')),
		firstLoginChange: firstLoginChangeOf(
			item.field('firstLoginChange'),
			item.param('firstLoginChange', 1),
		),
		loginLink: validateBoolean(item.field('loginLink'), item.param('loginLink', true)),
	};
	const mailLists = await mailListsOf.call(this, item, domain);

	const existing = await existingAccount.call(this, item, domain, jobNumber, given);
	const naming = existing || given ? undefined : rule;
	let address: AccountAddress;
	if (existing) address = accountAddress(existing, domain);
	else if (given) address = given;
	else
		address = await freeAccountName.call(this, item.field('name'), name, rule, domain, item.index);
	const claimedBy = claims.accountNames.get(address.accountName);
	if (claimedBy !== undefined && claimedBy !== item.index) {
		throw item
			.field(given ? 'accountName' : 'jobNumber')
			.invalid(
				`leads to ${address.email}, which item ${claimedBy} is about too`,
				'Give each person one record.',
			);
	}
	claims.accountNames.set(address.accountName, item.index);
	if (jobNumber) claims.jobNumbers.set(jobNumber, item.index);
	// The password may not hold the account name, known only now when it is derived or found.
	const password = passwordOf(address.accountName);
	return { ...record, address, mailLists, password, existing, naming };
}

function namingRuleOf(item: Item): NamingRule {
	return validateChoice(
		item.field('namingRule'),
		item.param('namingRule', 'fullPinyin'),
		NAMING_RULES,
	);
}
