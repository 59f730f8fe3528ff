/**
 * One workflow per node that succeeds and one that fails, for the secrets check at n8n's debug
 * log level, all run in one `n8n start`. Action nodes run after a Webhook node (production URL
 * `webhook/<workflow id>`, answering with the node's output); they fail on an account that does
 * not exist, or (Logs, which reads the whole organisation) on a wrong AppKey. Triggers fail on a
 * mailbox that does not exist (Email, Push) or on a wrong AppKey (Address Book, Logs, Settings),
 * which n8n refuses on activation, and succeed on an event caused after publishing.
 */
import { randomUUID } from 'node:crypto';

import type { INode, INodeParameters } from 'n8n-workflow';

import type { ExampleWorkflow } from '../../lib/examples';
import { CREDENTIAL_TYPE } from '../../lib/examples';
import { fastPollTimes } from '../active/workflows';
import { CREDENTIAL, NODE_TYPE_PREFIX } from '../fixtures';

/** The same sandbox organisation with an AppKey the platform refuses. */
export const WRONG_KEY_CREDENTIAL = { id: 'netease-e2e-wrong-key', name: 'NetEase, wrong AppKey' };
export const NO_SUCH_ACCOUNT = 'no.such.person';

type Credential = typeof CREDENTIAL;

export interface NodeCase {
	/** The node's name (its type without a prefix). */
	type: string;
	succeeds: ExampleWorkflow;
	fails: ExampleWorkflow;
	/** How the failing workflow goes wrong, for the check's name. */
	failsBy: string;
}

const mailbox = (value: string) => ({ __rl: true, mode: 'address', value });

function workflow(
	id: string,
	type: string,
	parameters: INodeParameters,
	credential: Credential,
	trigger = false,
): ExampleWorkflow {
	const node: INode = {
		id: 'node',
		name: type,
		type: NODE_TYPE_PREFIX + type,
		typeVersion: 1,
		position: [trigger ? 0 : 220, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: credential },
	};
	const webhook: INode = {
		id: 'webhook',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path: id, responseMode: 'lastNode', options: {} },
	};
	return {
		id,
		name: `Secrets check: ${type} ${id.endsWith('-ok') ? 'succeeds' : 'fails'}`,
		nodes: trigger ? [node] : [webhook, node],
		connections: trigger ? {} : { Webhook: { main: [[{ node: type, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** A case whose failing workflow names another account; the same credential. */
function wrongAccount(
	key: string,
	type: string,
	parameters: (account: string) => INodeParameters,
	account: string,
	trigger = false,
): NodeCase {
	return {
		type,
		succeeds: workflow(`sec-${key}-ok`, type, parameters(account), CREDENTIAL, trigger),
		fails: workflow(`sec-${key}-bad`, type, parameters(NO_SUCH_ACCOUNT), CREDENTIAL, trigger),
		failsBy: `account ${NO_SUCH_ACCOUNT}`,
	};
}

/** A case whose failing workflow uses the credential with the wrong AppKey. */
function wrongKey(
	key: string,
	type: string,
	parameters: INodeParameters,
	trigger = false,
): NodeCase {
	return {
		type,
		succeeds: workflow(`sec-${key}-ok`, type, parameters, CREDENTIAL, trigger),
		fails: workflow(`sec-${key}-bad`, type, parameters, WRONG_KEY_CREDENTIAL, trigger),
		failsBy: 'a wrong AppKey',
	};
}

/** The five action nodes, each reading something of `account`. */
export function actionCases(account: string, now = Date.now()): NodeCase[] {
	const day = 24 * 60 * 60 * 1000;
	return [
		wrongAccount(
			'ab',
			'neteaseEmailAddressBook',
			(name) => ({
				resource: 'account',
				operation: 'get',
				account: mailbox(name),
				options: {},
			}),
			account,
		),
		wrongAccount(
			'em',
			'neteaseEmail',
			(name) => ({
				resource: 'mailbox',
				operation: 'getUnreadCount',
				mailbox: mailbox(name),
			}),
			account,
		),
		wrongAccount(
			'sso',
			'neteaseEmailSso',
			(name) => ({
				resource: 'loginLink',
				operation: 'get',
				account: mailbox(name),
				open: 'mailbox',
				language: 0,
				skipSecondFactor: false,
			}),
			account,
		),
		wrongKey('logs', 'neteaseEmailLogs', {
			resource: 'loginLog',
			operation: 'getAll',
			channel: 'web',
			startTime: new Date(now - day).toISOString(),
			endTime: new Date(now).toISOString(),
			returnAll: true,
		}),
		wrongAccount(
			'set',
			'neteaseEmailSettings',
			(name) => ({
				resource: 'mailboxLimits',
				operation: 'get',
				applyTo: 'account',
				account: mailbox(name),
			}),
			account,
		),
	];
}

/** The five triggers; the polling ones poll every 10 s (see ../active/workflows.ts). */
export function triggerCases(account: string): NodeCase[] {
	return [
		wrongKey(
			'abt',
			'neteaseEmailAddressBookTrigger',
			{ pollTimes: fastPollTimes(1), events: ['departmentCreated'], maxItems: 100, options: {} },
			true,
		),
		wrongAccount(
			'emt',
			'neteaseEmailTrigger',
			(name) => ({
				pollTimes: fastPollTimes(3),
				mailboxes: { values: [{ mailbox: mailbox(name) }] },
				folders: [1],
				filters: {},
				maxItems: 100,
				backfillHours: 0,
				options: {},
			}),
			account,
			true,
		),
		wrongAccount(
			'push',
			'neteaseEmailPushTrigger',
			(name) => ({
				source: 'pushmail',
				mailboxScope: 'chosen',
				mailboxes: { mailbox: [{ mailbox: mailbox(name) }] },
				// The earlier steps' n8n registered the organisation's pushmail URL.
				takeOver: true,
				options: {},
			}),
			account,
			true,
		),
		wrongKey(
			'logt',
			'neteaseEmailLogsTrigger',
			{
				pollTimes: fastPollTimes(5),
				event: 'newAdminOperation',
				maxItems: 100,
				backfillHours: 0,
				options: {},
			},
			true,
		),
		wrongKey(
			'sett',
			'neteaseEmailSettingsTrigger',
			{
				pollTimes: fastPollTimes(7),
				events: ['forwardingChanged'],
				maxItems: 100,
				backfillHours: 0,
			},
			true,
		),
	];
}
