import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ACCOUNT_STATUS, DELETED_STATUS, findAccount } from '../../../shared/directory/accounts';
import { ensureDepartmentPath } from '../../../shared/directory/departmentPaths';
import type { Department } from '../../../shared/directory/departments';
import { getDepartments } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import { changesOf } from '../../../shared/helpers/changes';
import type { AccountAddress } from '../../../shared/helpers/validation';
import { loginLink } from '../../../shared/sso/loginLink';
import { apiRequest, tryApiRequest } from '../../../shared/transport';
import { getMailList, listField } from '../../actions/mailList/mailLists';
import { freeAccountName } from './accountNaming';
import type { NewHire } from './newHire';
import { applyRole } from './roles';
import type { StepOutcome as Report } from './steps';
import { inTurn, StepRun } from './steps';

/** Change Password at First Login as the report words it. */
const FIRST_LOGIN_RULES = ['notRequired', 'atFirstWebLogin', 'atFirstWebLoginClientsBlocked'];

async function ensureDepartment(this: IExecuteFunctions, hire: NewHire, itemIndex: number) {
	const { domain } = hire.address;
	// Items running at once must not race to create the same department.
	const { department, createdPaths } = await inTurn(this, `departments:${domain}`, async () =>
		ensureDepartmentPath.call(this, domain, hire.departmentPath!, itemIndex),
	);
	const report: Report = createdPaths.length
		? { result: 'created', path: department.path, createdPaths }
		: { result: 'exists', path: department.path };
	return { department, report };
}

/**
 * Creates the account. The run checked the name was free; a lost answer is settled by looking the
 * account up. A derived name another account took meanwhile gives way to the next free one.
 */
async function createAccount(
	this: IExecuteFunctions,
	hire: NewHire,
	department: Department | undefined,
	item: Item,
): Promise<AccountAddress> {
	let address = hire.address;
	const refused = new Set<string>();
	for (;;) {
		const body: IDataObject = {
			domain: address.domain,
			accountName: address.accountName,
			name: hire.name,
			password: hire.password,
			passType: 0,
			passChangeFirstLogin: hire.firstLoginChange,
			visibleInAddr: 1,
		};
		if (department) body.unitId = department.id;
		if (hire.jobNumber) body.jobNumber = hire.jobNumber;
		if (hire.mobile) body.bindMobile = hire.mobile;
		const target = address;
		const answer = await tryApiRequest.call(this, 'account.create', body, {
			itemIndex: item.index,
			verify: async () => {
				const account = await findAccount.call(this, target, item.index);
				return account && Number(account.status) !== DELETED_STATUS ? account : undefined;
			},
		});
		if (!('refusal' in answer)) return address;
		if (answer.refusal.marker !== 'MAILACCOUNT.NAMEEXIST' || !hire.naming)
			throw answer.refusal.error;
		refused.add(address.accountName);
		address = await freeAccountName.call(
			this,
			item.field('name'),
			hire.name,
			hire.naming,
			address.domain,
			item.index,
			refused,
		);
	}
}

/** Brings an existing account in line with the record; only what differs is sent. */
async function updateAccount(
	this: IExecuteFunctions,
	hire: NewHire,
	account: IDataObject,
	department: Department | undefined,
	itemIndex: number,
): Promise<Report> {
	const { address } = hire;
	const directory = await getDepartments.call(this, address.domain, itemIndex);
	const unitId = String(account.unitId ?? (account.unitList as string[] | undefined)?.[0] ?? '');
	const status = Number(account.status ?? 0);
	const current = {
		name: String(account.name ?? ''),
		jobNumber: String(account.jobNumber ?? ''),
		mobile: String(account.mobile ?? account.bindMobile ?? ''),
		department: directory.get(unitId)?.path ?? '',
		status: ACCOUNT_STATUS[status] ?? `status ${status}`,
	};
	const wanted = {
		name: hire.name,
		jobNumber: hire.jobNumber,
		mobile: hire.mobile,
		department: department?.path,
		status: 'normal',
	};
	const changes = changesOf(current, wanted);
	if (Object.keys(changes).length === 0) return { result: 'unchanged' };
	const target = { domain: address.domain, accountName: address.accountName };
	const fields: IDataObject = {};
	if (changes.name) fields.name = hire.name;
	if (changes.jobNumber) fields.jobNumber = hire.jobNumber;
	if (changes.mobile) fields.bindmobile = hire.mobile;
	const options = { itemIndex };
	if (Object.keys(fields).length)
		await apiRequest.call(this, 'account.update', { ...target, ...fields }, options);
	if (changes.department)
		await apiRequest.call(this, 'account.moveUnit', { ...target, unitId: department!.id }, options);
	if (changes.status) await apiRequest.call(this, 'account.resume', target, options);
	return { result: 'updated', changes };
}

/** Adds the account to each list it is not on yet. */
async function joinMailLists(
	this: IExecuteFunctions,
	hire: NewHire,
	address: AccountAddress,
	itemIndex: number,
): Promise<Report> {
	const added: string[] = [];
	const alreadyMember: string[] = [];
	for (const list of hire.mailLists) {
		const members = listField((await getMailList.call(this, list, itemIndex)).members);
		if (members.some((member) => member.toLowerCase() === address.email)) {
			alreadyMember.push(list.email);
			continue;
		}
		const body = { domain: list.domain, accountName: list.accountName, members: address.email };
		await apiRequest.call(this, 'mailList.addMembers', body, { itemIndex });
		added.push(list.email);
	}
	return { result: added.length ? 'added' : 'unchanged', added, alreadyMember };
}

/** Runs the onboarding steps of one record in order; the output item reports each. */
export async function onboard(
	this: IExecuteFunctions,
	hire: NewHire,
	item: Item,
): Promise<IDataObject> {
	const i = item.index;
	const run = new StepRun(this.getNode(), 'Onboard', i);
	let department: Department | undefined;
	if (hire.departmentPath) {
		await run.step('department', async () => {
			const ensured = await ensureDepartment.call(this, hire, i);
			department = ensured.department;
			return ensured.report;
		});
	} else {
		run.skip('department', 'No department given: a new account goes to the default department');
	}

	let address = hire.address;
	await run.step('account', async () => {
		if (hire.existing) return await updateAccount.call(this, hire, hire.existing, department, i);
		address = await createAccount.call(this, hire, department, item);
		return { result: 'created' };
	});

	// Set with the password when the account is created; an existing account keeps its own.
	run.note(
		'firstLoginPasswordChange',
		hire.existing
			? {
					result: 'unchanged',
					reason: 'The account existed: its password is left as it is',
					pending: Number(hire.existing.passChangeFirstLogin ?? 0) > 0,
				}
			: { result: 'set', required: FIRST_LOGIN_RULES[hire.firstLoginChange] },
	);

	if (hire.mailLists.length)
		await run.step('mailLists', async () => await joinMailLists.call(this, hire, address, i));
	else run.skip('mailLists', 'No mail lists given');

	if (hire.role) {
		const role = hire.role;
		await run.step('role', async () => {
			const changes = await applyRole.call(this, address, role, i);
			const result = Object.keys(changes).length ? 'applied' : 'unchanged';
			return { result, role: role.name, ...(result === 'applied' ? { changes } : {}) };
		});
	} else {
		run.skip('role', 'No role given');
	}

	let link: { url: string; expiresAt: string | null } | undefined;
	if (hire.loginLink) {
		await run.step('loginLink', async () => {
			link = await loginLink.call(this, address, {}, i);
			return { result: 'issued', expiresAt: link.expiresAt };
		});
	} else {
		run.skip('loginLink', 'Return Login Link is off');
	}

	return {
		email: address.email,
		accountName: address.accountName,
		name: hire.name,
		jobNumber: hire.jobNumber ?? '',
		department: department?.path ?? null,
		role: hire.role?.name ?? null,
		changed: run.changed,
		steps: run.steps,
		...(link ? { loginUrl: link.url, loginUrlExpiresAt: link.expiresAt } : {}),
	};
}
