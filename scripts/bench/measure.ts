/**
 * What one benchmark execution did, from n8n's run data (`execute --rawOutput`: the measured
 * node's startTime / executionTime and output items) and from the sandbox (request log and
 * organisation): timings against the rate-limit bound, calls per account, and whether every
 * output item tells the truth about the account it stands for.
 */
import type { OrgSnapshot, RequestRecord } from '../../sandbox';
import type { ExecuteResult } from '../e2e/n8n';
import { isBusiness, isTokenCall } from '../e2e/platform-calls';
import type { RunItem } from '../e2e/report';
import { asExecution, executionFailure } from '../e2e/report';
import type { NewAccount } from './workflows';

const CREATE_PATH = '/api/open/account/createAccount';
const LIST_PATH = '/api/open/unit/getAccountList';
const RATE_LIMITED = -422;
const TOKEN_EXPIRED = -301;

interface TimedNodeRun {
	startTime?: number;
	executionTime?: number;
	error?: { message?: string };
	data?: { main?: Array<RunItem[] | null> };
}

/** The measured node's first run: when it started, how long it took, its output items. */
export interface StepRun {
	startTime: number;
	executionMs: number;
	items: RunItem[];
}

/** The node's run, or why there is none; `failure` is set when the execution did not succeed. */
export function stepRun(
	result: ExecuteResult,
	nodeName: string,
): { step?: StepRun; failure?: string } {
	const failure = executionFailure(result);
	const runs = asExecution(result.json)?.data?.resultData?.runData?.[nodeName] as
		| TimedNodeRun[]
		| undefined;
	const run = runs?.[0];
	if (!run || typeof run.startTime !== 'number' || typeof run.executionTime !== 'number')
		return { failure: failure ?? `node "${nodeName}" did not run` };
	if (run.error) return { failure: failure ?? `node "${nodeName}" failed: ${run.error.message}` };
	const step = { startTime: run.startTime, executionMs: run.executionTime, items: [] as RunItem[] };
	step.items = run.data?.main?.[0] ?? [];
	return { step, failure };
}

const timeOf = (call: RequestRecord) => Date.parse(call.time);
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const perAccount = (calls: number, accounts: number) =>
	accounts > 0 ? round(calls / accounts, 3) : null;
const isErrorItem = (item: RunItem) => item.json.error !== undefined;
const indexOf = (item: RunItem, position: number) => {
	const paired = item.pairedItem as { item?: number } | undefined;
	return typeof paired?.item === 'number' ? paired.item : position;
};

export interface CreateMeasure {
	run: string;
	label: string;
	accounts: number;
	/** The create node's executionTime. */
	createStepSeconds: number;
	/** N / R: the accounts cannot be created faster under the rate limit. */
	boundSeconds: number;
	/** bound / wall: 1.00 is the best possible. */
	boundOverWall: number;
	/** Accounts of the list the sandbox holds afterwards. */
	created: number;
	/** Accounts the sandbox holds that are not in the list. */
	otherAccounts: number;
	outputItems: number;
	/** Items n8n marked as errors (the node's On Error → Continue output). */
	errorItems: number;
	/** Items not marked as errors whose account the sandbox does not hold. */
	reportedOkNotCreated: number;
	/** Items not marked as errors holding a platform answer with a code other than 0. */
	okItemsWithErrorCode: number;
	createCalls: number;
	businessCalls: number;
	tokenCalls: number;
	/** createAccount calls / accounts created. */
	createCallsPerAccount: number | null;
	/** Every business call / accounts created. */
	businessCallsPerAccount: number | null;
	rateLimitedAnswers: number;
	tokenExpiredAnswers: number;
	/** From the node's startTime to the first platform call it made. */
	firstCallAfterStartMs: number | null;
	firstCreateAfterStartMs: number | null;
	/** From the first createAccount call's arrival to the last one's. */
	createSpanSeconds: number | null;
	/** From the last createAccount call's arrival to the node's end. */
	afterLastCreateMs: number | null;
	/** The whole `n8n execute` process, boot included. */
	n8nProcessSeconds: number;
}

export function measureCreate(args: {
	run: string;
	label: string;
	accounts: NewAccount[];
	ratePerSecond: number;
	step: StepRun;
	result: ExecuteResult;
	calls: RequestRecord[];
	state: OrgSnapshot;
}): CreateMeasure {
	const { accounts, step, calls, state } = args;
	const held = new Set(state.accounts.map((a) => a.accountName));
	const wanted = new Set(accounts.map((a) => a.accountName));
	const created = accounts.filter((a) => held.has(a.accountName)).length;
	const reportedOkNotCreated = step.items.filter(
		(item, position) =>
			!isErrorItem(item) && !held.has(accounts[indexOf(item, position)]?.accountName ?? ''),
	).length;

	const end = step.startTime + step.executionMs;
	const during = calls.filter((c) => timeOf(c) >= step.startTime && timeOf(c) <= end);
	const creates = calls.filter((c) => c.path === CREATE_PATH);
	const createTimes = creates.map(timeOf);
	const firstCreate = createTimes.length ? Math.min(...createTimes) : undefined;
	const lastCreate = createTimes.length ? Math.max(...createTimes) : undefined;
	const business = calls.filter(isBusiness);
	const boundSeconds = accounts.length / args.ratePerSecond;
	const createStepSeconds = step.executionMs / 1000;
	return {
		run: args.run,
		label: args.label,
		accounts: accounts.length,
		createStepSeconds: round(createStepSeconds),
		boundSeconds: round(boundSeconds),
		boundOverWall: round(boundSeconds / createStepSeconds),
		created,
		otherAccounts: state.accounts.filter((a) => !wanted.has(a.accountName)).length,
		outputItems: step.items.length,
		errorItems: step.items.filter(isErrorItem).length,
		reportedOkNotCreated,
		okItemsWithErrorCode: step.items.filter(
			(item) => !isErrorItem(item) && typeof item.json.code === 'number' && item.json.code !== 0,
		).length,
		createCalls: creates.length,
		businessCalls: business.length,
		tokenCalls: calls.filter(isTokenCall).length,
		createCallsPerAccount: perAccount(creates.length, created),
		businessCallsPerAccount: perAccount(business.length, created),
		rateLimitedAnswers: calls.filter((c) => c.code === RATE_LIMITED).length,
		tokenExpiredAnswers: calls.filter((c) => c.code === TOKEN_EXPIRED).length,
		firstCallAfterStartMs: during.length ? timeOf(during[0]) - step.startTime : null,
		firstCreateAfterStartMs: firstCreate === undefined ? null : firstCreate - step.startTime,
		createSpanSeconds:
			firstCreate === undefined || lastCreate === undefined
				? null
				: round((lastCreate - firstCreate) / 1000),
		afterLastCreateMs: lastCreate === undefined ? null : end - lastCreate,
		n8nProcessSeconds: round(args.result.durationMs / 1000, 1),
	};
}

/** What makes a run of this package's node broken (not merely slow); empty when it is sound. */
export function createProblems(measure: CreateMeasure): string[] {
	const problems: string[] = [];
	if (measure.created !== measure.accounts)
		problems.push(`${measure.accounts - measure.created} accounts not created`);
	if (measure.otherAccounts > 0) problems.push(`${measure.otherAccounts} unexpected accounts`);
	if (measure.outputItems !== measure.accounts)
		problems.push(`${measure.outputItems} output items for ${measure.accounts} accounts`);
	if (measure.errorItems > 0) problems.push(`${measure.errorItems} error items`);
	if (measure.reportedOkNotCreated > 0)
		problems.push(`${measure.reportedOkNotCreated} items reported created, account missing`);
	return problems;
}

export interface ReadMeasure {
	run: string;
	label: string;
	accounts: number;
	readStepSeconds: number;
	calls: number;
	pageCalls: number;
	pageSize: number | null;
	/** ceil(N / page size) pages + 1 token call (+ 1 department list for the simplified output). */
	expectedCalls: number | null;
	tokenCalls: number;
	/** Business calls other than the pages, by path (the department list for the paths). */
	otherCalls: Record<string, number>;
	otherBusinessCalls: number;
	/** calls / R. */
	boundSeconds: number;
	boundOverWall: number;
	/**
	 * The pages after the first, read once it gave the count: (their calls / R) over the time from
	 * the first one's arrival to the last one's plus one call's share of a second (1 / R).
	 */
	laterPages: { calls: number; boundSeconds: number; spanSeconds: number; boundOverSpan: number };
	rateLimitedAnswers: number;
	outputItems: number;
	distinctAccounts: number;
	missing: number;
	duplicated: number;
	unknown: number;
	/** Output items not in the platform's order (creation order): 0 when every one is in place. */
	outOfOrder: number;
	n8nProcessSeconds: number;
}

export function measureRead(args: {
	run: string;
	label: string;
	ratePerSecond: number;
	/** Whether the output is simplified, with department paths: one department list call more. */
	simplified: boolean;
	step: StepRun;
	result: ExecuteResult;
	calls: RequestRecord[];
	state: OrgSnapshot;
}): ReadMeasure {
	const { step, calls, state, ratePerSecond: rate } = args;
	const listed = state.accounts.filter((a) => a.status !== 2).map((a) => a.accountName);
	const held = new Set(listed);
	const seen = new Map<string, number>();
	const names = step.items.map((item) => String(item.json.accountName));
	for (const name of names) seen.set(name, (seen.get(name) ?? 0) + 1);
	const pages = calls.filter((c) => c.path === LIST_PATH);
	const firstPageSize = Number((pages[0]?.body as { pageSize?: unknown } | undefined)?.pageSize);
	const pageSize = Number.isFinite(firstPageSize) && firstPageSize > 0 ? firstPageSize : null;
	const tokenCalls = calls.filter(isTokenCall).length;
	const otherCalls: Record<string, number> = {};
	for (const call of calls.filter((c) => isBusiness(c) && c.path !== LIST_PATH))
		otherCalls[call.path] = (otherCalls[call.path] ?? 0) + 1;
	const readStepSeconds = step.executionMs / 1000;
	const boundSeconds = calls.length / rate;
	const later = pages.slice(1).map(timeOf);
	const laterBound = later.length / rate;
	const laterSpan = later.length ? (Math.max(...later) - Math.min(...later)) / 1000 + 1 / rate : 0;
	return {
		run: args.run,
		label: args.label,
		accounts: held.size,
		readStepSeconds: round(readStepSeconds),
		calls: calls.length,
		pageCalls: pages.length,
		pageSize,
		expectedCalls: pageSize
			? Math.ceil(held.size / pageSize) + 1 + (args.simplified ? 1 : 0)
			: null,
		tokenCalls,
		otherCalls,
		otherBusinessCalls: Object.values(otherCalls).reduce((sum, n) => sum + n, 0),
		boundSeconds: round(boundSeconds),
		boundOverWall: round(boundSeconds / readStepSeconds),
		laterPages: {
			calls: later.length,
			boundSeconds: round(laterBound),
			spanSeconds: round(laterSpan),
			boundOverSpan: laterSpan > 0 ? round(laterBound / laterSpan) : 0,
		},
		rateLimitedAnswers: calls.filter((c) => c.code === RATE_LIMITED).length,
		outputItems: step.items.length,
		distinctAccounts: seen.size,
		missing: [...held].filter((name) => !seen.has(name)).length,
		duplicated: [...seen.values()].filter((count) => count > 1).length,
		unknown: [...seen.keys()].filter((name) => !held.has(name)).length,
		outOfOrder: names.filter((name, n) => name !== listed[n]).length,
		n8nProcessSeconds: round(args.result.durationMs / 1000, 1),
	};
}

export function readProblems(measure: ReadMeasure): string[] {
	const problems: string[] = [];
	if (measure.missing > 0) problems.push(`${measure.missing} accounts missing from the output`);
	if (measure.duplicated > 0) problems.push(`${measure.duplicated} accounts output more than once`);
	if (measure.unknown > 0) problems.push(`${measure.unknown} output accounts the sandbox lacks`);
	if (measure.outOfOrder > 0)
		problems.push(`${measure.outOfOrder} accounts out of the platform's order`);
	return problems;
}
