/** The request log and counters the control API exposes. */

export type TokenKind = 'access' | 'sso' | 'refresh';

export interface RequestRecord {
	seq: number;
	/** ISO time the call arrived. */
	time: string;
	path: string;
	query: Record<string, string>;
	/** Lower-cased names. */
	headers: Record<string, string>;
	/** Parsed JSON body, or the raw text when it was not JSON. */
	body: unknown;
	/** Envelope code answered (or, for `lostResponse`, that would have been); null when no envelope was produced. */
	code: number | null;
	tokenKind?: TokenKind;
	/** The fault that fired on this call, if any; `restart` also for a call a restart abandoned (code null). */
	fault?: string;
	httpStatus?: number;
	/** Message of an unexpected exception (answered as -1). */
	error?: string;
}

export interface PathStats {
	calls: number;
	/** Envelope code → count; `dropped` and `http<status>` for faults that produced no envelope. */
	byCode: Record<string, number>;
}

export interface SandboxStats {
	byPath: Record<string, PathStats>;
	tokensAcquired: number;
	tokensRefreshed: number;
	ssoTokensIssued: number;
	rateLimited: number;
	faultsFired: number;
	/** Restarts (control `restart` or a `restart` fault). */
	restarts: number;
}

/** Oldest requests are dropped beyond this many (sandbox choice, bounds memory in long runs). */
const MAX_REQUESTS = 20000;

export class Recorder {
	private log: RequestRecord[] = [];
	private seq = 0;
	stats: SandboxStats = emptyStats();

	record(entry: Omit<RequestRecord, 'seq'>): void {
		const outcomeKey =
			entry.code !== null
				? String(entry.code)
				: entry.httpStatus
					? `http${entry.httpStatus}`
					: 'dropped';
		const pathStats = (this.stats.byPath[entry.path] ??= { calls: 0, byCode: {} });
		pathStats.calls++;
		pathStats.byCode[outcomeKey] = (pathStats.byCode[outcomeKey] ?? 0) + 1;
		this.log.push({ seq: ++this.seq, ...entry });
		if (this.log.length > MAX_REQUESTS) this.log.splice(0, this.log.length - MAX_REQUESTS);
	}

	requests(): RequestRecord[] {
		return this.log.slice();
	}

	clearRequests(): void {
		this.log = [];
	}

	reset(): void {
		this.log = [];
		this.seq = 0;
		this.stats = emptyStats();
	}
}

function emptyStats(): SandboxStats {
	return {
		byPath: {},
		tokensAcquired: 0,
		tokensRefreshed: 0,
		ssoTokensIssued: 0,
		rateLimited: 0,
		faultsFired: 0,
		restarts: 0,
	};
}
