import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeRun, TestPlatform } from '../support/netease';
import { callsTo } from '../support/netease';

/** One write operation whose first answer on `path` is lost (the call is performed, the socket dropped). */
export interface LostAnswerCase {
	title: string;
	params: INodeParameters;
	/** The write path the fault is set on. */
	path: string;
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** Calls on `path` to let through before the lost one (default 0: the first is lost). */
	after?: number;
	/** Brings a fresh organisation to the case's starting point, before the fault is set. */
	setup?: (platform: TestPlatform) => Promise<void>;
	/** Calls received on `path`: [clean run, run with the lost answer]. */
	writes: [number, number];
	/** Whether the (clean) run succeeds. */
	succeeds: boolean;
	/** Extra checks on the clean run's output (the faulted one equals it). */
	expectOutput?: (run: NodeRun) => void;
	/** Extra checks on what the platform holds after the faulted run (the clean one holds the same). */
	expectHeld?: (held: AddressBook) => void;
}

export interface AddressBook {
	units: IDataObject[];
	accounts: IDataObject[];
}

/** What a run needs; the rest of a case is what it expects. */
export type CaseSetup = Pick<
	LostAnswerCase,
	'params' | 'path' | 'items' | 'continueOnFail' | 'after' | 'setup'
>;

export interface CaseRun {
	run: NodeRun;
	/** Calls on the case's path. */
	writes: number;
	/** Calls whose answer the fault threw away. */
	lost: number;
	/** The address book afterwards: departments and accounts. */
	held: AddressBook;
}

/** The address book as the platform holds it; times vary from one reset to the next. */
function addressBook(platform: TestPlatform): AddressBook {
	const { units, accounts } = platform.sandbox.control.state();
	return { units, accounts: accounts.map((account) => ({ ...account, createTime: '<time>' })) };
}

async function runOnce(
	platform: TestPlatform,
	spec: CaseSetup,
	withLostAnswer: boolean,
): Promise<CaseRun> {
	const control = platform.sandbox.control;
	control.reset('demo');
	await spec.setup?.(platform);
	control.clearRequests();
	if (withLostAnswer)
		control.injectFault({ path: spec.path, kind: 'lostResponse', after: spec.after ?? 0 });
	const run = await platform.run(spec.params, {
		items: spec.items,
		continueOnFail: spec.continueOnFail,
	});
	control.clearFaults();
	return {
		run,
		writes: callsTo(platform.sandbox, spec.path).length,
		lost: control.requests().filter((request) => request.fault === 'lostResponse').length,
		held: addressBook(platform),
	};
}

/** The case on a fresh organisation, once clean and once with the answer lost. */
export async function runCleanAndLost(
	platform: TestPlatform,
	spec: CaseSetup,
): Promise<{ clean: CaseRun; lost: CaseRun }> {
	const clean = await runOnce(platform, spec, false);
	const lost = await runOnce(platform, spec, true);
	return { clean, lost };
}

const errorOf = (run: NodeRun) =>
	run.error && { message: run.error.message, description: run.error.description };

/** A lost answer changes nothing a user can see: outcome, output items, what the platform holds. */
export async function expectLostAnswerChangesNothing(
	platform: TestPlatform,
	spec: LostAnswerCase,
): Promise<void> {
	const { clean, lost } = await runCleanAndLost(platform, spec);
	expect(clean.run.success).toBe(spec.succeeds);
	spec.expectOutput?.(clean.run);
	expect(lost.lost).toBe(spec.writes[1] > 0 ? 1 : 0);
	expect({ success: lost.run.success, error: errorOf(lost.run), json: lost.run.json }).toEqual({
		success: clean.run.success,
		error: errorOf(clean.run),
		json: clean.run.json,
	});
	expect(lost.held).toEqual(clean.held);
	spec.expectHeld?.(lost.held);
	expect([clean.writes, lost.writes]).toEqual(spec.writes);
}
