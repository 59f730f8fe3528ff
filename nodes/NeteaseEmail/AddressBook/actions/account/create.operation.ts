import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import {
	ifExistsOption,
	optionsCollection,
	reusesExisting,
} from '../../../shared/descriptions/options';
import { accountsOutput, DELETED_STATUS, findAccount } from '../../../shared/directory/accounts';
import type { Department } from '../../../shared/directory/departments';
import { optionalDepartmentParam } from '../../../shared/directory/departments';
import { AccountPresence } from '../../../shared/directory/presence';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { PARALLEL_ITEMS } from '../../../shared/framework/operation';
import type { AccountAddress, PasswordType } from '../../../shared/helpers/validation';
import {
	optionalText,
	parseAccountAddress,
	validateMobile,
	validatePassword,
} from '../../../shared/helpers/validation';
import { defaultDomain, tryApiRequest } from '../../../shared/transport';
import {
	firstLoginChangeField,
	firstLoginChangeOf,
	PASS_TYPE,
	passwordTypeField,
	passwordTypeOf,
} from '../../descriptions/password';

interface Fields {
	passwordType?: PasswordType;
	firstLoginChange?: number;
	visibleInAddressBook?: boolean;
	jobNumber?: string;
	mobile?: string;
}

interface Input {
	address: AccountAddress;
	body: IDataObject;
	department?: Department;
	reuseExisting: boolean;
}

export const create: Operation<Input> = {
	value: 'create',
	name: 'Create',
	action: 'Create an account',
	description: 'Create a mail account',
	properties: [
		{
			displayName: 'Account Name',
			name: 'accountName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. zhang.san',
			description:
				'The part of the address before "@". Give a full address to use a domain other than the credential\'s default.',
		},
		{
			displayName: 'Display Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 张三',
		},
		{
			displayName: 'Initial Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'8–32 characters mixing at least two of letters, digits and symbols, not containing the account name',
		},
		departmentLocator({ required: false, description: 'Leave empty for the default department' }),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				firstLoginChangeField,
				{
					displayName: 'Job Number',
					name: 'jobNumber',
					type: 'string',
					default: '',
					placeholder: 'e.g. E10086',
				},
				{
					displayName: 'Mobile',
					name: 'mobile',
					type: 'string',
					default: '',
					placeholder: 'e.g. 13800138000',
				},
				passwordTypeField,
				{
					displayName: 'Visible in Address Book',
					name: 'visibleInAddressBook',
					type: 'boolean',
					default: true,
					description: 'Whether colleagues can find the account in the corporate address book',
				},
			],
		},
		optionsCollection([
			ifExistsOption('Account', 'Makes re-running the workflow safe; the password is not changed'),
		]),
	],
	concurrency: PARALLEL_ITEMS,

	async prepare(this: IExecuteFunctions, item: Item) {
		const address = parseAccountAddress(
			item.field('accountName'),
			item.param('accountName'),
			await defaultDomain.call(this),
		);
		const fields = item.collection<Fields>('additionalFields');
		const passwordType = passwordTypeOf(item.field('passwordType'), fields.passwordType);
		const password = validatePassword(
			item.field('password'),
			item.param('password'),
			passwordType,
			address.accountName,
		);
		const department = await optionalDepartmentParam.call(this, item, 'department', address.domain);
		const body: IDataObject = {
			domain: address.domain,
			accountName: address.accountName,
			name: item.text('name', 64),
			password,
			passType: PASS_TYPE[passwordType],
			passChangeFirstLogin: firstLoginChangeOf(
				item.field('firstLoginChange'),
				fields.firstLoginChange,
			),
			visibleInAddr: fields.visibleInAddressBook === false ? 0 : 1,
		};
		if (department) body.unitId = department.id;
		const jobNumber = optionalText(item.field('jobNumber'), fields.jobNumber, 64);
		if (jobNumber) body.jobNumber = jobNumber;
		if (fields.mobile?.trim())
			body.bindMobile = validateMobile(item.field('mobile'), fields.mobile);
		return { address, body, department, reuseExisting: reusesExisting(item) };
	},

	async execute(
		this: IExecuteFunctions,
		{ address, body, department, reuseExisting }: Input,
		item: Item,
	) {
		const i = item.index;
		const output = async (account: IDataObject, created: boolean) => {
			const [simplified] = await accountsOutput.call(this, [account], address.domain, true, i);
			return { ...simplified, created };
		};
		const existing = async () => {
			const account = await findAccount.call(this, address, i);
			return account ? await output(account, false) : undefined;
		};
		const presence = AccountPresence.of(this, address.domain, this.getInputData().length);
		const before = await presence.before(address, i);
		if (before.existed && reuseExisting) {
			const found = before.account ? await output(before.account, false) : await existing();
			if (found) return found;
		}

		const answer = await tryApiRequest.call(this, 'account.create', body, {
			itemIndex: i,
			// Only an account that was not there before, and is not a deleted one, is this call's doing.
			verify: async () => {
				if (before.existed) return undefined;
				const account = await findAccount.call(this, address, i);
				return account && Number(account.status) !== DELETED_STATUS ? account : undefined;
			},
		});
		if (!('refusal' in answer)) {
			// What the platform answered (or now holds) over what was sent, in the shape Get returns.
			const sent = { ...body, unitId: department?.id ?? 'default', mobile: body.bindMobile };
			return await output({ ...sent, ...answer.data }, true);
		}
		const taken = reuseExisting && answer.refusal.marker === 'MAILACCOUNT.NAMEEXIST';
		const found = taken ? await existing() : undefined;
		if (!found) throw answer.refusal.error;
		return found;
	},
};
