import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailAddressBook } from '../../nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node.ts';
import { NeteaseEmail } from '../../nodes/NeteaseEmail/Email/NeteaseEmail.node.ts';
import { NeteaseEmailLogs } from '../../nodes/NeteaseEmail/Logs/NeteaseEmailLogs.node.ts';
import { NeteaseEmailSettings } from '../../nodes/NeteaseEmail/Settings/NeteaseEmailSettings.node.ts';
import { NeteaseEmailSso } from '../../nodes/NeteaseEmail/Sso/NeteaseEmailSso.node.ts';
import type { Sandbox, StartSandboxOptions } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { WorkflowRunResult } from '../harness';
import { CredentialStore, START_NODE, runWorkflow } from '../harness';

export const NODE_TYPE = 'n8n-nodes-netease-enterprise-email.neteaseEmailAddressBook';
export const EMAIL_NODE_TYPE = 'n8n-nodes-netease-enterprise-email.neteaseEmail';
export const SSO_NODE_TYPE = 'n8n-nodes-netease-enterprise-email.neteaseEmailSso';
export const LOGS_NODE_TYPE = 'n8n-nodes-netease-enterprise-email.neteaseEmailLogs';
export const SETTINGS_NODE_TYPE = 'n8n-nodes-netease-enterprise-email.neteaseEmailSettings';
export const ADDRESS_BOOK_TRIGGER_TYPE =
	'n8n-nodes-netease-enterprise-email.neteaseEmailAddressBookTrigger';
export const EMAIL_TRIGGER_TYPE = 'n8n-nodes-netease-enterprise-email.neteaseEmailTrigger';
export const PUSH_TRIGGER_TYPE = 'n8n-nodes-netease-enterprise-email.neteaseEmailPushTrigger';
export const LOGS_TRIGGER_TYPE = 'n8n-nodes-netease-enterprise-email.neteaseEmailLogsTrigger';
/** The Address Book node as n8n names it when an AI agent uses it as a tool. */
export const ADDRESS_BOOK_TOOL_TYPE = `${NODE_TYPE}Tool`;
export const EMAIL_TOOL_TYPE = `${EMAIL_NODE_TYPE}Tool`;
export const SETTINGS_TRIGGER_TYPE =
	'n8n-nodes-netease-enterprise-email.neteaseEmailSettingsTrigger';

/** Every node of the package, by the type a workflow names it with. */
const NODE_CLASSES = {
	[NODE_TYPE]: NeteaseEmailAddressBook,
	[ADDRESS_BOOK_TOOL_TYPE]: NeteaseEmailAddressBook,
	[EMAIL_NODE_TYPE]: NeteaseEmail,
	[EMAIL_TOOL_TYPE]: NeteaseEmail,
	[SSO_NODE_TYPE]: NeteaseEmailSso,
	[LOGS_NODE_TYPE]: NeteaseEmailLogs,
	[SETTINGS_NODE_TYPE]: NeteaseEmailSettings,
};
export const CREDENTIAL_TYPE = 'neteaseEnterpriseEmailApi';
export const CREDENTIAL_ID = 'netease-1';

/** Account → Create with the name and display name taken from each item. */
export const CREATE_ACCOUNT_FROM_ITEM: INodeParameters = {
	resource: 'account',
	operation: 'create',
	accountName: '={{ $json.accountName }}',
	name: '={{ $json.name }}',
	password: 'Welcome#2026',
};

/** `count` new hires as items for CREATE_ACCOUNT_FROM_ITEM: prefix0, prefix1… */
export function newHires(count: number, prefix: string): IDataObject[] {
	return Array.from({ length: count }, (_, n) => ({
		accountName: `${prefix}${n}`,
		name: `新员工${n}`,
	}));
}

/** The n8n credential data a user would enter for the sandbox. */
export function credentialData(sandbox: Sandbox): ICredentialDataDecryptedObject {
	const { orgOpenId, appId, authCode, domain, baseUrl } = sandbox.credential;
	return { orgOpenId, appId, appSecret: authCode, domain, baseUrl };
}

export interface TestPlatform {
	sandbox: Sandbox;
	credentials: CredentialStore;
	/** Runs one NetEase node over the given items and returns the run. */
	run(parameters: INodeParameters, options?: RunOptions): Promise<NodeRun>;
	/** Changes the stored credential (as a user editing it would); `usePlatform` undoes it per test. */
	changeCredential(changes: ICredentialDataDecryptedObject): void;
	close(): Promise<void>;
}

export interface RunOptions {
	items?: IDataObject[];
	/** Whole input items, e.g. with files; instead of `items`. */
	inputItems?: INodeExecutionData[];
	/** Which node of the package runs; default the Address Book node. */
	nodeType?: keyof typeof NODE_CLASSES;
	continueOnFail?: boolean;
}

export interface NodeRun extends WorkflowRunResult {
	/** The JSON of each output item. */
	json: IDataObject[];
	items: INodeExecutionData[];
}

export async function startPlatform(options: StartSandboxOptions = {}): Promise<TestPlatform> {
	const sandbox = await startSandbox(options);
	const credentials = new CredentialStore([
		{
			id: CREDENTIAL_ID,
			name: 'NetEase sandbox',
			type: CREDENTIAL_TYPE,
			data: credentialData(sandbox),
		},
	]);
	const run = async (
		parameters: INodeParameters,
		{ items, inputItems, continueOnFail, nodeType = NODE_TYPE }: RunOptions = {},
	): Promise<NodeRun> => {
		const node: INode = {
			id: 'netease',
			name: 'NetEase',
			type: nodeType,
			typeVersion: 1,
			position: [200, 0],
			parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: 'NetEase sandbox' } },
			...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		};
		const result = await runWorkflow({
			nodes: [START_NODE, node],
			connections: { Start: { main: [[{ node: 'NetEase', type: 'main', index: 0 }]] } },
			nodeTypes: { [nodeType]: NODE_CLASSES[nodeType] },
			credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
			credentials,
			startItems: inputItems ?? (items ?? [{}]).map((json) => ({ json })),
		});
		const outputItems = result.output('NetEase');
		return Object.assign(result, {
			items: outputItems,
			json: outputItems.map((item) => item.json),
		});
	};
	const changeCredential = (changes: ICredentialDataDecryptedObject) =>
		credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID)!.data, ...changes });
	return { sandbox, credentials, run, changeCredential, close: () => sandbox.close() };
}

/** Business calls the sandbox received, by path. */
export function callsTo(sandbox: Sandbox, path: string) {
	return sandbox.control.requests().filter((request) => request.path === path);
}

export function locator(value: string, mode = 'list') {
	return { __rl: true, mode, value };
}

/** Account → Get of one address. */
export function getAccount(address: string): INodeParameters {
	return { resource: 'account', operation: 'get', account: locator(address, 'address') };
}

/**
 * One platform for a test file: started before its tests, closed after them, and reset before each
 * test to its starting organisation, configuration (faults and the request log cleared) and
 * credential (no stored token).
 */
export function usePlatform(options: StartSandboxOptions = {}): TestPlatform {
	const platform = {} as TestPlatform;
	beforeAll(async () => {
		Object.assign(platform, await startPlatform(options));
	});
	afterAll(() => platform.close());
	beforeEach(() => {
		platform.sandbox.control.reset(options.seed ?? 'demo');
		platform.credentials.set(CREDENTIAL_ID, credentialData(platform.sandbox));
	});
	return platform;
}

/** An input item holding a file in its `data` binary field, as Read File or a form upload gives. */
export function fileItem(bytes: Uint8Array, fileName = 'import.csv'): INodeExecutionData {
	return {
		json: { fileName },
		binary: {
			data: { data: Buffer.from(bytes).toString('base64'), mimeType: 'text/csv', fileName },
		},
	};
}
