import { businessError, paramError } from '../envelope';
import { accountChanged } from '../orgEvents';
import { optionalChoice, optionalString, requiredChoice, requiredString } from '../params';
import {
	GENDERS,
	isValidAccountName,
	LOGIN_TYPES,
	PASS_CHANGE_FIRST_LOGIN_VALUES,
	PASS_TYPES,
	type LoginType,
} from '../rules';
import type { OrgState } from '../state';
import { displayName, optionalMobile, passwordDigest } from './accountFields';
import {
	accountHolding,
	existingUnit,
	findAccount,
	requireDomain,
	writableAccount,
} from './lookup';
import type { RouteTable } from './route';

const VISIBILITY = [0, 1] as const;

/** An address is taken by an account (any status short of permanent deletion), an alias or a mail list. */
function isAddressTaken(state: OrgState, name: string): boolean {
	return state.mailLists.has(name) || accountHolding(state, name) !== undefined;
}

export const accountRoutes: RouteTable = {
	'/api/open/account/getAccount': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		return state.accountView(findAccount(state, ctx.body));
	},

	'/api/open/account/createAccount': (ctx) => {
		const domain = requireDomain(ctx);
		const { state } = ctx.rt;
		const { body } = ctx;
		const accountName = requiredString(body, 'accountName');
		if (!isValidAccountName(accountName)) throw paramError('accountName');
		const name = displayName(body, 'name');
		requiredString(body, 'password');
		requiredChoice(body, 'passType', PASS_TYPES);
		const passChangeFirstLogin = requiredChoice(
			body,
			'passChangeFirstLogin',
			PASS_CHANGE_FIRST_LOGIN_VALUES,
		);
		const visibleInAddr = requiredChoice(body, 'visibleInAddr', VISIBILITY);
		const mobile = optionalMobile(body, ['bindMobile', 'mobile']);
		const gender = optionalChoice(body, 'gender', GENDERS) ?? 0;
		const unitIdParam = optionalString(body, 'unitId');
		const unit = unitIdParam
			? existingUnit(state, unitIdParam)
			: existingUnit(state, state.defaultUnitId);
		if (isAddressTaken(state, accountName)) throw businessError('MAILACCOUNT.NAMEEXIST');
		const passwordMd5 = passwordDigest(body, accountName);
		const account = state.createAccount({
			accountName,
			name,
			mobile: mobile?.mobile ?? '',
			mobilePrefix: mobile?.mobilePrefix ?? '',
			jobNumber: optionalString(body, 'jobNumber') ?? '',
			job: optionalString(body, 'job') ?? '',
			gender,
			remark: optionalString(body, 'remark') ?? '',
			unitId: unit.unitId,
			status: 0,
			visibleInAddr,
			passChangeFirstLogin,
			createTime: ctx.rt.now(),
			passwordMd5,
		});
		accountChanged(ctx.rt, 'ADD', account);
		return { accountName, domain, accountOpenId: account.accountOpenId };
	},

	/** Only the fields present change. Mobile as `bindmobile` (SDK), `bindMobile` or `mobile`. */
	'/api/open/account/updateAccount': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const { body } = ctx;
		const account = writableAccount(state, body);
		const name = body.name === undefined ? undefined : displayName(body, 'name');
		const visibleInAddr = optionalChoice(body, 'visibleInAddr', VISIBILITY);
		const mobile = optionalMobile(body, ['bindmobile', 'bindMobile', 'mobile']);
		const gender = optionalChoice(body, 'gender', GENDERS);
		const unitIdParam = optionalString(body, 'unitId');
		const unit = unitIdParam ? existingUnit(state, unitIdParam) : undefined;
		const texts = {
			jobNumber: optionalString(body, 'jobNumber'),
			job: optionalString(body, 'job'),
			remark: optionalString(body, 'remark'),
		};

		if (name !== undefined) account.name = name;
		if (visibleInAddr !== undefined) account.visibleInAddr = visibleInAddr;
		if (mobile) Object.assign(account, mobile);
		if (gender !== undefined) account.gender = gender;
		if (unit) account.unitId = unit.unitId;
		for (const [field, value] of Object.entries(texts)) {
			if (value !== undefined) account[field as keyof typeof texts] = value;
		}
		accountChanged(ctx.rt, 'UPDATE', account);
		return null;
	},

	'/api/open/account/updatePassword': (ctx) => {
		requireDomain(ctx);
		const account = writableAccount(ctx.rt.state, ctx.body);
		const passChangeFirstLogin = requiredChoice(
			ctx.body,
			'passChangeFirstLogin',
			PASS_CHANGE_FIRST_LOGIN_VALUES,
		);
		account.passwordMd5 = passwordDigest(ctx.body, account.accountName);
		account.passChangeFirstLogin = passChangeFirstLogin;
		accountChanged(ctx.rt, 'UPDATE', account);
		return null;
	},

	'/api/open/account/updateAccountLoginPerm': (ctx) => {
		requireDomain(ctx);
		const account = writableAccount(ctx.rt.state, ctx.body);
		const loginType = requiredString(ctx.body, 'loginType') as LoginType;
		if (!LOGIN_TYPES.includes(loginType)) throw paramError('loginType');
		account.loginPerms[loginType] = requiredChoice(ctx.body, 'loginPerm', [0, 1]);
		accountChanged(ctx.rt, 'UPDATE', account);
		return null;
	},

	'/api/open/account/suspendAccount': (ctx) => {
		requireDomain(ctx);
		const account = writableAccount(ctx.rt.state, ctx.body);
		account.status = 1;
		accountChanged(ctx.rt, 'UPDATE', account);
		return null;
	},

	/**
	 * Inferred path (not publicly documented, reference §11): un-suspends (status 1 → 0). Already
	 * normal: success, nothing changes, no revision. Soft-deleted: ACCOUNT.DELETED; other statuses
	 * (4–6): ACCOUNT.STATUSERROR.
	 */
	'/api/open/account/resumeAccount': (ctx) => {
		requireDomain(ctx);
		const account = findAccount(ctx.rt.state, ctx.body);
		if (account.status === 0) return null;
		if (account.status === 2) throw businessError('ACCOUNT.DELETED');
		if (account.status !== 1) throw businessError('ACCOUNT.STATUSERROR');
		account.status = 0;
		accountChanged(ctx.rt, 'UPDATE', account);
		return null;
	},

	/** Recoverable delete: status 2, the name stays taken. */
	'/api/open/account/deleteAccountSim': (ctx) => {
		requireDomain(ctx);
		const account = writableAccount(ctx.rt.state, ctx.body);
		account.status = 2;
		accountChanged(ctx.rt, 'DELETE', account);
		return null;
	},

	/** Permanent delete from any status: the name becomes free. */
	'/api/open/account/deleteAccount': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = findAccount(state, ctx.body);
		state.removeAccount(account.accountName);
		accountChanged(ctx.rt, 'DELETE', account);
		return null;
	},

	'/api/open/account/recoverAccount': (ctx) => {
		requireDomain(ctx);
		const account = findAccount(ctx.rt.state, ctx.body);
		if (account.status !== 2) throw businessError('ACCOUNT.STATUSERROR');
		account.status = 0;
		accountChanged(ctx.rt, 'UPDATE', account);
		return null;
	},

	'/api/open/account/moveUnit': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const account = writableAccount(state, ctx.body);
		account.unitId = existingUnit(state, requiredString(ctx.body, 'unitId')).unitId;
		accountChanged(ctx.rt, 'UPDATE', account);
		return null;
	},

	/** Exact match on `jobNumber` and/or `nickname` (display name); at least one is required. */
	'/api/open/account/getAccountListByNicknameAndJobNo': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const jobNumber = optionalString(ctx.body, 'jobNumber') || undefined;
		const nickname = optionalString(ctx.body, 'nickname') || undefined;
		if (jobNumber === undefined && nickname === undefined) throw paramError('jobNumber');
		const list = [...state.accounts.values()]
			.filter(
				(account) =>
					(jobNumber === undefined || account.jobNumber === jobNumber) &&
					(nickname === undefined || account.name === nickname),
			)
			.map((account) => state.accountView(account));
		return { list };
	},

	'/api/open/account/getAccountAliasList': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		return { alias: state.accountView(findAccount(state, ctx.body)).aliasList };
	},
};
