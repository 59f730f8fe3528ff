/**
 * The example workflows in examples/, loaded for a runner: the node type and credential id are
 * set to what that runner knows them by.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, IDataObject, INode } from 'n8n-workflow';

export const EXAMPLES_DIR = join(__dirname, '../../examples');
/** How the examples name this package's node types: `<package>.<node name>`. */
export const PACKAGE_PREFIX = 'n8n-nodes-netease-enterprise-email.';
export const CREDENTIAL_TYPE = 'neteaseEnterpriseEmailApi';

export const EXAMPLES = [
	'hr-onboarding',
	'offboarding',
	'directory-report',
	'bulk-import',
	'org-chart-sync',
	'ldap-sso-login',
	'sales-gets-more',
	'everyone-on-2fa',
	'customer-service-auto-reply',
	'audit-log-sync',
	'welcome-on-onboarding',
	'new-mail-to-wecom',
	'security-alert',
	'ai-agent-directory-assistant',
] as const;
export type ExampleName = (typeof EXAMPLES)[number];

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	[key: string]: unknown;
}

export interface ExampleOptions {
	/** The prefix this runner knows the NetEase nodes by (e.g. `CUSTOM.` for `CUSTOM.neteaseEmail`). */
	nodeTypePrefix: string;
	credential: { id: string; name: string };
}

export function loadExample(
	name: ExampleName,
	{ nodeTypePrefix, credential }: ExampleOptions,
): ExampleWorkflow {
	const workflow = JSON.parse(
		readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8'),
	) as ExampleWorkflow;
	for (const node of workflow.nodes) {
		if (!node.type.startsWith(PACKAGE_PREFIX)) continue;
		node.type = nodeTypePrefix + node.type.slice(PACKAGE_PREFIX.length);
		node.credentials = { [CREDENTIAL_TYPE]: credential };
	}
	return workflow;
}

/** The JSON a Set node in raw mode outputs (the examples' sample records). */
export function setNodeOutput(node: INode): IDataObject {
	return JSON.parse(String(node.parameters.jsonOutput)) as IDataObject;
}
