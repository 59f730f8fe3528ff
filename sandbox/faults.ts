import { InputError } from './inputError';

export type FaultKind = 'code' | 'drop' | 'lostResponse' | 'slowResponse' | 'httpStatus';

/**
 * A one-shot (or `times`-shot) misbehaviour of the platform.
 * - `code`: answer that envelope code (with `marker` if given) without performing the call
 * - `drop`: destroy the socket without performing the call
 * - `lostResponse`: perform the call, then destroy the socket without answering
 * - `slowResponse`: perform the call, then answer only after `delayMs`, the connection open meanwhile
 * - `httpStatus`: answer a non-200 status (default 502) with a plain-text body, without performing
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
	/** How many calls it fires on (default 1). */
	times?: number;
	/** Matching calls to let through before it fires (default 0). */
	after?: number;
}

export interface PendingFault extends Fault {
	times: number;
	after: number;
}

const KINDS: readonly FaultKind[] = ['code', 'drop', 'lostResponse', 'slowResponse', 'httpStatus'];

/** The longest a `slowResponse` answer may wait (2 minutes). */
export const MAX_DELAY_MS = 120_000;

function validate(fault: Fault): PendingFault {
	if (!fault || typeof fault !== 'object') throw new InputError('a fault must be an object');
	if (!KINDS.includes(fault.kind))
		throw new InputError(`fault kind must be one of ${KINDS.join(', ')}`);
	if (fault.path !== undefined && typeof fault.path !== 'string')
		throw new InputError('fault path must be a string');
	if (fault.kind === 'code' && (!Number.isInteger(fault.code) || fault.code === 0)) {
		throw new InputError('a code fault needs a non-zero integer code');
	}
	const status = fault.kind === 'httpStatus' ? (fault.status ?? 502) : fault.status;
	if (
		fault.kind === 'httpStatus' &&
		(!Number.isInteger(status) || status! < 100 || status! > 599 || status === 200)
	) {
		throw new InputError('an httpStatus fault needs a status between 100 and 599 other than 200');
	}
	if (fault.kind === 'slowResponse') {
		const { delayMs } = fault;
		if (!Number.isInteger(delayMs) || delayMs! < 1 || delayMs! > MAX_DELAY_MS)
			throw new InputError(
				`a slowResponse fault needs delayMs, an integer from 1 to ${MAX_DELAY_MS}`,
			);
	} else if (fault.delayMs !== undefined) {
		throw new InputError('delayMs is only for slowResponse faults');
	}
	const times = fault.times ?? 1;
	const after = fault.after ?? 0;
	if (!Number.isInteger(times) || times < 1)
		throw new InputError('fault times must be a positive integer');
	if (!Number.isInteger(after) || after < 0)
		throw new InputError('fault after must be a non-negative integer');
	return { ...fault, status, times, after };
}

export function isBusinessPath(path: string): boolean {
	return !path.startsWith('/api/pub/token/');
}

/** Pending faults, consumed in the order they were injected. */
export class FaultQueue {
	private pending: PendingFault[] = [];

	add(faults: Fault | Fault[]): void {
		const list = (Array.isArray(faults) ? faults : [faults]).map(validate);
		this.pending.push(...list);
	}

	/** The fault that fires on this call, if any. Every matching fault counts the call towards its `after`. */
	take(path: string): PendingFault | undefined {
		let fired: PendingFault | undefined;
		for (const fault of this.pending) {
			const matches = fault.path === undefined ? isBusinessPath(path) : fault.path === path;
			if (!matches) continue;
			if (fault.after > 0) {
				fault.after--;
			} else if (!fired) {
				fired = fault;
				fault.times--;
			}
		}
		if (fired && fired.times === 0) this.pending = this.pending.filter((fault) => fault !== fired);
		return fired && { ...fired };
	}

	list(): PendingFault[] {
		return this.pending.map((fault) => ({ ...fault }));
	}

	clear(): void {
		this.pending = [];
	}
}
