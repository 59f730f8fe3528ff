import type { INodeParameters } from 'n8n-workflow';

import { LOGS_NODE_TYPE } from '../support/netease';
import type { BadInput } from './badInputCorpus.support';
import { describeBadInputs, DOMAIN } from './badInputCorpus.support';

/** A month in the past: a range the platform takes in one query. */
const FEBRUARY = { startTime: '2026-02-01T00:00:00+08:00', endTime: '2026-02-28T00:00:00+08:00' };

const logs = (resource: string, fields: INodeParameters): INodeParameters => ({
	resource,
	operation: 'getAll',
	...FEBRUARY,
	...fields,
});

const rows: BadInput[] = [
	{
		case: 'Start empty from an expression',
		parameters: logs('loginLog', { startTime: '={{ "" }}' }),
		error: 'Start is empty [item 0]',
	},
	{
		case: 'End is not a date',
		parameters: logs('sentMailLog', { endTime: 'end of month' }),
		error: 'End "end of month" is not a date and time [item 0]',
	},
	{
		case: 'Start is the 30th of February',
		parameters: logs('receivedMailLog', { startTime: '2026-02-30T00:00:00' }),
		error: 'Start "2026-02-30T00:00:00" is not a date and time [item 0]',
	},
	{
		case: 'Start is an object from an expression',
		parameters: logs('adminLog', { startTime: '={{ {a: 1} }}' }),
		error: 'Start "[object Object]" is not a date and time [item 0]',
	},
	{
		case: 'End is a list from an expression',
		parameters: logs('adminLog', { endTime: '={{ [2026, 2, 28] }}' }),
		error: 'End "2026,2,28" is not a date and time [item 0]',
	},
	{
		case: 'a reversed range',
		parameters: logs('loginLog', {
			startTime: '2026-02-28T00:00:00+08:00',
			endTime: '2026-02-01T00:00:00+08:00',
		}),
		error:
			/^End \(2026-\d\d-\d\d \d\d:00 \(UTC[+-]\d\d:\d\d\)\) is before Start \(.+\) \[item 0\]$/,
	},
	{
		case: 'a range in the future',
		parameters: logs('adminLog', {
			startTime: '2999-01-01T00:00:00+08:00',
			endTime: '2999-01-02T00:00:00+08:00',
		}),
		error: /^Start \(299\d-\d\d-\d\d \d\d:00 \(UTC[+-]\d\d:\d\d\)\) is in the future \[item 0\]$/,
	},
	{
		case: 'a negative limit',
		parameters: logs('loginLog', { limit: -5 }),
		error: 'Limit "-5" is not a whole number from 1 to 1000000 [item 0]',
	},
	{
		case: 'a limit of a billion',
		parameters: logs('sentMailLog', { limit: 1_000_000_000 }),
		error: 'Limit "1000000000" is not a whole number from 1 to 1000000 [item 0]',
	},
	{
		case: 'text as the limit',
		parameters: logs('adminLog', { limit: '={{ "many" }}' }),
		error: 'Limit "many" is not a whole number from 1 to 1000000 [item 0]',
	},
	{
		case: 'an account with capital letters',
		parameters: logs('receivedMailLog', { filters: { accounts: 'Li.Na' } }),
		error: 'Accounts "Li.Na" contains capital letters [item 0]',
	},
	{
		case: 'an account of another domain',
		parameters: logs('loginLog', { filters: { accounts: 'li.na@other.example.com' } }),
		error: `Accounts "li.na@other.example.com" is not an address of ${DOMAIN} [item 0]`,
	},
	{
		case: 'an account with a full-width "＠"',
		parameters: logs('sentMailLog', { filters: { accounts: `li.na\uFF20${DOMAIN}` } }),
		error: `Accounts "li.na\uFF20${DOMAIN}" contains "\uFF20" (U+FF20, full-width), which only looks like "@" [item 0]`,
	},
	{
		case: 'an account with a zero-width space',
		parameters: logs('loginLog', { filters: { accounts: 'li\u200B.na' } }),
		error: 'Accounts contains an invisible character (U+200B, zero-width space) [item 0]',
	},
	{
		case: 'not a channel',
		parameters: logs('loginLog', { channel: '={{ "fax" }}' }),
		error: 'Channel "fax" is not a channel [item 0]',
	},
	{
		case: 'a login result that does not exist',
		parameters: logs('loginLog', { filters: { result: '={{ "maybe" }}' } }),
		error: 'Result "maybe" is not a choice [item 0]',
	},
	{
		case: 'a sent-mail status that does not exist',
		parameters: logs('sentMailLog', { filters: { status: '={{ "bounced" }}' } }),
		error: 'Status "bounced" is not a choice [item 0]',
	},
	{
		case: 'a received-mail status that does not exist',
		parameters: logs('receivedMailLog', { filters: { status: '={{ "quarantined" }}' } }),
		error: 'Status "quarantined" is not a choice [item 0]',
	},
	{
		case: 'an operator with a line break',
		parameters: logs('adminLog', { filters: { operator: 'admin\r\nx' } }),
		error: 'Operator contains a line break [item 0]',
	},
	{
		case: 'an operator with SQL injection',
		parameters: logs('adminLog', { filters: { operator: "admin' OR '1'='1" } }),
		error: `Operator "admin' OR '1'='1" is not an app ID or account name [item 0]`,
	},
];

describeBadInputs('Bad-input corpus: Logs', LOGS_NODE_TYPE, rows);
