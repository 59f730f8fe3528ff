import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { departmentLocator } from '../../descriptions/locators';
import { firstLoginChangeField, PASS_TYPE, passwordTypeField } from '../../descriptions/password';
import { accountsOutput, findAccount, simplifyAccount } from '../../helpers/accounts';
import type { Department } from '../../helpers/departments';
import { resolveDepartment } from '../../helpers/departments';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import type { AccountAddress, PasswordType } from '../../helpers/validation';
import {
	parseAccountAddress,
	requireText,
	validateMobile,
	validatePassword,
} from '../../helpers/validation';
import { defaultDomain, tryApiRequest } from '../../transport';
import { ifExistsOption } from '../../descriptions/options';
import type { Operation } from '../operation';
import { ACCOUNT_CONCURRENCY } from '../operation';

const properties: INodeProperties[] = [
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			ifExistsOption('Account', 'Makes re-running the workflow safe; the password is not changed'),
		],
	},
];

interface Input {
	address: AccountAddress;
	body: IDataObject;
	department?: Department;
	reuseExisting: boolean;
}

export const create: Operation<Input> = {
	description: updateDisplayOptions(
		{ show: { resource: ['account'], operation: ['create'] } },
		properties,
	),
	concurrency: ACCOUNT_CONCURRENCY,

	async prepare(this: IExecuteFunctions, i: number) {
		const node = this.getNode();
		const address = parseAccountAddress(
			node,
			i,
			'Account Name',
			this.getNodeParameter('accountName', i),
			await defaultDomain.call(this),
		);
		const name = requireText(node, i, 'Display Name', this.getNodeParameter('name', i), 64);
		const fields = this.getNodeParameter('additionalFields', i, {}) as {
			passwordType?: PasswordType;
			firstLoginChange?: number;
			visibleInAddressBook?: boolean;
			jobNumber?: string;
			mobile?: string;
		};
		const passwordType = fields.passwordType ?? 'plain';
		const password = validatePassword(
			node,
			i,
			this.getNodeParameter('password', i),
			passwordType,
			address.accountName,
		);
		const locator = this.getNodeParameter('department', i) as INodeParameterResourceLocator;
		const department = locator?.value
			? await resolveDepartment.call(this, locator, address.domain, i, 'Department')
			: undefined;
		const body: IDataObject = {
			domain: address.domain,
			accountName: address.accountName,
			name,
			password,
			passType: PASS_TYPE[passwordType],
			passChangeFirstLogin: fields.firstLoginChange ?? 1,
			visibleInAddr: fields.visibleInAddressBook === false ? 0 : 1,
		};
		if (department) body.unitId = department.id;
		if (fields.jobNumber?.trim())
			body.jobNumber = requireText(node, i, 'Job Number', fields.jobNumber, 64);
		if (fields.mobile?.trim()) body.bindMobile = validateMobile(node, i, fields.mobile);
		const reuseExisting =
			(this.getNodeParameter('options', i, {}) as { ifExists?: string }).ifExists === 'reuse';
		return { address, body, department, reuseExisting };
	},

	async execute(
		this: IExecuteFunctions,
		{ address, body, department, reuseExisting }: Input,
		i: number,
	) {
		// What the platform answered (or, after a lost answer, what it now holds) over what was sent.
		const created = (answered: IDataObject) => ({
			...simplifyAccount(
				{ ...body, unitId: department?.id ?? null, mobile: body.bindMobile, ...answered },
				address.domain,
			),
			...(department ? { departmentPath: department.path } : {}),
			created: true,
		});
		const answer = await tryApiRequest.call(this, 'account.create', body, {
			itemIndex: i,
			verify: async () => {
				const account = await findAccount.call(this, address, i);
				return account ? created(account) : undefined;
			},
		});
		if (!('refusal' in answer)) return created(answer.data);
		const taken = reuseExisting && answer.refusal.marker === 'MAILACCOUNT.NAMEEXIST';
		const existing = taken ? await findAccount.call(this, address, i) : undefined;
		if (!existing) throw answer.refusal.error;
		const [output] = await accountsOutput.call(this, [existing], address.domain, true, i);
		return { ...output, created: false };
	},
};
