import { randomUUID } from 'node:crypto';

import { HookContext, PollContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import type { CredentialStore } from './credential-store';
import type { CredentialTypeMap } from './credential-types';
import { CredentialTypeRegistry } from './credential-types';
import { HarnessCredentialsHelper } from './credentials-helper';
import { ensureN8nCore } from './n8n-core-setup';
import { createNodeTypes } from './node-types';

/**
 * One trigger node as n8n runs it while a workflow is active: the real n8n-core Poll, Hook and
 * Webhook contexts, over a workflow holding just that node, with static data the test keeps (and
 * may serialise and reload, as n8n does between restarts).
 */
export interface TriggerOptions {
	node: Omit<INode, 'id' | 'typeVersion' | 'position'> & Partial<INode>;
	nodeType: INodeType;
	credentials: CredentialStore;
	credentialTypes: CredentialTypeMap;
	/** `{ 'node:<name>': {...} }` as n8n stores it; mutated by the trigger. */
	staticData: IDataObject;
	/** Date.now() stands in for n8n's clock; the workflow's time zone. */
	timezone?: string;
}

function workflowFor(options: TriggerOptions) {
	ensureN8nCore();
	const node: INode = { id: 'trigger', typeVersion: 1, position: [0, 0], ...options.node };
	const workflowId = `wf-${randomUUID()}`;
	const settings = { executionOrder: 'v1' as const, timezone: options.timezone ?? 'Asia/Shanghai' };
	const workflow = new Workflow({
		id: workflowId,
		name: 'Trigger harness',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: createNodeTypes({ [node.type]: options.nodeType }),
		staticData: options.staticData,
		settings,
	});
	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: 'Trigger harness',
		active: true,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: [node],
		connections: {},
		settings,
		staticData: options.staticData,
	};
	const additionalData: IWorkflowExecuteAdditionalData = createAdditionalData({
		credentialsHelper: new HarnessCredentialsHelper(
			options.credentials,
			new CredentialTypeRegistry(options.credentialTypes),
		),
		executionId: `exec-${randomUUID()}`,
		workflowData,
	});
	return { workflow, node, additionalData };
}

/**
 * One poll: `mode` 'trigger' is a scheduled poll of an active workflow, 'manual' the editor's
 * "Fetch Test Event". Returns what `poll()` returned (`null` = nothing new).
 */
export async function pollOnce(
	options: TriggerOptions,
	mode: 'trigger' | 'manual' = 'trigger',
	activation: WorkflowActivateMode = 'activate',
): Promise<INodeExecutionData[][] | null> {
	const { workflow, node, additionalData } = workflowFor(options);
	const context = new PollContext(workflow, node, additionalData, mode, activation);
	return await options.nodeType.poll!.call(context);
}

/** A webhook lifecycle method (`checkExists`, `create`, `delete`) with n8n's Hook context. */
export async function webhookLifecycle(
	options: TriggerOptions,
	method: 'checkExists' | 'create' | 'delete',
	webhookUrl: string,
): Promise<boolean> {
	const { workflow, node, additionalData } = workflowFor({
		...options,
	});
	const description = options.nodeType.description.webhooks?.[0];
	if (!description) throw new Error(`${node.type} has no webhook`);
	const webhookData = {
		httpMethod: description.httpMethod,
		node: node.name,
		path: String(description.path),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: 'harness-webhook',
	} as IWebhookData;
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		'trigger',
		'activate',
		webhookData,
	);
	// The URL n8n would compute from its base URL and the webhook path.
	context.getNodeWebhookUrl = () => webhookUrl;
	const methods = options.nodeType.webhookMethods?.default;
	if (!methods) throw new Error(`${node.type} has no webhook methods`);
	return await methods[method].call(context);
}

export interface WebhookCall {
	body: unknown;
	query?: Record<string, string>;
	headers?: Record<string, string>;
	rawBody?: Buffer;
}

export interface WebhookResult {
	response: IWebhookResponseData;
	/** Status and body a `noWebhookResponse` answer sent through the response object. */
	status?: number;
	sent?: unknown;
}

/** One call of the trigger's `webhook()`, as n8n makes it for a request to the registered URL. */
export async function callWebhook(
	options: TriggerOptions,
	call: WebhookCall,
): Promise<WebhookResult> {
	const { workflow, node, additionalData } = workflowFor(options);
	const description = options.nodeType.description.webhooks![0];
	const result: WebhookResult = { response: {} };
	const response = {
		status(code: number) {
			result.status = code;
			return response;
		},
		json(body: unknown) {
			result.sent = body;
			return response;
		},
		send(body: unknown) {
			result.sent = body;
			return response;
		},
		end(body?: unknown) {
			result.sent = body;
			return response;
		},
		setHeader: () => response,
	};
	const request = {
		body: call.body,
		query: call.query ?? {},
		headers: call.headers ?? { 'content-type': 'application/json' },
		params: {},
		rawBody: call.rawBody ?? Buffer.from(JSON.stringify(call.body ?? {})),
		method: description.httpMethod,
	};
	additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	additionalData.httpResponse =
		response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const webhookData = {
		httpMethod: description.httpMethod,
		node: node.name,
		path: String(description.path),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: 'harness-webhook',
	} as IWebhookData;
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		'trigger',
		webhookData,
		[],
		null,
	);
	result.response = await options.nodeType.webhook!.call(context);
	return result;
}
