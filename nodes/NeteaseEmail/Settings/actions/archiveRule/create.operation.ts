import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions/locators';
import {
	ifExistsOption,
	optionsCollection,
	reusesExisting,
} from '../../../shared/descriptions/options';
import { resolveAccount } from '../../../shared/directory/accounts';
import type { Item } from '../../../shared/framework/item';
import type { Operation } from '../../../shared/framework/operation';
import { optionalText, validateDomain, validateEmail } from '../../../shared/helpers/validation';
import type { ApiContext } from '../../../shared/transport';
import { defaultDomain, tryApiRequest } from '../../../shared/transport';
import { checkActiveAccount, inOwnDomain } from '../../helpers/organisationAccount';
import type { ArchiveRule } from './archiveRules';
import { findRule } from './archiveRules';

/** The platform's limit on a rule's name. */
const NAME_MAX_LENGTH = 64;

interface Conditions {
	sender?: string;
	recipient?: string;
	domain?: string;
	keyword?: string;
}

interface Input {
	domain: string;
	name: string;
	body: IDataObject;
	reuseExisting: boolean;
}

/** The conditions set, checked; the wire names the domain condition `conditionDomain`. */
function readConditions(item: Item): IDataObject {
	const given = item.collection<Conditions>('conditions');
	const text = (name: keyof Conditions, maxLength = 320) =>
		optionalText(item.field(name), given[name], maxLength);
	const sender = text('sender');
	const recipient = text('recipient');
	const domain = text('domain')?.replace(/^@/, '');
	const keyword = text('keyword', 256);
	const conditions: IDataObject = {};
	if (sender) conditions.sender = validateEmail(item.field('sender'), sender);
	if (recipient) conditions.recipient = validateEmail(item.field('recipient'), recipient);
	if (domain) conditions.conditionDomain = validateDomain(item.field('domain'), domain);
	if (keyword) conditions.keyword = keyword;
	if (Object.keys(conditions).length === 0) {
		throw item
			.field('conditions')
			.invalid('has none set', 'Add at least one condition: Sender, Recipient, Domain or Keyword.');
	}
	return conditions;
}

/** The archive mailbox: an active account of the organisation, as its address. */
async function archiveMailbox(this: ApiContext, item: Item, domain: string): Promise<string> {
	const field = item.field('archiveMailbox');
	const role = 'the archive mailbox';
	const address = await resolveAccount.call(this, item, 'archiveMailbox');
	await checkActiveAccount.call(
		this,
		field,
		inOwnDomain(field, address, domain, role),
		role,
		item.index,
	);
	return address.email;
}

function alreadyExists(item: Item, rule: ArchiveRule) {
	return item
		.field('name')
		.invalid(
			`"${rule.name}" is already the name of an archive rule (ID ${rule.ruleId})`,
			'Choose another name, or set "If It Already Exists" to "Return the Existing Rule".',
		);
}

export const create: Operation<Input> = {
	value: 'create',
	name: 'Create',
	action: 'Create an archive rule',
	description: 'Archive the mail matching some conditions into an account of the organisation',
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 合同归档',
			description: 'Unique among the rules of the organisation',
		},
		{
			displayName: 'Conditions',
			name: 'conditions',
			type: 'collection',
			placeholder: 'Add Condition',
			default: {},
			description: 'Mail matching all the conditions set is archived; set at least one',
			options: [
				{
					displayName: 'Domain',
					name: 'domain',
					type: 'string',
					default: '',
					placeholder: 'e.g. partner.example.com',
					description: 'Mail from or to this domain',
				},
				{
					displayName: 'Keyword',
					name: 'keyword',
					type: 'string',
					default: '',
					placeholder: 'e.g. 合同',
					description: 'Mail whose subject or body contains this text',
				},
				{
					displayName: 'Recipient',
					name: 'recipient',
					type: 'string',
					default: '',
					placeholder: 'e.g. legal@example.com',
					description: 'Mail to this address',
				},
				{
					displayName: 'Sender',
					name: 'sender',
					type: 'string',
					default: '',
					placeholder: 'e.g. ceo@example.com',
					description: 'Mail from this address',
				},
			],
		},
		accountLocator({
			displayName: 'Archive Mailbox',
			name: 'archiveMailbox',
			description: 'The account that receives a copy of the matching mail',
		}),
		optionsCollection([
			ifExistsOption('Rule', 'Makes re-running the workflow safe; the rule is not changed'),
		]),
	],
	// Two items may name the same rule: run them in order.
	concurrency: 1,

	async prepare(this: IExecuteFunctions, item: Item) {
		const name = item.text('name', NAME_MAX_LENGTH);
		const conditions = readConditions(item);
		const domain = await defaultDomain.call(this);
		const mailbox = await archiveMailbox.call(this, item, domain);
		const body = { domain, name, ...conditions, archiveMailbox: mailbox };
		return { domain, name, body, reuseExisting: reusesExisting(item) };
	},

	async execute(this: IExecuteFunctions, { domain, name, body, reuseExisting }: Input, item: Item) {
		const i = item.index;
		const named = async () => await findRule.call(this, domain, (rule) => rule.name === name, i);
		const before = await named();
		if (before) {
			if (!reuseExisting) throw alreadyExists(item, before);
			return { ...before, created: false };
		}
		const answer = await tryApiRequest.call(this, 'archive.create', body, {
			itemIndex: i,
			// Not there before this call: listed now, this call created it.
			verify: async () => {
				const now = await named();
				return now ? { ruleId: now.ruleId } : undefined;
			},
		});
		if ('refusal' in answer) {
			const existing = answer.refusal.marker === 'ARCHIVE.RULE.EXIST' ? await named() : undefined;
			if (!existing) throw answer.refusal.error;
			if (!reuseExisting) throw alreadyExists(item, existing);
			return { ...existing, created: false };
		}
		const ruleId = String(answer.data.ruleId);
		const rule = await findRule.call(this, domain, (candidate) => candidate.ruleId === ruleId, i);
		return { ...(rule ?? { ruleId, name }), created: true };
	},
};
