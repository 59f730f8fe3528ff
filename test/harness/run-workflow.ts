import { randomUUID } from 'node:crypto';

import { WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IPinData,
	IRun,
	IRunData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { CredentialStore } from './credential-store';
import type { CredentialTypeMap } from './credential-types';
import { CredentialTypeRegistry } from './credential-types';
import { HarnessCredentialsHelper } from './credentials-helper';
import { ensureN8nCore } from './n8n-core-setup';
import type { NodeTypeMap } from './node-types';
import { MANUAL_TRIGGER_TYPE, createNodeTypes } from './node-types';

export interface RunWorkflowOptions {
	/** The workflow's nodes. The start node is the one of type `MANUAL_TRIGGER_TYPE` (or `startNode`). */
	nodes: INode[];
	connections: IConnections;
	/** Node types used by `nodes`, keyed by `INode.type` (the start node type is built in). */
	nodeTypes?: NodeTypeMap;
	/** Credential types used by the nodes, keyed by their `name`. */
	credentialTypes?: CredentialTypeMap;
	/** The credential "database"; a fresh empty one when not given. */
	credentials?: CredentialStore;
	/** Items the start node outputs; default one empty item. Must not be empty. */
	startItems?: INodeExecutionData[];
	/** Name of the start node; default the node of type `MANUAL_TRIGGER_TYPE`. */
	startNode?: string;
	pinData?: IPinData;
	/**
	 * Workflow static data as n8n stores it: `{ global: {...}, 'node:<node name>': {...} }`
	 * (what `getWorkflowStaticData('global' | 'node')` returns). Mutated in place by the run.
	 */
	staticData?: IDataObject;
	/** Default `{ executionOrder: 'v1' }`, as for workflows created in current n8n. */
	settings?: IWorkflowSettings;
	/** `$vars`. */
	variables?: IDataObject;
	/** Extra or replaced `additionalData` fields. */
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
	workflowId?: string;
	workflowName?: string;
}

export interface WorkflowRunResult {
	/** True when the run finished without a workflow-level error. */
	success: boolean;
	/** The error that stopped the run (`result.data.resultData.error`). */
	error?: ExecutionError;
	/** Items a node emitted on one output in its first run ([] when it did not run). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** `result.data.resultData.runData`. */
	runData: IRunData;
	/** The node names that ran, in the order they ran. */
	executedNodes: string[];
	/** The engine's full result. */
	raw: IRun;
	/** The store the run read and wrote. */
	credentials: CredentialStore;
	/** The workflow's static data after the run (a proxy over `options.staticData` when given). */
	staticData: IDataObject;
}

/** Runs one workflow in-process with n8n-core's `WorkflowExecute` in manual mode. */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	ensureN8nCore();

	const credentials = options.credentials ?? new CredentialStore();
	const startItems = options.startItems ?? [{ json: {} }];
	if (startItems.length === 0) throw new Error('startItems must hold at least one item');

	// The engine writes into nodes (parameter defaults) and pinned items (pairedItem): copy them.
	const nodes = structuredClone(options.nodes);
	const connections = structuredClone(options.connections);
	const pinData = options.pinData && structuredClone(options.pinData);

	const startNode = options.startNode
		? nodes.find((node) => node.name === options.startNode)
		: nodes.find((node) => node.type === MANUAL_TRIGGER_TYPE);
	if (!startNode) {
		throw new Error(
			options.startNode
				? `Start node "${options.startNode}" is not in the workflow`
				: `The workflow needs a start node of type "${MANUAL_TRIGGER_TYPE}"`,
		);
	}

	const workflowId = options.workflowId ?? `wf-${randomUUID()}`;
	const executionId = `exec-${randomUUID()}`;
	const settings: IWorkflowSettings = options.settings ?? { executionOrder: 'v1' };
	const nodeTypes = createNodeTypes(options.nodeTypes);

	const workflow = new Workflow({
		id: workflowId,
		name: options.workflowName ?? 'Harness workflow',
		nodes,
		connections,
		active: false,
		nodeTypes,
		staticData: options.staticData,
		settings,
		pinData,
	});

	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: workflow.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
		settings,
		staticData: options.staticData,
		pinData,
	};

	const credentialsHelper = new HarnessCredentialsHelper(
		credentials,
		new CredentialTypeRegistry(options.credentialTypes),
	);
	const additionalData = createAdditionalData({
		credentialsHelper,
		executionId,
		workflowData,
		variables: options.variables,
		overrides: options.additionalData,
	});

	const executedNodes: string[] = [];
	additionalData.hooks?.addHandler('nodeExecuteBefore', (nodeName) => {
		executedNodes.push(nodeName);
	});

	const raw = await new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode,
		pinData,
		triggerToStartFrom: {
			name: startNode.name,
			data: {
				startTime: Date.now(),
				executionIndex: 0,
				executionTime: 0,
				source: [],
				data: { main: [structuredClone(startItems)] },
			},
		},
	});

	const { runData, error } = raw.data.resultData;
	return {
		success: error === undefined && raw.status !== 'error',
		error,
		output: (nodeName, outputIndex = 0) => runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? [],
		runData,
		executedNodes,
		raw,
		credentials,
		staticData: workflow.staticData,
	};
}
