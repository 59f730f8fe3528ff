import type { INodeParameters } from 'n8n-workflow';

import { SETTINGS_NODE_TYPE } from '../support/netease';
import type { BadInput } from './badInputCorpus.support';
import { address, describeBadInputs, DOMAIN, longText } from './badInputCorpus.support';

/** Set of a per-account setting for li.na, with the given parameters. */
const set = (resource: string, fields: INodeParameters): INodeParameters => ({
	resource,
	operation: 'set',
	applyTo: 'account',
	account: address('li.na'),
	...fields,
});

const limits = (settingsToChange: INodeParameters) => set('mailboxLimits', { settingsToChange });

const ipRanges = (allowedIpRanges: string) => set('ipLoginRestriction', { allowedIpRanges });

const senderList = (fields: INodeParameters): INodeParameters => ({
	resource: 'senderList',
	operation: 'add',
	list: 'black',
	applyTo: 'account',
	account: address('li.na'),
	...fields,
});

const archiveRule = (fields: INodeParameters): INodeParameters => ({
	resource: 'archiveRule',
	operation: 'create',
	name: '合同归档',
	conditions: { keyword: '合同' },
	archiveMailbox: address('service'),
	...fields,
});

const SWITCH_OFF = 'I Mean the Whole Organisation is off [item 0]';

const rows: BadInput[] = [
	// Organisation-wide writes need their switch
	{
		case: 'Mailbox Limits: the whole organisation without the switch',
		parameters: {
			resource: 'mailboxLimits',
			operation: 'set',
			applyTo: 'organisation',
			settingsToChange: { quotaMb: 2048 },
		},
		error: SWITCH_OFF,
	},
	{
		case: 'Forwarding: the whole organisation with the switch as the text "true"',
		parameters: {
			resource: 'forwarding',
			operation: 'set',
			applyTo: 'organisation',
			confirmOrganisation: '={{ "true" }}',
			settingsToChange: { enabled: false },
		},
		error: SWITCH_OFF,
	},
	{
		case: 'Sender List → Add: the whole organisation without the switch',
		parameters: senderList({ applyTo: 'organisation', entries: '@spam.example' }),
		error: SWITCH_OFF,
	},
	{
		case: 'Apply To is not a choice',
		parameters: set('twoFactor', {
			applyTo: '={{ "everyone" }}',
			department: { __rl: true, mode: 'path', value: '研发中心' },
			enabled: true,
		}),
		error: 'Apply To "everyone" is not a choice [item 0]',
	},
	{
		case: 'an account of another domain',
		parameters: set('twoFactor', { account: address('li.na@other.example.com'), enabled: true }),
		error: `Account "li.na@other.example.com" is not in the domain ${DOMAIN} [item 0]`,
	},
	// Mailbox limits
	{
		case: 'Mailbox Limits: a negative quota',
		parameters: limits({ quotaMb: -1 }),
		error: 'Mailbox Quota (MB) is -1, not a whole number from 1 to 1048576 [item 0]',
	},
	{
		case: 'Mailbox Limits: a huge quota',
		parameters: limits({ quotaMb: 1e12 }),
		error: 'Mailbox Quota (MB) is 1000000000000, not a whole number from 1 to 1048576 [item 0]',
	},
	{
		case: 'Mailbox Limits: a fractional daily limit',
		parameters: limits({ dailySendingLimit: 2.5 }),
		error: 'Daily Sending Limit is 2.5, not a whole number from 0 to 100000 [item 0]',
	},
	{
		case: 'Mailbox Limits: text as the quota',
		parameters: limits({ quotaMb: '={{ "lots" }}' }),
		error: 'Mailbox Quota (MB) is "lots", not a whole number from 1 to 1048576 [item 0]',
	},
	{
		case: 'Mailbox Limits: "no" instead of false',
		parameters: limits({ sendingAllowed: '={{ "no" }}' }),
		error: 'Sending Allowed "no" is not true or false [item 0]',
	},
	{
		case: 'Mailbox Limits: nothing to set',
		parameters: limits({}),
		error: 'Apply To has nothing to set [item 0]',
	},
	// Other per-account settings
	{
		case: 'Send/Receive Restriction: not a choice',
		parameters: set('sendReceiveRestriction', { restriction: '={{ "nowhere" }}' }),
		error: 'Restriction "nowhere" is not a choice [item 0]',
	},
	{
		case: 'Two-Factor Authentication: "yes" instead of true',
		parameters: set('twoFactor', { enabled: '={{ "yes" }}' }),
		error: 'Enabled "yes" is not true or false [item 0]',
	},
	{
		case: 'Login Permissions: 0 instead of false',
		parameters: set('loginPermissions', { settingsToChange: { imap: '={{ 0 }}' } }),
		error: 'IMAP "0" is not true or false [item 0]',
	},
	{
		case: 'Signature: not a format',
		parameters: set('signature', { settingsToChange: { format: '={{ "rtf" }}' } }),
		error: 'Format is "rtf" [item 0]',
	},
	{
		case: 'Signature: 10 001 characters',
		parameters: set('signature', { settingsToChange: { content: longText(10_001) } }),
		error: 'Content is 10001 characters long, more than 10000 [item 0]',
	},
	{
		case: 'Signature: an object as the content',
		parameters: set('signature', { settingsToChange: { content: '={{ {html: "<b>x</b>"} }}' } }),
		error: 'Content is an object, not text [item 0]',
	},
	{
		case: 'Auto-Reply: the period ends before it starts',
		parameters: set('autoReply', {
			settingsToChange: {
				periodStart: '2026-03-10T00:00:00Z',
				periodEnd: '2026-03-01T00:00:00Z',
			},
		}),
		error:
			'Period End (2026-03-01T00:00:00.000Z) is before Period Start (2026-03-10T00:00:00.000Z) [item 0]',
	},
	{
		case: 'Auto-Reply: a start that is not a date',
		parameters: set('autoReply', { settingsToChange: { periodStart: 'after lunch' } }),
		error: 'Period Start "after lunch" is not a date and time [item 0]',
	},
	{
		case: 'Auto-Reply: not a reply-to choice',
		parameters: set('autoReply', { settingsToChange: { replyTo: '={{ "friends" }}' } }),
		error: 'Reply To "friends" is not a choice [item 0]',
	},
	{
		case: 'Auto-Reply: a list as the content',
		parameters: set('autoReply', { settingsToChange: { content: '={{ ["a", "b"] }}' } }),
		error: 'Content is a list, not text [item 0]',
	},
	// Forwarding
	{
		case: 'Forwarding: an address without a domain',
		parameters: set('forwarding', { settingsToChange: { forwardTo: 'assistant' } }),
		error: 'Forward To "assistant" is not a mail address [item 0]',
	},
	{
		case: 'Forwarding: six addresses',
		parameters: set('forwarding', {
			settingsToChange: {
				forwardTo: [1, 2, 3, 4, 5, 6].map((n) => `a${n}@example.org`).join(','),
			},
		}),
		error: 'Forward To has 6 addresses [item 0]',
	},
	{
		case: 'Forwarding: switched on with no address',
		parameters: set('forwarding', { settingsToChange: { enabled: true, forwardTo: '' } }),
		error: 'Forward To is empty while forwarding is switched on [item 0]',
	},
	{
		case: 'Forwarding: a bare CR header injection after an address',
		parameters: set('forwarding', {
			settingsToChange: { forwardTo: 'boss@example.org\rBcc: spy@evil.example' },
		}),
		error: 'Forward To contains a line break [item 0]',
	},
	{
		case: 'Forwarding: a Cyrillic look-alike in the domain',
		parameters: set('forwarding', { settingsToChange: { forwardTo: 'boss@ex\u0430mple.org' } }),
		error:
			'Forward To "boss@ex\u0430mple.org" contains "\u0430" (U+0430, Cyrillic), which only looks like "a" [item 0]',
	},
	{
		case: 'Forwarding: a number as the address',
		parameters: set('forwarding', { settingsToChange: { forwardTo: '={{ 42 }}' } }),
		error: 'Forward To "42" is not a mail address [item 0]',
	},
	// IP login restriction: bad CIDRs
	...[
		'10.0.0.0/33',
		'256.1.1.1',
		'10.0.0/24',
		'10.0.0.1/24/8',
		'2001:db8::/129',
		'2001:db8:::1',
		'fe80::1%eth0',
		'192.168.1.0/-1',
		'example.com',
	].map(
		(entry): BadInput => ({
			case: `IP Login Restriction: "${entry}"`,
			parameters: ipRanges(`203.0.113.0/24, ${entry}`),
			error: `Allowed IP Ranges has "${entry}", which is not an IPv4 or IPv6 address or CIDR range [item 0]`,
		}),
	),
	// Sender lists
	{
		case: 'Sender List: entries only separators',
		parameters: senderList({ entries: ', ;' }),
		error: 'Entries is empty [item 0]',
	},
	{
		case: 'Sender List: "@" without a domain',
		parameters: senderList({ entries: '@' }),
		error: 'Entries has "@" without a domain [item 0]',
	},
	{
		case: 'Sender List: a domain with "_"',
		parameters: senderList({ entries: '@spam_host.example' }),
		error: 'Entries "spam_host.example" is not a mail domain [item 0]',
	},
	{
		case: 'Sender List: not a list',
		parameters: senderList({ list: '={{ "grey" }}', entries: '@spam.example' }),
		error: 'List "grey" is not a list [item 0]',
	},
	{
		case: 'Sender List: 501 entries',
		parameters: senderList({
			entries: Array.from({ length: 501 }, (_, n) => `s${n}@spam.example`).join(','),
		}),
		error: 'Entries has 501 entries [item 0]',
	},
	// Mail approval
	{
		case: 'Mail Approval: switched on without an approver',
		parameters: {
			resource: 'mailApproval',
			operation: 'set',
			department: { __rl: true, mode: 'path', value: '研发中心' },
			settingsToChange: { enabled: true },
		},
		error: 'Approver is not set while approval is switched on [item 0]',
	},
	{
		case: 'Mail Approval: an approver of another domain',
		parameters: {
			resource: 'mailApproval',
			operation: 'set',
			department: { __rl: true, mode: 'path', value: '研发中心' },
			settingsToChange: { approver: 'boss@other.example.com' },
		},
		error: `Approver "boss@other.example.com" is not in the domain ${DOMAIN} [item 0]`,
	},
	{
		case: 'Mail Approval: not a scope',
		parameters: {
			resource: 'mailApproval',
			operation: 'set',
			department: { __rl: true, mode: 'path', value: '研发中心' },
			settingsToChange: { scope: '={{ "internal" }}' },
		},
		error: 'Scope "internal" is not a choice [item 0]',
	},
	// Archive rules
	{
		case: 'Archive Rule: name whitespace only',
		parameters: archiveRule({ name: '   ' }),
		error: 'Name is empty [item 0]',
	},
	{
		case: 'Archive Rule: name of 65 characters',
		parameters: archiveRule({ name: longText(65, '归') }),
		error: 'Name is longer than 64 characters [item 0]',
	},
	{
		case: 'Archive Rule: no condition',
		parameters: archiveRule({ conditions: {} }),
		error: 'Conditions has none set [item 0]',
	},
	{
		case: 'Archive Rule: a sender that is not an address',
		parameters: archiveRule({ conditions: { sender: 'ceo' } }),
		error: 'Sender "ceo" is not a mail address [item 0]',
	},
	{
		case: 'Archive Rule: a domain condition with "_"',
		parameters: archiveRule({ conditions: { domain: '@bad_domain.example' } }),
		error: 'Domain "bad_domain.example" is not a mail domain [item 0]',
	},
	{
		case: 'Archive Rule: a keyword of 257 characters',
		parameters: archiveRule({ conditions: { keyword: longText(257) } }),
		error: 'Keyword is longer than 256 characters [item 0]',
	},
	{
		case: 'Archive Rule: archive mailbox empty',
		parameters: archiveRule({ archiveMailbox: address('={{ "" }}') }),
		error: 'Archive Mailbox is empty [item 0]',
	},
	{
		case: 'Archive Rule → Delete: rule empty',
		parameters: { resource: 'archiveRule', operation: 'delete', rule: address('={{ " " }}') },
		error: 'Rule is empty [item 0]',
	},
	{
		case: 'Archive Rule → Get Many: a limit of 0',
		parameters: { resource: 'archiveRule', operation: 'getAll', limit: 0 },
		error: 'Limit "0" is not a whole number from 1 to 1000000 [item 0]',
	},
];

describeBadInputs('Bad-input corpus: Settings', SETTINGS_NODE_TYPE, rows);
