import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError, Workflow } from 'n8n-workflow';

import {
	CredentialStore,
	CredentialTypeRegistry,
	HarnessCredentialsHelper,
	createNodeTypes,
	START_NODE,
	runWorkflow,
} from '../harness';
import type { RunWorkflowOptions } from '../harness';

// ---------------------------------------------------------------------------------------------
// A tiny token API on loopback: POST /token hands out a new token; GET /echo needs the current one.
// ---------------------------------------------------------------------------------------------

interface RecordedCall {
	path: string;
	token: string | undefined;
	query: Record<string, string>;
}

class TokenApi {
	tokenFetches = 0;
	validToken: string | undefined;
	/** How a request with a wrong token is answered. */
	staleAnswer: '401' | 'code' = 'code';
	/** Invalidate the token after this many successful /echo calls (server-side rotation). */
	rotateAfterCalls: number | undefined;
	readonly calls: RecordedCall[] = [];
	private okCalls = 0;
	private server: Server | undefined;
	baseUrl = '';

	async start(): Promise<void> {
		this.server = createServer((req, res) => this.handle(req, res));
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${port}`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}

	reset(): void {
		this.tokenFetches = 0;
		this.validToken = undefined;
		this.staleAnswer = 'code';
		this.rotateAfterCalls = undefined;
		this.calls.length = 0;
		this.okCalls = 0;
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		const url = new URL(req.url ?? '/', this.baseUrl);
		const token = req.headers['x-token'] as string | undefined;
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		req.resume();
		req.on('end', () => {
			if (req.method === 'POST' && url.pathname === '/token') {
				this.tokenFetches += 1;
				this.validToken = `token-${this.tokenFetches}`;
				send(200, { accessToken: this.validToken });
				return;
			}
			if (url.pathname === '/echo') {
				this.calls.push({ path: url.pathname, token, query: Object.fromEntries(url.searchParams) });
				if (token === undefined || token !== this.validToken) {
					if (this.staleAnswer === '401') send(401, { message: 'invalid token' });
					else send(200, { code: -301, message: 'access token expired' });
					return;
				}
				this.okCalls += 1;
				if (this.rotateAfterCalls !== undefined && this.okCalls === this.rotateAfterCalls) {
					this.validToken = 'rotated-on-the-server';
				}
				send(200, { code: 0, data: { name: url.searchParams.get('name'), token } });
				return;
			}
			send(404, { message: 'not found' });
		});
	}
}

// ---------------------------------------------------------------------------------------------
// A credential type and a node type written for this test only.
// ---------------------------------------------------------------------------------------------

const CREDENTIAL_TYPE = 'harnessTokenApi';

class HarnessTokenApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'Harness Token API';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${credentials.baseUrl as string}/token`,
			body: { secret: credentials.clientSecret },
			json: true,
		})) as { accessToken: string };
		return { accessToken: response.accessToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'x-token': '={{$credentials.accessToken}}' } },
	};
}

type EchoResponse = { code: number; message?: string; data?: IDataObject };

/** Calls GET /echo?name=<name> per item; recovers once from HTTP 200 + code -301 (§4.6). */
class TokenEcho implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Token Echo',
		name: 'tokenEcho',
		group: ['transform'],
		version: 1,
		description: 'Echoes a name through the token API',
		defaults: { name: 'Token Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Fail On Name',
				name: 'failOn',
				type: 'string',
				default: '',
				description: 'Throw a NodeOperationError for items with this name',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const name = this.getNodeParameter('name', i) as string;
				if (name !== '' && name === this.getNodeParameter('failOn', i)) {
					throw new NodeOperationError(this.getNode(), `Refusing to echo "${name}"`, {
						itemIndex: i,
					});
				}
				const { baseUrl } = await this.getCredentials<{ baseUrl: string }>(CREDENTIAL_TYPE, i);
				const options = (): IHttpRequestOptions => ({
					method: 'GET',
					url: `${baseUrl}/echo`,
					qs: { name },
					json: true,
				});
				let response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					CREDENTIAL_TYPE,
					options(),
				)) as EchoResponse;
				if (response.code === -301) {
					const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
					const data = await this.getCredentials(CREDENTIAL_TYPE, i);
					response = (await this.helpers.httpRequestWithAuthentication.call(
						this,
						CREDENTIAL_TYPE,
						options(),
						{
							credentialsDecrypted: {
								id: reference?.id ?? '',
								name: reference?.name ?? '',
								type: CREDENTIAL_TYPE,
								data: { ...data, accessToken: '' },
							},
						},
					)) as EchoResponse;
				}
				if (response.code !== 0) {
					throw new NodeApiError(this.getNode(), response as unknown as JsonObject, {
						itemIndex: i,
						message: `API answered code ${response.code}`,
					});
				}
				returnData.push({ json: response.data ?? {}, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [returnData];
	}
}

// ---------------------------------------------------------------------------------------------

const api = new TokenApi();

beforeAll(async () => {
	await api.start();
});

afterAll(async () => {
	await api.stop();
});

beforeEach(() => api.reset());

const CREDENTIAL_ID = 'cred-1';

const storeWith = (accessToken: string) =>
	new CredentialStore([
		{
			id: CREDENTIAL_ID,
			name: 'Harness account',
			type: CREDENTIAL_TYPE,
			data: { accessToken, baseUrl: api.baseUrl, clientSecret: 's3cret' },
		},
	]);

const echoNode = (parameters: INode['parameters'], extra: Partial<INode> = {}): INode => ({
	id: 'echo',
	name: 'Echo',
	type: 'test.tokenEcho',
	typeVersion: 1,
	position: [200, 0],
	parameters,
	credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: 'Harness account' } },
	...extra,
});

const startToEcho = {
	Start: { main: [[{ node: 'Echo', type: NodeConnectionTypes.Main, index: 0 }]] },
};

/** Start → Echo, with the test's node and credential types; `extra` overrides any option. */
const run = (
	credentials: CredentialStore,
	echo: INode,
	startItems?: INodeExecutionData[],
	extra: Partial<RunWorkflowOptions> = {},
) =>
	runWorkflow({
		nodes: [START_NODE, echo],
		connections: startToEcho,
		nodeTypes: { 'test.tokenEcho': TokenEcho },
		credentialTypes: { [CREDENTIAL_TYPE]: new HarnessTokenApi() },
		credentials,
		startItems,
		...extra,
	});

const twoItems = [{ json: { name: 'alpha' } }, { json: { name: 'beta' } }];

describe('runWorkflow', () => {
	test('a two-item workflow fetches one token and sends it on every request', async () => {
		const store = storeWith('');

		const result = await run(store, echoNode({ name: '={{ $json.name }}' }), twoItems);

		expect(result.error).toBeUndefined();
		expect(result.success).toBe(true);
		expect(result.executedNodes).toEqual(['Start', 'Echo']);
		expect(api.tokenFetches).toBe(1);
		expect(api.calls.map((call) => call.token)).toEqual(['token-1', 'token-1']);
		expect(result.output('Echo')).toEqual([
			{ json: { name: 'alpha', token: 'token-1' }, pairedItem: { item: 0 } },
			{ json: { name: 'beta', token: 'token-1' }, pairedItem: { item: 1 } },
		]);
		expect(store.require(CREDENTIAL_ID).data.accessToken).toBe('token-1');
		expect(store.updates).toEqual([
			{
				id: CREDENTIAL_ID,
				type: CREDENTIAL_TYPE,
				data: { accessToken: 'token-1', baseUrl: api.baseUrl, clientSecret: 's3cret' },
			},
		]);
	});

	test('a token rotated on the server (HTTP 200 + code -301) is refreshed once through credentialsDecrypted and persisted', async () => {
		const store = storeWith('');
		api.rotateAfterCalls = 1;

		const result = await run(store, echoNode({ name: '={{ $json.name }}' }), twoItems);

		expect(result.error).toBeUndefined();
		expect(result.success).toBe(true);
		expect(api.tokenFetches).toBe(2);
		expect(api.calls.map((call) => call.token)).toEqual(['token-1', 'token-1', 'token-2']);
		expect(result.output('Echo').map((item) => item.json)).toEqual([
			{ name: 'alpha', token: 'token-1' },
			{ name: 'beta', token: 'token-2' },
		]);
		expect(store.require(CREDENTIAL_ID).data.accessToken).toBe('token-2');
		expect(store.updates.map((update) => update.data.accessToken)).toEqual(['token-1', 'token-2']);
		expect(store.updates.at(-1)).toEqual({
			id: CREDENTIAL_ID,
			type: CREDENTIAL_TYPE,
			data: { accessToken: 'token-2', baseUrl: api.baseUrl, clientSecret: 's3cret' },
		});
	});

	test('HTTP 401 to a stored stale token forces preAuthentication and one retry', async () => {
		const store = storeWith('stale-token');
		api.staleAnswer = '401';

		const result = await run(store, echoNode({ name: 'gamma' }));

		expect(result.error).toBeUndefined();
		expect(result.success).toBe(true);
		expect(api.tokenFetches).toBe(1);
		expect(api.calls.map((call) => call.token)).toEqual(['stale-token', 'token-1']);
		expect(result.output('Echo')).toEqual([
			{ json: { name: 'gamma', token: 'token-1' }, pairedItem: { item: 0 } },
		]);
		expect(store.updates.map((update) => update.data.accessToken)).toEqual(['token-1']);
	});

	test('a stored valid token is used without fetching a new one', async () => {
		const store = storeWith('');
		await run(store, echoNode({ name: 'first' }));
		api.calls.length = 0;

		const result = await run(store, echoNode({ name: 'second' }));

		expect(result.success).toBe(true);
		expect(api.tokenFetches).toBe(1);
		expect(api.calls.map((call) => call.token)).toEqual(['token-1']);
		expect(store.updates).toHaveLength(1);
	});

	test('expression parameters resolve against the item', async () => {
		const store = storeWith('');

		const result = await run(
			store,
			echoNode({ name: '={{ $json.first + "-" + $json.last.toUpperCase() }}' }),
			[{ json: { first: 'ada', last: 'lovelace' } }],
		);

		expect(result.success).toBe(true);
		expect(api.calls.map((call) => call.query)).toEqual([{ name: 'ada-LOVELACE' }]);
		expect(result.output('Echo')[0].json.name).toBe('ada-LOVELACE');
	});

	test('a NodeOperationError stops the run with success false and that error', async () => {
		const store = storeWith('');

		const result = await run(
			store,
			echoNode({ name: '={{ $json.name }}', failOn: 'beta' }),
			twoItems,
		);

		expect(result.success).toBe(false);
		// The engine keeps a plain-object copy of the error, not the instance.
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Refusing to echo "beta"',
			node: { name: 'Echo' },
			context: { itemIndex: 1 },
		});
		expect(result.output('Echo')).toEqual([]);
		expect(result.runData.Echo[0].error?.message).toBe('Refusing to echo "beta"');
		expect(result.raw.data.resultData.lastNodeExecuted).toBe('Echo');
	});

	test("onError 'continueRegularOutput' is honoured by a node that implements continueOnFail", async () => {
		const store = storeWith('');

		const result = await run(
			store,
			echoNode(
				{ name: '={{ $json.name }}', failOn: 'alpha' },
				{ onError: 'continueRegularOutput' },
			),
			twoItems,
		);

		expect(result.error).toBeUndefined();
		expect(result.success).toBe(true);
		expect(result.output('Echo')).toEqual([
			{ json: { error: 'Refusing to echo "alpha"' }, pairedItem: { item: 0 } },
			{ json: { name: 'beta', token: 'token-1' }, pairedItem: { item: 1 } },
		]);
	});

	test('credential fields holding expressions are resolved for the node and kept as expressions when the token is persisted', async () => {
		const store = new CredentialStore([
			{
				id: CREDENTIAL_ID,
				name: 'Harness account',
				type: CREDENTIAL_TYPE,
				data: { accessToken: '', baseUrl: '={{ $vars.apiBase }}', clientSecret: 's3cret' },
			},
		]);

		const result = await run(store, echoNode({ name: 'vars' }), undefined, {
			variables: { apiBase: api.baseUrl },
		});

		expect(result.error).toBeUndefined();
		expect(api.tokenFetches).toBe(1);
		expect(store.require(CREDENTIAL_ID).data).toEqual({
			accessToken: 'token-1',
			baseUrl: '={{ $vars.apiBase }}',
			clientSecret: 's3cret',
		});
	});

	test('pinned data replaces a node run, and static data is shared with the caller', async () => {
		class Counter implements INodeType {
			description: INodeTypeDescription = {
				...new TokenEcho().description,
				name: 'counter',
				credentials: [],
				properties: [],
			};

			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				const staticData = this.getWorkflowStaticData('global');
				staticData.count = ((staticData.count as number | undefined) ?? 0) + 1;
				return [this.getInputData()];
			}
		}
		// n8n keys workflow static data by context: `global`, or `node:<node name>`.
		const staticData: IDataObject = { global: { count: 41 } };

		const echo = echoNode({ name: 'never sent' });
		const count: INode = { ...START_NODE, id: 'count', name: 'Count', type: 'test.counter' };

		const result = await run(storeWith(''), echo, undefined, {
			nodes: [START_NODE, echo, count],
			connections: {
				...startToEcho,
				Echo: { main: [[{ node: 'Count', type: NodeConnectionTypes.Main, index: 0 }]] },
			},
			nodeTypes: { 'test.tokenEcho': TokenEcho, 'test.counter': Counter },
			pinData: { Echo: [{ json: { pinned: true } }] },
			staticData,
		});

		expect(result.success).toBe(true);
		expect(api.calls).toEqual([]);
		expect(result.output('Echo')).toEqual([{ json: { pinned: true }, pairedItem: { item: 0 } }]);
		expect(result.output('Count').map((item) => item.json)).toEqual([{ pinned: true }]);
		expect(staticData.global).toEqual({ count: 42 });
		expect(result.staticData).toEqual({ global: { count: 42 } });
	});

	test('a second expiry code after the refresh becomes a NodeApiError', async () => {
		const store = storeWith('stale');
		api.validToken = 'never-handed-out';

		const result = await run(store, echoNode({ name: 'x' }), undefined, {
			credentialTypes: {
				// A token endpoint that hands out tokens the API does not accept.
				[CREDENTIAL_TYPE]: Object.assign(new HarnessTokenApi(), {
					async preAuthentication() {
						return { accessToken: 'also-wrong' };
					},
				}),
			},
		});

		expect(result.success).toBe(false);
		expect(result.error).toMatchObject({ name: 'NodeApiError', message: 'API answered code -301' });
		expect(api.calls.map((call) => call.token)).toEqual(['stale', 'also-wrong']);
		expect(store.require(CREDENTIAL_ID).data.accessToken).toBe('also-wrong');
	});
});

// ---------------------------------------------------------------------------------------------
// The credentials helper on its own.
// ---------------------------------------------------------------------------------------------

describe('HarnessCredentialsHelper', () => {
	const node = echoNode({});
	const workflow = new Workflow({
		nodes: [START_NODE, node],
		connections: {},
		active: false,
		nodeTypes: createNodeTypes({ 'test.tokenEcho': TokenEcho }),
	});

	test('generic authenticate resolves expressions into headers, qs and body', async () => {
		const genericType: ICredentialType = {
			name: 'genericApi',
			displayName: 'Generic API',
			properties: [],
			authenticate: {
				type: 'generic',
				properties: {
					headers: { Authorization: '=Bearer {{$credentials.token}}' },
					qs: { key: '={{$credentials.key}}', fixed: 'yes' },
					body: { tenant: '={{$credentials.tenant}}' },
				},
			},
		};
		const helper = new HarnessCredentialsHelper(
			new CredentialStore(),
			new CredentialTypeRegistry({ genericApi: genericType }),
		);

		const options = await helper.authenticate(
			{ token: 't', key: 'k', tenant: 'acme' },
			'genericApi',
			{ url: 'http://example.invalid', qs: { page: 2 }, body: { a: 1 } },
			workflow,
			node,
		);

		expect(options).toEqual({
			url: 'http://example.invalid',
			headers: { Authorization: 'Bearer t' },
			qs: { page: 2, key: 'k', fixed: 'yes' },
			body: { a: 1, tenant: 'acme' },
		});
	});

	test('function authenticate is called with the credentials and the request', async () => {
		const functionType: ICredentialType = {
			name: 'functionApi',
			displayName: 'Function API',
			properties: [],
			authenticate: async (credentials, requestOptions) => ({
				...requestOptions,
				headers: { ...requestOptions.headers, 'x-sig': `${credentials.secret as string}!` },
			}),
		};
		const helper = new HarnessCredentialsHelper(
			new CredentialStore(),
			new CredentialTypeRegistry({ functionApi: functionType }),
		);

		const options = await helper.authenticate({ secret: 'abc' }, 'functionApi', {
			url: 'http://example.invalid',
		});

		expect(options.headers).toEqual({ 'x-sig': 'abc!' });
	});

	test('preAuthentication follows n8n: first hidden expirable field only, persists on the referenced credential', async () => {
		const calls: ICredentialDataDecryptedObject[] = [];
		const type: ICredentialType = {
			name: CREDENTIAL_TYPE,
			displayName: 'T',
			properties: [
				{ displayName: 'Visible', name: 'visible', type: 'string', default: '' },
				{
					displayName: 'Token',
					name: 'accessToken',
					type: 'hidden',
					typeOptions: { expirable: true },
					default: '',
				},
				{
					displayName: 'Other',
					name: 'other',
					type: 'hidden',
					typeOptions: { expirable: true },
					default: '',
				},
			],
			async preAuthentication(credentials) {
				calls.push({ ...credentials });
				return { accessToken: 'fresh', region: 'eu', visible: 'changed' };
			},
		};
		const store = new CredentialStore([
			{
				id: CREDENTIAL_ID,
				name: 'n',
				type: CREDENTIAL_TYPE,
				data: { accessToken: 'kept', visible: '={{ "expr" }}', other: '' },
			},
		]);
		const helper = new HarnessCredentialsHelper(
			store,
			new CredentialTypeRegistry({ [CREDENTIAL_TYPE]: type }),
		);
		const holder: IHttpRequestHelper = {
			helpers: { httpRequest: async () => ({}) },
		};

		// The field is set and not expired: nothing happens (the empty `other` does not count).
		const current = { accessToken: 'kept', other: '' };
		expect(await helper.preAuthentication(holder, current, CREDENTIAL_TYPE, node, false)).toBe(
			undefined,
		);
		expect(calls).toHaveLength(0);

		// Expired: runs, merges into the given object, persists (expression-valued field kept).
		const merged = await helper.preAuthentication(holder, current, CREDENTIAL_TYPE, node, true);
		expect(calls).toHaveLength(1);
		expect(merged).toBe(current);
		expect(current).toEqual({ accessToken: 'fresh', other: '', region: 'eu', visible: 'changed' });
		expect(store.require(CREDENTIAL_ID).data).toEqual({
			accessToken: 'fresh',
			visible: '={{ "expr" }}',
			other: '',
			region: 'eu',
		});
		expect(store.updates).toHaveLength(1);

		// No hidden expirable field at all: never runs.
		const plain = new HarnessCredentialsHelper(
			store,
			new CredentialTypeRegistry({
				[CREDENTIAL_TYPE]: { ...type, properties: [type.properties[0]] },
			}),
		);
		expect(
			await plain.preAuthentication(holder, { visible: '' }, CREDENTIAL_TYPE, node, true),
		).toBe(undefined);
		expect(calls).toHaveLength(1);
	});

	test('getDecrypted returns a copy with the type defaults applied', async () => {
		const store = new CredentialStore([
			{ id: CREDENTIAL_ID, name: 'n', type: CREDENTIAL_TYPE, data: { baseUrl: 'http://x' } },
		]);
		const helper = new HarnessCredentialsHelper(
			store,
			new CredentialTypeRegistry({ [CREDENTIAL_TYPE]: HarnessTokenApi }),
		);
		const reference = { id: CREDENTIAL_ID, name: 'n' };

		const data = await helper.getDecrypted({} as never, reference, CREDENTIAL_TYPE, 'manual');
		data.baseUrl = 'mutated';

		expect(data).toEqual({ accessToken: '', baseUrl: 'mutated', clientSecret: '' });
		expect(store.require(CREDENTIAL_ID).data).toEqual({ baseUrl: 'http://x' });
		expect(
			await helper.getDecrypted({} as never, reference, CREDENTIAL_TYPE, 'manual', undefined, true),
		).toEqual({
			baseUrl: 'http://x',
		});
	});
});
