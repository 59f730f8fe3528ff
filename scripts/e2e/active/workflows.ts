/**
 * The five trigger examples as the active-triggers step imports them: copies of the shipped
 * workflows with (only) what a test run needs changed — a faster Poll Times, and the WeCom robot
 * and alert URLs pointed at the local catcher.
 *
 * Poll Times: n8n 2.40.5 refuses a polling trigger whose cron fires more than once a minute ("The
 * polling interval is too short. It has to be at least a minute."; `isSubMinuteCron`: a
 * six-field cron whose seconds field is not one fixed number, so `*\/5 * * * * *` is refused),
 * but several Poll Times entries each firing at one fixed second are accepted. Each polling
 * trigger gets six of them, every POLL_PERIOD_S seconds, at its own offset, so that the calls of
 * one poll can be told from another trigger's by the second they arrive in.
 */
import type { INode } from 'n8n-workflow';

import type { ExampleName, ExampleWorkflow } from '../../lib/examples';
import { NODE_TYPE_PREFIX } from '../fixtures';
import { assert } from '../report';

/**
 * n8n 2.40.5 saves a workflow's static data (a polling trigger's cursor, the push trigger's
 * secret) only when its id has at most this many characters (`isWorkflowIdValid`); longer ids
 * import and run, but every trigger forgets its state.
 */
export const MAX_WORKFLOW_ID_LENGTH = 21;

export const POLL_PERIOD_S = 10;
/** A poll's calls arrive within this many seconds of its offset (idle polls take milliseconds). */
export const POLL_SLOT_S = 2;

export const ACTIVE_EXAMPLES = [
	'customer-service-auto-reply',
	'audit-log-sync',
	'welcome-on-onboarding',
	'new-mail-to-wecom',
	'security-alert',
] as const satisfies readonly ExampleName[];
export type ActiveExample = (typeof ACTIVE_EXAMPLES)[number];

export interface PollingTrigger {
	example: ActiveExample;
	/** The node type's name (without a prefix). */
	type: string;
	label: string;
	/** Seconds after each POLL_PERIOD_S boundary at which it polls. */
	offset: number;
}

export const POLLING_TRIGGERS: PollingTrigger[] = [
	{
		example: 'customer-service-auto-reply',
		type: 'neteaseEmailTrigger',
		label: 'NetEase Email Trigger',
		offset: 0,
	},
	{
		example: 'welcome-on-onboarding',
		type: 'neteaseEmailAddressBookTrigger',
		label: 'NetEase Email Address Book Trigger',
		offset: 2,
	},
	{
		example: 'audit-log-sync',
		type: 'neteaseEmailLogsTrigger',
		label: 'NetEase Email Logs Trigger',
		offset: 4,
	},
	{
		example: 'security-alert',
		type: 'neteaseEmailSettingsTrigger',
		label: 'NetEase Email Settings Trigger',
		offset: 6,
	},
];

/** Poll Times entries firing every POLL_PERIOD_S seconds, `offset` seconds in. */
export function fastPollTimes(offset: number) {
	const item = [];
	for (let second = offset; second < 60; second += POLL_PERIOD_S)
		item.push({ mode: 'custom', cronExpression: `${second} * * * * *` });
	return { item };
}

export function nodeOfType(workflow: ExampleWorkflow, type: string): INode {
	const wanted = [type, NODE_TYPE_PREFIX + type];
	const node = workflow.nodes.find((n) => wanted.includes(n.type));
	assert(node, `${workflow.id} has no ${type} node`);
	return node;
}

export interface Patches {
	/** The robot webhook URL (the catcher's) for the WeCom example. */
	robotUrl: string;
	/** The alert endpoint (the catcher's) for the security example. */
	alertsUrl: string;
}

/** Copies of the examples, patched for the test run; the shipped ones are left as they are. */
export function forTestRun(
	workflows: Record<ActiveExample, ExampleWorkflow>,
	patches: Patches,
): Record<ActiveExample, ExampleWorkflow> {
	const copies = Object.fromEntries(
		ACTIVE_EXAMPLES.map((name) => [name, structuredClone(workflows[name])]),
	) as Record<ActiveExample, ExampleWorkflow>;
	for (const copy of Object.values(copies)) {
		assert(
			copy.id.length <= MAX_WORKFLOW_ID_LENGTH,
			`${copy.id} is longer than ${MAX_WORKFLOW_ID_LENGTH} characters: n8n would never save its triggers' static data`,
		);
	}
	for (const { example, type, offset } of POLLING_TRIGGERS) {
		const trigger = nodeOfType(copies[example], type);
		const shipped = JSON.stringify(trigger.parameters.pollTimes);
		assert(
			shipped === JSON.stringify({ item: [{ mode: 'everyMinute' }] }),
			`${example} ships Poll Times ${shipped}, expected every minute`,
		);
		trigger.parameters.pollTimes = fastPollTimes(offset);
	}
	const robot = nodeOfType(copies['new-mail-to-wecom'], 'n8n-nodes-base.httpRequest');
	assert(
		String(robot.parameters.url).startsWith(
			'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=',
		),
		`new-mail-to-wecom posts to ${String(robot.parameters.url)}, not to a WeCom robot URL`,
	);
	robot.parameters.url = patches.robotUrl;
	const alert = nodeOfType(copies['security-alert'], 'n8n-nodes-base.httpRequest');
	alert.parameters.url = patches.alertsUrl;
	return copies;
}
