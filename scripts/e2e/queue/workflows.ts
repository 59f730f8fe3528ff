/**
 * The workflows the queue-mode run publishes, wired to the custom node types and the sandbox
 * credential:
 * - bulk-import-webhook.json (in this folder): a production webhook that takes a batch of new
 *   hires and creates one account per hire;
 * - a NetEase Email Trigger (polling new mail) with fast Poll Times, for the cursor across a
 *   restart of the main process;
 * - a NetEase Email Push Trigger (pushmail), whose callbacks arrive at the main process.
 *
 * Ids stay within MAX_WORKFLOW_ID_LENGTH: n8n saves a workflow's static data (a polling trigger's
 * cursor, the push trigger's secret) only for such ids.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { ExampleWorkflow } from '../../lib/examples';
import { CREDENTIAL_TYPE, PACKAGE_PREFIX } from '../../lib/examples';
import { CREDENTIAL, NODE_TYPE_PREFIX } from '../fixtures';
import { assert } from '../report';
import { fastPollTimes, MAX_WORKFLOW_ID_LENGTH } from '../active/workflows';

export const BULK_IMPORT_FILE = path.join(__dirname, 'bulk-import-webhook.json');
export const CREATE_NODE = 'Create accounts';
export const POLL_NODE = 'New mail';
export const PUSH_NODE = 'Pushed mail';
/** The mailbox the polling trigger watches, and the one the push trigger watches. */
export const POLLED_MAILBOX = 'liu.yang';
export const PUSHED_MAILBOX = 'wang.fang';

export interface QueueWorkflows {
	bulkImport: ExampleWorkflow;
	polling: ExampleWorkflow;
	push: ExampleWorkflow;
}

/** Node types as n8n loads a custom extension's (`CUSTOM.<name>`), with the sandbox credential. */
function forN8n(workflow: ExampleWorkflow): ExampleWorkflow {
	assert(
		workflow.id.length <= MAX_WORKFLOW_ID_LENGTH,
		`${workflow.id} is longer than ${MAX_WORKFLOW_ID_LENGTH} characters: n8n would never save its static data`,
	);
	for (const node of workflow.nodes) {
		if (!node.type.startsWith(PACKAGE_PREFIX)) continue;
		node.type = NODE_TYPE_PREFIX + node.type.slice(PACKAGE_PREFIX.length);
		node.credentials = { [CREDENTIAL_TYPE]: CREDENTIAL };
	}
	return workflow;
}

/** The webhook path of the bulk import (`/webhook/<path>` on the main process). */
export function webhookPath(workflow: ExampleWorkflow): string {
	const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
	assert(webhook, `${workflow.id} has no Webhook node`);
	return String(webhook.parameters.path);
}

function pollingWorkflow(): ExampleWorkflow {
	return {
		id: 'queue-mail-poll',
		name: 'NetEase (queue mode): new mail, polled on the main process',
		nodes: [
			{
				id: 'poll',
				name: POLL_NODE,
				type: `${PACKAGE_PREFIX}neteaseEmailTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					// every 10 s: six Poll Times entries at fixed seconds (n8n refuses sub-minute crons)
					pollTimes: fastPollTimes(0),
					mailboxes: {
						values: [{ mailbox: { __rl: true, mode: 'address', value: POLLED_MAILBOX } }],
					},
					folders: [1],
					filters: {},
					maxItems: 100,
					backfillHours: 0,
					options: {},
				},
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

function pushWorkflow(): ExampleWorkflow {
	return {
		id: 'queue-push',
		name: 'NetEase (queue mode): new mail pushed to the main process',
		nodes: [
			{
				id: 'push',
				name: PUSH_NODE,
				type: `${PACKAGE_PREFIX}neteaseEmailPushTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: '4c1d7e2a-9b3f-4a6e-8d5c-0f2e1b3a5c7d',
				parameters: {
					source: 'pushmail',
					mailboxScope: 'chosen',
					mailboxes: {
						mailbox: [{ mailbox: { __rl: true, mode: 'address', value: PUSHED_MAILBOX } }],
					},
					takeOver: false,
					options: {},
				},
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

export function queueWorkflows(): QueueWorkflows {
	const bulkImport = JSON.parse(readFileSync(BULK_IMPORT_FILE, 'utf8')) as ExampleWorkflow;
	return {
		bulkImport: forN8n(bulkImport),
		polling: forN8n(pollingWorkflow()),
		push: forN8n(pushWorkflow()),
	};
}
