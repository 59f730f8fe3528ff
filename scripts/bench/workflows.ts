/**
 * The benchmark's workflows, built for one sandbox (its URL and identity go into the HTTP Request
 * nodes): 2,000 accounts created with n8n's HTTP Request node, untuned and with batching tuned by
 * hand, and with this package's Address Book node; accounts read back with Get Many.
 *
 * Every create workflow makes its items the same Set/Code-free way: a Set node (raw JSON) holds
 * the array of accounts, Split Out turns it into one item per account.
 */
import type { IConnections, INode, INodeParameters } from 'n8n-workflow';

import type { SandboxIdentity } from '../../sandbox';
import { NODE_TYPE_PREFIX, CREDENTIAL } from '../e2e/fixtures';
import type { ExampleWorkflow } from '../lib/examples';
import { CREDENTIAL_TYPE } from '../lib/examples';

/** The node whose run is measured in every create workflow. */
export const CREATE_NODE = 'Create accounts';
/** The node whose run is measured in the read workflows. */
export const READ_NODE = 'Get accounts';
export const PASSWORD = 'Welcome#2026';

export interface NewAccount {
	accountName: string;
	name: string;
}

/** `bench0001`, `bench0002`… with a display name each. */
export function newAccounts(count: number, prefix = 'bench'): NewAccount[] {
	const width = String(count).length;
	return Array.from({ length: count }, (_, n) => {
		const number = String(n + 1).padStart(width, '0');
		return { accountName: `${prefix}${number}`, name: `压测员工${number}` };
	});
}

/** Where the HTTP Request workflows send their calls. */
export interface Platform {
	url: string;
	identity: SandboxIdentity;
}

/** How the HTTP Request node spaces its requests (Options → Batching). */
export interface Batching {
	batchSize: number;
	batchIntervalMs: number;
}

export const node = (
	name: string,
	type: string,
	typeVersion: number,
	parameters: INodeParameters,
) =>
	({ id: name.toLowerCase().replace(/\W+/g, '-'), name, type, typeVersion, parameters }) as INode;

/** The nodes one after the other, laid out left to right. */
export function workflow(id: string, name: string, nodes: INode[]): ExampleWorkflow {
	const connections: IConnections = {};
	nodes.forEach((current, i) => {
		current.position = [i * 220, 0];
		const next = nodes[i + 1];
		if (next) connections[current.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

const start = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, {});

/** A Set node holding `{ accounts: [...] }`, then Split Out: one item per account. */
function accountItems(accounts: NewAccount[]): INode[] {
	return [
		node('Accounts', 'n8n-nodes-base.set', 3.4, {
			mode: 'raw',
			jsonOutput: JSON.stringify({ accounts }),
			options: {},
		}),
		node('One item per account', 'n8n-nodes-base.splitOut', 1, {
			fieldToSplitOut: 'accounts',
			options: {},
		}),
	];
}

/** The HTTP Request node as n8n 2.40.5 adds it (its default version), POSTing a JSON body. */
function httpPost(name: string, url: string, jsonBody: string, extra: INodeParameters = {}) {
	return node(name, 'n8n-nodes-base.httpRequest', 4.5, {
		method: 'POST',
		url,
		sendBody: true,
		specifyBody: 'json',
		jsonBody,
		options: {},
		...extra,
	});
}

/**
 * (a) and (b): the token fetched up front by one HTTP Request node, then one createAccount
 * request per item with the three platform headers; `batching` fills in Options → Batching.
 */
export function httpRequestCreate(
	id: string,
	accounts: NewAccount[],
	{ url, identity }: Platform,
	batching?: Batching,
): ExampleWorkflow {
	const { appId, authCode, orgOpenId, domain } = identity;
	const token = httpPost(
		'Acquire token',
		`${url}/api/pub/token/acquireToken`,
		JSON.stringify({ appId, authCode, orgOpenId }),
	);
	const header = (name: string, value: string) => ({ name, value });
	const create = httpPost(
		CREATE_NODE,
		`${url}/api/open/account/createAccount`,
		`={{ JSON.stringify({ domain: '${domain}', accountName: $json.accountName, name: $json.name, password: '${PASSWORD}', passType: 0, passChangeFirstLogin: 1, visibleInAddr: 1 }) }}`,
		{
			sendHeaders: true,
			headerParameters: {
				parameters: [
					header('qiye-access-token', "={{ $('Acquire token').first().json.data.accessToken }}"),
					header('qiye-app-id', appId),
					header('qiye-org-open-id', orgOpenId),
				],
			},
			options: batching
				? {
						batching: {
							batch: { batchSize: batching.batchSize, batchInterval: batching.batchIntervalMs },
						},
					}
				: {},
		},
	);
	create.onError = 'continueRegularOutput';
	const title = batching
		? `HTTP Request, batching ${batching.batchSize} per ${batching.batchIntervalMs} ms`
		: 'HTTP Request, default options';
	return workflow(id, `Bench: ${title}`, [start(), token, ...accountItems(accounts), create]);
}

function addressBook(name: string, parameters: INodeParameters): INode {
	const created = node(name, `${NODE_TYPE_PREFIX}neteaseEmailAddressBook`, 1, parameters);
	created.credentials = { [CREDENTIAL_TYPE]: CREDENTIAL };
	return created;
}

/** (c): NetEase Email Address Book → Account → Create, no option changed. */
export function nodeCreate(id: string, accounts: NewAccount[]): ExampleWorkflow {
	const create = addressBook(CREATE_NODE, {
		resource: 'account',
		operation: 'create',
		accountName: '={{ $json.accountName }}',
		name: '={{ $json.name }}',
		password: PASSWORD,
	});
	// Every item reports its own outcome, as for the HTTP Request node.
	create.onError = 'continueRegularOutput';
	return workflow(id, 'Bench: NetEase Email Address Book, Account → Create', [
		start(),
		...accountItems(accounts),
		create,
	]);
}

/** Account → Get Many with Return All, or with a limit. */
export function nodeGetMany(id: string, limit?: number): ExampleWorkflow {
	const read = addressBook(READ_NODE, {
		resource: 'account',
		operation: 'getAll',
		returnAll: limit === undefined,
		...(limit === undefined ? {} : { limit }),
	});
	const title = limit === undefined ? 'Return All' : `limit ${limit}`;
	return workflow(id, `Bench: Account → Get Many, ${title}`, [start(), read]);
}
