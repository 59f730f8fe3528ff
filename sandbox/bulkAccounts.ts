import { InputError } from './inputError';
import { isValidAccountName } from './rules';
import type { Runtime } from './runtime';
import { DEMO_PASSWORD } from './seed';
import { md5Hex, type AccountStatus } from './state';

/** One account for `addAccounts`; absent fields as createAccount leaves them. */
export interface NewAccountInput {
	accountName: string;
	name?: string;
	jobNumber?: string;
	mobile?: string;
	/** Default: the default department; `"default"` names it too. */
	unitId?: string;
	/** Default 0 (active). */
	status?: AccountStatus;
}

const STATUSES: readonly AccountStatus[] = [0, 1, 2, 4, 5, 6];

function optionalText(entry: Record<string, unknown>, name: string, where: string): string {
	const value = entry[name];
	if (value === undefined) return '';
	if (typeof value !== 'string') throw new InputError(`${where}${name} must be a string`);
	return value.trim();
}

/**
 * Control API: adds accounts straight into the organisation, all or none, for tests that need a
 * large address book set up quickly (createAccount checks every account's aliases per call).
 * Each gets the password DEMO_PASSWORD and an ADD revision, as createAccount would; no admin log.
 */
export function addAccounts(rt: Runtime, input: unknown): number {
	if (!Array.isArray(input)) throw new InputError('accounts must be an array');
	const { state } = rt;
	const aliases = new Set([...state.accounts.values()].flatMap((account) => account.aliases));
	const names = new Set<string>();
	const accounts = input.map((raw: unknown, index) => {
		const where = `accounts[${index}].`;
		if (!raw || typeof raw !== 'object' || Array.isArray(raw))
			throw new InputError(`accounts[${index}] must be an object`);
		const entry = raw as Record<string, unknown>;
		const accountName = optionalText(entry, 'accountName', where);
		if (!isValidAccountName(accountName))
			throw new InputError(`${where}accountName must be a valid account name`);
		if (
			names.has(accountName) ||
			state.accounts.has(accountName) ||
			state.mailLists.has(accountName) ||
			aliases.has(accountName)
		)
			throw new InputError(`${where}accountName ${accountName} is taken`);
		names.add(accountName);
		const unit = state.findUnit(optionalText(entry, 'unitId', where) || state.defaultUnitId);
		if (!unit) throw new InputError(`${where}unitId names no department`);
		const status = entry.status ?? 0;
		if (!STATUSES.includes(status as AccountStatus))
			throw new InputError(`${where}status must be one of ${STATUSES.join(', ')}`);
		return {
			accountName,
			name: optionalText(entry, 'name', where) || accountName,
			jobNumber: optionalText(entry, 'jobNumber', where),
			mobile: optionalText(entry, 'mobile', where),
			unitId: unit.unitId,
			status: status as AccountStatus,
		};
	});
	const passwordMd5 = md5Hex(DEMO_PASSWORD);
	for (const fields of accounts) {
		const account = state.createAccount({
			...fields,
			mobilePrefix: '',
			job: '',
			gender: 0,
			remark: '',
			visibleInAddr: 1,
			passChangeFirstLogin: 0,
			createTime: rt.now(),
			passwordMd5,
		});
		state.appendRevision('ADD', account);
	}
	return accounts.length;
}
