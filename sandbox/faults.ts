import { InputError } from './inputError';

export type FaultKind =
	| 'code'
	| 'drop'
	| 'lostResponse'
	| 'slowResponse'
	| 'httpStatus'
	| 'restart';

/**
 * A misbehaviour of the platform, on one call (default), `times` calls, or a `share` of the calls.
 * - `code`: answer that envelope code (with `marker` if given) without performing the call
 * - `drop`: destroy the socket without performing the call
 * - `lostResponse`: perform the call, then destroy the socket without answering
 * - `slowResponse`: perform the call, then answer only after `delayMs`, the connection open meanwhile
 * - `httpStatus`: answer a non-200 status (default 502) with a plain-text body, without performing
 * - `restart`: perform the call, then restart the sandbox (see `SandboxControl.restart`): its answer
 *   and every other open connection are lost
 */
export interface Fault {
	/** Exact path; default: any business path (every platform path except /api/pub/token/*). */
	path?: string;
	kind: FaultKind;
	code?: number;
	marker?: string;
	status?: number;
	/** `slowResponse` only: how long the answer waits, 1..MAX_DELAY_MS. */
	delayMs?: number;
	/** `restart` only: how long the sandbox stays down (connections refused), 0..MAX_DOWN_MS; default 0. */
	downMs?: number;
	/** How many calls it fires on: default 1, or until cleared when `share` is given. */
	times?: number;
	/** Matching calls to let through before it fires (default 0). */
	after?: number;
	/** Fires on this share of the matching calls (0 < share ≤ 1), drawn from `seed`. */
	share?: number;
	/** Seed of the draws of a `share` fault (an integer, default 1): the same seed, the same calls hit. */
	seed?: number;
}

/** A queued fault as `faults()` lists it: `times` absent = until cleared. */
export interface PendingFault extends Fault {
	after: number;
}

interface QueuedFault extends PendingFault {
	/** A `share` fault's draws, in [0, 1). */
	draw?: () => number;
}

const KINDS: readonly FaultKind[] = [
	'code',
	'drop',
	'lostResponse',
	'slowResponse',
	'httpStatus',
	'restart',
];

/** The longest a `slowResponse` answer may wait (2 minutes). */
export const MAX_DELAY_MS = 120_000;
/** The longest a restart may keep the sandbox down (1 minute). */
export const MAX_DOWN_MS = 60_000;

const isIntegerIn = (value: unknown, min: number, max: number): value is number =>
	Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** How long a restart keeps the sandbox down; throws InputError when it is not 0..MAX_DOWN_MS. */
export function checkDownMs(downMs: unknown = 0): number {
	if (!isIntegerIn(downMs, 0, MAX_DOWN_MS))
		throw new InputError(`downMs must be an integer from 0 to ${MAX_DOWN_MS}`);
	return downMs;
}

function checkKindFields(fault: Fault): number | undefined {
	if (fault.kind === 'code' && (!Number.isInteger(fault.code) || fault.code === 0)) {
		throw new InputError('a code fault needs a non-zero integer code');
	}
	const status = fault.kind === 'httpStatus' ? (fault.status ?? 502) : fault.status;
	if (fault.kind === 'httpStatus' && (!isIntegerIn(status, 100, 599) || status === 200)) {
		throw new InputError('an httpStatus fault needs a status between 100 and 599 other than 200');
	}
	if (fault.kind === 'slowResponse') {
		if (!isIntegerIn(fault.delayMs, 1, MAX_DELAY_MS))
			throw new InputError(
				`a slowResponse fault needs delayMs, an integer from 1 to ${MAX_DELAY_MS}`,
			);
	} else if (fault.delayMs !== undefined) {
		throw new InputError('delayMs is only for slowResponse faults');
	}
	if (fault.kind === 'restart') checkDownMs(fault.downMs);
	else if (fault.downMs !== undefined) throw new InputError('downMs is only for restart faults');
	return status;
}

function validate(fault: Fault): QueuedFault {
	if (!fault || typeof fault !== 'object') throw new InputError('a fault must be an object');
	if (!KINDS.includes(fault.kind))
		throw new InputError(`fault kind must be one of ${KINDS.join(', ')}`);
	if (fault.path !== undefined && typeof fault.path !== 'string')
		throw new InputError('fault path must be a string');
	const status = checkKindFields(fault);
	const { share, seed } = fault;
	if (share !== undefined && !(typeof share === 'number' && share > 0 && share <= 1))
		throw new InputError('fault share must be a number above 0 and at most 1');
	if (seed !== undefined && share === undefined)
		throw new InputError('seed is only for faults with a share');
	if (seed !== undefined && !isIntegerIn(seed, 0, 0xffffffff))
		throw new InputError('fault seed must be an integer from 0 to 4294967295');
	const times = fault.times ?? (share === undefined ? 1 : undefined);
	const after = fault.after ?? 0;
	if (times !== undefined && !(Number.isInteger(times) && times >= 1))
		throw new InputError('fault times must be a positive integer');
	if (!Number.isInteger(after) || after < 0)
		throw new InputError('fault after must be a non-negative integer');
	const queued: QueuedFault = { ...fault, status, times, after };
	if (share !== undefined) {
		queued.seed = seed ?? 1;
		queued.draw = seededDraws(queued.seed);
	}
	return queued;
}

/** Mulberry32: a small, fast generator; plenty for picking which calls a fault hits. */
function seededDraws(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function isBusinessPath(path: string): boolean {
	return !path.startsWith('/api/pub/token/');
}

function listed(fault: QueuedFault): PendingFault {
	const copy = { ...fault };
	delete copy.draw;
	return copy;
}

/** Pending faults, consumed in the order they were injected. */
export class FaultQueue {
	private pending: QueuedFault[] = [];

	add(faults: Fault | Fault[]): void {
		const list = (Array.isArray(faults) ? faults : [faults]).map(validate);
		this.pending.push(...list);
	}

	/**
	 * The fault that fires on this call, if any. Every matching fault counts the call towards its
	 * `after`; past that, the first whose turn it is fires (a `share` fault draws to see whether
	 * this call is one of its share).
	 */
	take(path: string): PendingFault | undefined {
		let fired: QueuedFault | undefined;
		for (const fault of this.pending) {
			const matches = fault.path === undefined ? isBusinessPath(path) : fault.path === path;
			if (!matches) continue;
			if (fault.after > 0) {
				fault.after--;
			} else if (!fired && (!fault.draw || fault.draw() < fault.share!)) {
				fired = fault;
				if (fault.times !== undefined) fault.times--;
			}
		}
		if (fired?.times === 0) this.pending = this.pending.filter((fault) => fault !== fired);
		return fired && listed(fired);
	}

	list(): PendingFault[] {
		return this.pending.map(listed);
	}

	clear(): void {
		this.pending = [];
	}
}
