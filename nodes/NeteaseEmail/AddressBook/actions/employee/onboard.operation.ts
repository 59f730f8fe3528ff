import type { IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import { NAMING_RULES } from '../../../shared/helpers/pinyin';
import { firstLoginChangeField } from '../../descriptions/password';
import type { NewHire } from '../../helpers/employee/newHire';
import { readNewHire } from '../../helpers/employee/newHire';
import { onboard as runOnboarding } from '../../helpers/employee/onboardSteps';
import { rolesProperty } from '../../helpers/employee/roles';

export const onboard: Operation<NewHire> = {
	value: 'onboard',
	name: 'Onboard',
	action: 'Onboard an employee',
	description:
		'Set up one employee from an HR record (name, job number, department path, mobile, mail lists, role): creates the department path and the account if missing or updates the account, requires a password change at first login, adds it to the mail lists, applies the role settings and returns a one-click login link. Changes the address book; safe to re-run: what is already so reports "unchanged" and is not sent again.',
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 张三',
			description: "The person's name as the address book shows it",
		},
		{
			displayName: 'Job Number',
			name: 'jobNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. E10086',
			description:
				'The employee number. A re-run finds the account by it, so it is required when the account name is derived from the name.',
		},
		{
			displayName: 'Account Name',
			name: 'accountName',
			type: 'string',
			default: '',
			placeholder: 'e.g. zhang.san',
			description:
				'The part of the address before "@". Leave empty to derive a free one from the name with the Naming Rule.',
		},
		{
			displayName: 'Naming Rule',
			name: 'namingRule',
			type: 'options',
			default: 'fullPinyin',
			options: NAMING_RULES,
			description:
				'How an empty Account Name is derived from the name; a taken name gets 2, 3… appended (zhangsan2)',
		},
		{
			displayName: 'Department',
			name: 'departmentPath',
			type: 'string',
			default: '',
			placeholder: 'e.g. 研发中心/后端组',
			description:
				'The department path; missing levels are created. Empty: a new account goes to the default department, an existing one stays.',
		},
		{
			displayName: 'Mobile',
			name: 'mobile',
			type: 'string',
			default: '',
			placeholder: 'e.g. 13800138000',
		},
		{
			displayName: 'Mail Lists',
			name: 'mailLists',
			type: 'string',
			default: '',
			placeholder: 'e.g. all-staff, rd',
			description:
				'Existing mail lists to add the account to, separated by commas or as an array; a name without "@" is in the default domain',
		},
		{
			displayName: 'Role',
			name: 'role',
			type: 'string',
			default: '',
			placeholder: 'e.g. engineer',
			description:
				'The name of one of the Roles below, whose settings the account gets; empty: none',
		},
		{
			displayName: 'Initial Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Used only when the account is created: 8–32 characters mixing at least two of letters, digits and symbols, not containing the account name',
		},
		{
			...firstLoginChangeField,
			description: 'Whether a new account must change the initial password when it first logs in',
		},
		{
			displayName: 'Return Login Link',
			name: 'loginLink',
			type: 'boolean',
			default: true,
			description:
				'Whether to return a one-click (SSO) login link for the account; it is single-use and expires within minutes',
		},
		rolesProperty,
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		return await readNewHire.call(this, item);
	},

	async execute(this: IExecuteFunctions, hire: NewHire, item: Item) {
		return await runOnboarding.call(this, hire, item);
	},
};
