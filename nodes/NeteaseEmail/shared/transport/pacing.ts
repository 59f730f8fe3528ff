import { sleep } from 'n8n-workflow';

/** The platform counts calls per second (the sandbox over a sliding second; the usual QPS limit). */
const WINDOW_MS = 1_000;
/** Added to the window so a call that travels a little slower than the one before still fits. */
const WINDOW_MARGIN_MS = 10;
/** Fewer calls than this in the second before a refusal teach no limit (a lone refusal proves little). */
const MIN_EVIDENCE = 10;
/** With no refusal for this long while the limit holds calls back, it is raised by one: it may have grown. */
const PROBE_AFTER_MS = 2_000;
/** Refusals of paced calls above this share mean they are not about our rate. */
const NOISE_SHARE = 0.1;
/** Paced calls needed before their refused share is judged. */
const MIN_PACED = 6;
/** How long refusals are first taken as noise, before a limit may be learned again; doubles each time. */
const FIRST_NOISY_MS = 5_000;
/** A call refused on its own waits this long, doubling with each refusal of it, at most the max. */
const FIRST_OWN_WAIT_MS = 50;
const MAX_OWN_WAIT_MS = 400;
/** How far back sent and refused calls are remembered. */
const MEMORY_MS = 3 * WINDOW_MS;

const jitterMs = () => Math.floor(Math.random() * 50);

export function backoffMs(retry: number): number {
	return Math.min(100 * 2 ** retry, 5_000) + jitterMs();
}

/** One call's place in the pacing: when it was sent. */
export interface Turn {
	at: number;
}

/**
 * Pacing of one execution's calls. Until the platform refuses a call for its rate nothing is held
 * back. A refusal after a busy second teaches the limit: the calls sent in the second before the
 * refused one. From then on no more than that many calls are sent in any second, which fits a limit
 * counted over a sliding second as well as over calendar seconds, so a bulk run settles at the
 * limit with few refused calls. While the limit holds calls back it is raised by one after a quiet
 * while, in case it grew. When more than one in ten calls sent at the learned pace is refused
 * anyway (e.g. the platform refusing every third call), slowing down did not help: the refusals
 * are not about the rate. The limit is forgotten for a while and each refused call waits on its own.
 */
export class Pacing {
	private limit?: number;

	/** When the limit was last learned or changed; calls sent before were not paced by it. */
	private limitSetAt = 0;

	/** The calls that may count against the limit, oldest first. */
	private readonly sends: Turn[] = [];

	/** Since when calls are paced, and when the platform refused calls sent at that pace. */
	private pacedSince = 0;

	private readonly pacedRefusals: Turn[] = [];

	private lastRefusalAt = 0;

	private noisyUntil = 0;

	private noisyMs = FIRST_NOISY_MS;

	/** Waits for this caller's send slot; the turn says when it was taken. */
	async waitForTurn(): Promise<Turn> {
		const now = Date.now();
		forget(this.sends, now);
		// Claim a slot before waiting so concurrent callers queue up behind each other.
		const turn = { at: Math.max(now, this.windowFreesAt()) };
		if (turn.at > now) this.probe(now);
		this.sends.push(turn);
		if (turn.at === now) return turn;
		await sleep(turn.at - now);
		// A busy event loop wakes callers late: the call is counted from when it really goes.
		this.sends.splice(this.sends.indexOf(turn), 1);
		turn.at = Date.now();
		let index = this.sends.length;
		while (index > 0 && this.sends[index - 1].at > turn.at) index--;
		this.sends.splice(index, 0, turn);
		return turn;
	}

	/**
	 * The platform refused the call sent on `turn` for its rate. Returns how long that call
	 * should wait on its own before it is sent again (0 when the shared pace takes care of it).
	 */
	refused(turn: Turn, retry: number): number {
		const now = Date.now();
		const sentAt = turn.at;
		// The calls sent before this one, in the second before it.
		const sentBefore = this.sends.indexOf(turn);
		const evidence = this.sends
			.slice(0, Math.max(0, sentBefore))
			.filter((send) => send.at > sentAt - WINDOW_MS).length;
		if (sentBefore !== -1) this.sends.splice(sentBefore, 1);
		this.lastRefusalAt = now;
		const ownWait = Math.min(FIRST_OWN_WAIT_MS * 2 ** retry, MAX_OWN_WAIT_MS) + jitterMs();
		if (now < this.noisyUntil) return ownWait;

		if (this.limit !== undefined) {
			// Sent before the limit was set: part of the burst that taught it; it just queues again.
			if (sentAt < this.limitSetAt) return 0;
			forget(this.pacedRefusals, now);
			this.pacedRefusals.push(turn);
			if (this.pacedRefusedShare() > NOISE_SHARE) return this.takeAsNoise(now, ownWait);
			this.setLimit(this.limit - 1, now);
			return 0;
		}
		if (evidence < MIN_EVIDENCE) return ownWait;
		this.setLimit(evidence, now);
		return 0;
	}

	/** When a call may go without more than `limit` calls in the second before it. */
	private windowFreesAt(): number {
		if (this.limit === undefined || this.sends.length < this.limit) return 0;
		return this.sends[this.sends.length - this.limit].at + WINDOW_MS + WINDOW_MARGIN_MS;
	}

	private probe(now: number): void {
		if (now - Math.max(this.lastRefusalAt, this.limitSetAt) > PROBE_AFTER_MS)
			this.setLimit(this.limit! + 1, now);
	}

	private setLimit(limit: number, now: number): void {
		if (this.limit === undefined) this.pacedSince = now;
		this.limit = Math.max(1, limit);
		this.limitSetAt = now;
	}

	private takeAsNoise(now: number, ownWait: number): number {
		this.limit = undefined;
		this.noisyUntil = now + this.noisyMs;
		this.noisyMs *= 2;
		return ownWait;
	}

	/** The share of the calls sent at the learned pace that the platform refused. */
	private pacedRefusedShare(): number {
		const refusals = this.pacedRefusals.filter((refused) => refused.at >= this.pacedSince).length;
		const paced = this.sends.filter((send) => send.at >= this.pacedSince).length + refusals;
		return paced < MIN_PACED ? 0 : refusals / paced;
	}
}

function forget(turns: Turn[], now: number): void {
	while (turns.length > 0 && now - turns[0].at > MEMORY_MS) turns.shift();
}
