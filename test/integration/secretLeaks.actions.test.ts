/**
 * The five action nodes, succeeding and failing in every way a user meets, with n8n's logger at
 * debug level: no AppKey, access, refresh or SSO token in any output item, error, error
 * description, run data or log line.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { NodeType } from './badInputCorpus.support';
import { address } from './badInputCorpus.support';
import {
	callsTo,
	CREATE_ACCOUNT_FROM_ITEM,
	EMAIL_NODE_TYPE,
	LOGS_NODE_TYPE,
	NODE_TYPE,
	SETTINGS_NODE_TYPE,
	SSO_NODE_TYPE,
} from '../support/netease';
import { expectEveryKindLookedFor, useSecretsCheck } from './secretLeaks.support';

const check = useSecretsCheck();
const { platform } = check;

const DAY = 24 * 60 * 60 * 1000;
const NO_SUCH_ACCOUNT = 'no.such.person';
const TOKEN_PATHS = ['/api/pub/token/acquireToken', '/api/pub/token/ssoAuthToken'];
const businessCalls = () =>
	platform.sandbox.control
		.requests()
		.filter((request) => !request.path.startsWith('/api/pub/token/'));

interface ActionNode {
	name: string;
	nodeType: NodeType;
	/** Reads something of `account`. */
	reads: (account: string) => INodeParameters;
	/** A path the platform refuses (-202) for the failing run, instead of an unknown account. */
	deniedPath?: string;
	/** Parameters refused before any request, instead of an account with a look-alike letter. */
	badInput?: INodeParameters;
}

const NODES: ActionNode[] = [
	{
		name: 'Address Book',
		nodeType: NODE_TYPE,
		reads: (account) => ({ resource: 'account', operation: 'get', account: address(account) }),
	},
	{
		name: 'Email',
		nodeType: EMAIL_NODE_TYPE,
		reads: (account) => ({
			resource: 'mailbox',
			operation: 'getUnreadCount',
			mailbox: address(account),
		}),
	},
	{
		name: 'SSO',
		nodeType: SSO_NODE_TYPE,
		reads: (account) => ({ resource: 'loginLink', operation: 'get', account: address(account) }),
	},
	{
		name: 'Logs',
		nodeType: LOGS_NODE_TYPE,
		reads: (account) => ({
			resource: 'loginLog',
			operation: 'getAll',
			channel: 'web',
			accountNames: account,
			startTime: new Date(Date.now() - 7 * DAY).toISOString(),
			endTime: new Date().toISOString(),
			returnAll: true,
		}),
		deniedPath: '/api/open/logquery/webLogin',
		badInput: {
			resource: 'loginLog',
			operation: 'getAll',
			channel: 'web',
			startTime: new Date().toISOString(),
			endTime: new Date(Date.now() - DAY).toISOString(),
		},
	},
	{
		name: 'Settings',
		nodeType: SETTINGS_NODE_TYPE,
		reads: (account) => ({
			resource: 'mailboxLimits',
			operation: 'get',
			applyTo: 'account',
			account: address(account),
		}),
	},
];

interface Failure {
	by: string;
	/** Prepares the platform or the credential; returns the node's parameters. */
	arrange: (node: ActionNode) => INodeParameters;
	/** The end of the error message; bad input names its field and sends no business request. */
	says?: RegExp;
}

const FAILURES: Failure[] = [
	{
		by: 'a wrong AppKey',
		arrange: (node) => {
			check.useWrongAppKey();
			return node.reads('zhang.wei');
		},
		says: /\(code -100\) \[item 0\]$/,
	},
	{
		by: 'a platform refusal',
		arrange: (node) => {
			if (!node.deniedPath) return node.reads(NO_SUCH_ACCOUNT);
			platform.sandbox.control.configure({ deniedPaths: [node.deniedPath] });
			return node.reads('zhang.wei');
		},
		says: /\((ACCOUNT\.NOTEXIST, code -3|code -202)\) \[item 0\]$/,
	},
	{
		by: 'bad input',
		// A Cyrillic "а" that only looks like "a".
		arrange: (node) => node.badInput ?? node.reads('li.n\u0430'),
	},
	{
		by: 'the token call dropped',
		arrange: (node) => {
			for (const path of TOKEN_PATHS)
				platform.sandbox.control.injectFault({ path, kind: 'drop', times: 50 });
			return node.reads('zhang.wei');
		},
		says: /\(ECONNRESET\) \[item 0\]$/,
	},
	{
		by: 'the app expired (token calls answer -305)',
		arrange: (node) => {
			platform.sandbox.control.configure({ appExpired: true });
			return node.reads('zhang.wei');
		},
		says: /\(code -305\) \[item 0\]$/,
	},
];

describe.each(NODES.map((node) => [node.name, node] as const))('%s node', (_, node) => {
	test('succeeds with a new token, then with one renewed by its refresh token', async () => {
		const first = await check.run(`${node.name} (new token)`, node.reads('zhang.wei'), {
			nodeType: node.nodeType,
		});
		expect(first.error?.message).toBeUndefined();
		expect(first.success).toBe(true);
		platform.sandbox.control.expireAccessTokens();
		const renewed = await check.run(`${node.name} (renewed token)`, node.reads('li.na'), {
			nodeType: node.nodeType,
		});
		expect(renewed.error?.message).toBeUndefined();
		const refreshes = platform.sandbox.control
			.requests()
			.filter((request) => request.path === '/api/pub/token/refresh');
		// The SSO node signs with its own token, asked for with the AppKey.
		if (node.nodeType !== SSO_NODE_TYPE) expect(refreshes).toHaveLength(1);
		await check.expectNoSecret();
	});

	describe.each(FAILURES.map((failure) => [failure.by, failure] as const))(
		'fails on %s',
		(by, failure) => {
			test('and stops the workflow', async () => {
				const run = await check.run(`${node.name} failing on ${by}`, failure.arrange(node), {
					nodeType: node.nodeType,
				});
				expect(run.success).toBe(false);
				expect(run.error?.message).toMatch(failure.says ?? /\S \[item 0\]$/);
				expect(run.error?.description).toBeTruthy();
				if (!failure.says) expect(businessCalls()).toEqual([]);
				await check.expectNoSecret();
			});

			test('and, with Continue On Fail, outputs the error as an item', async () => {
				const run = await check.run(
					`${node.name} failing on ${by} (continue on fail)`,
					failure.arrange(node),
					{ nodeType: node.nodeType, continueOnFail: true },
				);
				expect(run.success).toBe(true);
				expect(run.json).toHaveLength(1);
				expect(run.json[0].error).toMatch(failure.says ?? /\S \[item 0\]$/);
				await check.expectNoSecret();
			});
		},
	);
});

describe('a write', () => {
	test('whose answer was lost, then one the platform refuses', async () => {
		const hire = { accountName: 'secret.check', name: '保密检查' };
		platform.sandbox.control.injectFault({
			path: '/api/open/account/createAccount',
			kind: 'lostResponse',
		});
		const created = await check.run(
			'Account → Create after a lost answer',
			CREATE_ACCOUNT_FROM_ITEM,
			{
				items: [hire],
			},
		);
		expect(created.json).toEqual([expect.objectContaining({ created: true })]);
		const refused = await check.run(
			'Account → Create of an existing account',
			CREATE_ACCOUNT_FROM_ITEM,
			{
				items: [hire],
			},
		);
		expect(refused.error?.message).toMatch(/EXIST/);
		expect(callsTo(platform.sandbox, '/api/open/account/createAccount')).toHaveLength(2);
		await check.expectNoSecret();
	});
});

describe('the check itself', () => {
	test('finds a token n8n logged, put in an output item or in an error', async () => {
		const run = await check.run('Address Book', {
			resource: 'account',
			operation: 'get',
			account: address('li.na'),
		});
		expect(run.success).toBe(true);
		const [{ accessToken, refreshToken }] = platform.credentials.updates
			.map((update) => update.data)
			.slice(-1);
		check.logDebug('a node logging its token', { token: accessToken });
		check.record('an output item', { json: { refreshToken } });
		check.record('an error', new Error(`refused with ${String(accessToken)}`));
		const failure = await check.expectNoSecret().then(
			() => '',
			(error: Error) => error.message,
		);
		expect(failure).toMatch(
			/access token \S+ in n8n's log \(debug level\) line \d+: .*<access token>/,
		);
		expect(failure).toMatch(/refresh token \S+ in an output item line 1: .*<refresh token>/);
		expect(failure).toMatch(/access token \S+ in an error line 1: .*refused with <access token>/);
	});
});

expectEveryKindLookedFor(check);
