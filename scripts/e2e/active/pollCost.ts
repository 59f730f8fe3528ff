/**
 * What an idle poll costs: the platform calls the sandbox records during one poll period in which
 * nothing new happens, each attributed to the polling trigger whose slot (see workflows.ts) the
 * second it arrived in falls into. The suite's own calls are left out.
 */
import type { RequestRecord } from '../../../sandbox';
import type { Suite } from '../suite';
import { isDriverCall } from './platform';
import type { PollingTrigger } from './workflows';
import { POLL_PERIOD_S, POLL_SLOT_S, POLLING_TRIGGERS } from './workflows';

export interface IdleCost {
	trigger: PollingTrigger;
	calls: RequestRecord[];
}

export interface IdleWindow {
	costs: IdleCost[];
	/** Calls in no trigger's slot. */
	unattributed: RequestRecord[];
	startedAt: number;
	endedAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The trigger whose slot a call arriving at `time` falls into. */
export function slotOf(time: string): PollingTrigger | undefined {
	const second = new Date(time).getUTCSeconds() % POLL_PERIOD_S;
	return POLLING_TRIGGERS.find(({ offset }) => second >= offset && second < offset + POLL_SLOT_S);
}

/**
 * Waits for the quiet end of a poll period, then records one whole period: every polling trigger
 * polls once in it.
 */
export async function recordIdlePeriod(suite: Suite): Promise<IdleWindow> {
	const periodMs = POLL_PERIOD_S * 1000;
	const quietAt = (Math.max(...POLLING_TRIGGERS.map((t) => t.offset)) + POLL_SLOT_S) * 1000;
	const intoPeriod = Date.now() % periodMs;
	await sleep((quietAt - intoPeriod + periodMs) % periodMs || periodMs);
	const fromSeq = suite.lastSeq();
	const startedAt = Date.now();
	await sleep(periodMs);
	const calls = suite.callsSince(fromSeq).filter((call) => !isDriverCall(call));
	const costs = POLLING_TRIGGERS.map((trigger) => ({
		trigger,
		calls: calls.filter((call) => slotOf(call.time) === trigger),
	}));
	return {
		costs,
		unattributed: calls.filter((call) => slotOf(call.time) === undefined),
		startedAt,
		endedAt: Date.now(),
	};
}

/** `2 calls: /api/open/x, /api/open/y` */
export function describeCalls(calls: RequestRecord[]): string {
	const paths = calls.map((call) => call.path.replace(/^\/api\/open\//, ''));
	return `${calls.length} call${calls.length === 1 ? '' : 's'}${paths.length ? ` (${paths.join(', ')})` : ''}`;
}

/**
 * The scheduled polls each trigger made since `fromSeq`: its calls in its own slot, to the paths
 * it called when idle (`idlePaths`, by node type; any path for a trigger without them).
 */
export function pollsSince(
	suite: Suite,
	fromSeq: number,
	idlePaths: Record<string, string[]>,
): Map<PollingTrigger, RequestRecord[]> {
	const calls = suite.callsSince(fromSeq).filter((call) => !isDriverCall(call));
	return new Map(
		POLLING_TRIGGERS.map((trigger) => {
			const paths = idlePaths[trigger.type] ?? [];
			return [
				trigger,
				calls.filter(
					(call) =>
						slotOf(call.time) === trigger && (paths.length === 0 || paths.includes(call.path)),
				),
			];
		}),
	);
}
