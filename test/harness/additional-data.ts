import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type {
	ICredentialsHelper,
	IDataObject,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

/** Base URL used for every URL n8n computes (webhooks, forms, REST API); nothing listens there. */
export const HARNESS_BASE_URL = 'http://localhost:5678';

export interface AdditionalDataOptions {
	credentialsHelper: ICredentialsHelper;
	executionId: string;
	workflowData: IWorkflowBase;
	/** `$vars` in expressions. */
	variables?: IDataObject;
	/** Extra fields or overrides, e.g. `executeWorkflow` for sub-workflows. */
	overrides?: Partial<IWorkflowExecuteAdditionalData>;
}

const unsupported = (what: string) => (): never => {
	throw new Error(`${what} is not supported by the test harness`);
};

/**
 * `IWorkflowExecuteAdditionalData` for one manual execution. The URLs must be valid absolute
 * URLs: parameter resolution builds `$execution.resumeUrl` etc. from them and empty strings
 * throw "Invalid URL".
 */
export function createAdditionalData(
	options: AdditionalDataOptions,
): IWorkflowExecuteAdditionalData {
	const { credentialsHelper, executionId, workflowData, variables = {}, overrides = {} } = options;
	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper,
		executionId,
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData),
		variables,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${HARNESS_BASE_URL}/rest`,
		instanceBaseUrl: `${HARNESS_BASE_URL}/`,
		formBaseUrl: `${HARNESS_BASE_URL}/form`,
		formWaitingBaseUrl: `${HARNESS_BASE_URL}/form-waiting`,
		formTestBaseUrl: `${HARNESS_BASE_URL}/form-test`,
		webhookBaseUrl: `${HARNESS_BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${HARNESS_BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${HARNESS_BASE_URL}/webhook-test`,
		mcpBaseUrl: `${HARNESS_BASE_URL}/mcp`,
		mcpTestBaseUrl: `${HARNESS_BASE_URL}/mcp-test`,
		userId: 'harness-user',
		workflowId: workflowData.id,
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: unsupported('startRunnerTask (Code node task runners)'),
		externalSecretsProxy: new ExternalSecretsProxy(),
	};
	return { ...additionalData, ...overrides };
}
