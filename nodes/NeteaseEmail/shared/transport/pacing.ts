import { sleep } from 'n8n-workflow';

/** The platform counts calls per second (the sandbox over a sliding second; the usual QPS limit). */
const WINDOW_MS = 1_000;
/**
 * Added to the window because the platform and this process both count whole milliseconds. A call
 * that travels slower than the one before is covered by counting each call from when it most likely
 * reached the platform (see `answered`), not by a wider margin, which every second would pay for.
 */
const WINDOW_MARGIN_MS = 2;
/** Fewer calls than this in the second before a refusal teach no limit (a lone refusal proves little). */
const MIN_EVIDENCE = 10;
/**
 * A burst that took longer than a second may teach too low a limit: a busy client sends some calls
 * later than it counts them, so fewer seem sent in the second before the refusal than the platform
 * counted. Such a limit climbs by this share every second without a refusal, then by one, until a
 * raise by one is refused.
 */
const CLIMB_SHARE = 0.02;
/**
 * Below the highest limit that held, the limit is raised by one after this long without a refusal:
 * it was most likely lowered for a call that travelled slower than the others. Each such raise the
 * platform refuses doubles the wait, so an unlucky pace does not cost a refusal every second.
 */
const FIRST_RETURN_AFTER_MS = 1_000;
/**
 * Above the highest limit that held, a raise is tried only after this long without a refusal,
 * doubling each time the platform refuses it: platforms rarely raise their limit, and every try
 * costs a refused call. Once a raise holds, the next follows as soon as one below would.
 */
const FIRST_RAISE_AFTER_MS = 10_000;
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
/** Round trips remembered to tell a slow call from the fastest ones. */
const ROUND_TRIPS = 100;
/** The most a slow round trip moves its call later in the pacing. */
const MAX_LATE_MS = 500;

const jitterMs = () => Math.floor(Math.random() * 50);

export function backoffMs(retry: number): number {
	return Math.min(100 * 2 ** retry, 5_000) + jitterMs();
}

/** One call's place in the pacing. */
export interface Turn {
	/** When the pacing let the call go. */
	sent: number;
	/** When it most likely reached the platform, as far as the pacing can tell: what it counts. */
	at: number;
	/** Which limit paced it (they are numbered as they are set). */
	limitNumber: number;
	/** Whether its answer arrived. */
	answered?: boolean;
	/** How long its answer took. */
	roundTrip?: number;
}

/**
 * Pacing of one execution's calls. Until the platform refuses a call for its rate nothing is held
 * back. A refusal after a busy second teaches the limit: the calls the platform took in the second
 * before the refused one, counted again once those still on their way are answered. From then on no
 * more than that many calls are sent in any second, which fits a limit counted over a sliding second
 * as well as over calendar seconds, so a bulk run settles at the limit with few refused calls. Each
 * call counts from when it most likely reached the platform: a call whose answer took longer than
 * the fastest ones left late. A limit taught by a burst longer than a second climbs a little each
 * quiet second until a raise is refused. A refused paced call lowers the limit by one; after a quiet
 * second it returns to the highest limit that held, and only after a long quiet while (not right
 * after such a return) is a higher one tried, in case the platform's grew. When more than one in ten
 * calls sent at the learned pace is refused anyway (e.g. the platform refusing every third call),
 * slowing down did not help: the refusals are not about the rate. The limit is forgotten for a while
 * and each refused call waits on its own.
 */
export class Pacing {
	private limit?: number;

	/** The highest limit the platform took without refusing: taught by a burst, or a raise that held. */
	private held = 0;

	/** Whether the platform's limit is known: taught by a burst of one second, or a raise refused. */
	private found = false;

	/** How much a limit still climbing is raised at a time. */
	private climbStep = 1;

	/** When the limit was last learned or changed, and how many times it was. */
	private limitSetAt = 0;

	private limitNumber = 0;

	/** How much the last change raised the limit (0 when it lowered it). */
	private lastRaise = 0;

	private returnAfterMs = FIRST_RETURN_AFTER_MS;

	private raiseAfterMs = FIRST_RAISE_AFTER_MS;

	/** The calls that may count against the limit, oldest first. */
	private readonly sends: Turn[] = [];

	/** Since when calls are paced, and when the platform refused calls sent at that pace. */
	private pacedSince = 0;

	private readonly pacedRefusals: Turn[] = [];

	private readonly roundTrips: number[] = [];

	private lastRefusalAt = 0;

	private noisyUntil = 0;

	private noisyMs = FIRST_NOISY_MS;

	/**
	 * A limit learned while calls sent before the refused one were still on their way: once they
	 * are answered, the calls the platform took are counted again (those it refused are gone).
	 */
	private lesson?: { sent: number; limitNumber: number; waiting: Turn[] };

	/** Waits for this caller's send slot; the turn says when it was taken. */
	async waitForTurn(): Promise<Turn> {
		const now = Date.now();
		forget(this.sends, now);
		this.relearn();
		// Claim a slot before waiting so concurrent callers queue up behind each other.
		let at = Math.max(now, this.windowFreesAt());
		if (at > now && this.raise(now)) at = Math.max(now, this.windowFreesAt());
		const turn = { sent: at, at, limitNumber: this.limitNumber };
		this.sends.push(turn);
		if (at === now) return turn;
		await sleep(at - now);
		// A busy event loop wakes callers late: the call is counted from when it really goes.
		turn.sent = Date.now();
		this.move(turn, turn.sent);
		return turn;
	}

	/**
	 * The answer to the call sent on `turn` arrived. A round trip slower than the fastest ones
	 * most likely left late (a busy client sends some calls well after the pacing let them go, and
	 * a token renewal holds them back): counted from when it was let go, the call the platform
	 * counted later would let a call of the next second go too early.
	 */
	answered(turn: Turn): void {
		turn.answered = true;
		turn.roundTrip = Date.now() - turn.sent;
		const fastest = Math.min(...this.roundTrips);
		this.roundTrips.push(turn.roundTrip);
		if (this.roundTrips.length > ROUND_TRIPS) this.roundTrips.shift();
		const nowFastest = Math.min(...this.roundTrips);
		// A faster round trip than any before shows the calls answered before left later than thought.
		const recount = nowFastest < fastest ? [...this.sends] : [turn];
		for (const send of recount) this.countLate(send, nowFastest);
	}

	/** Counts an answered call from its send plus how much slower its round trip was than the fastest. */
	private countLate(turn: Turn, fastest: number): void {
		if (turn.roundTrip === undefined || !this.sends.includes(turn)) return;
		const late = Math.min(turn.roundTrip - fastest, MAX_LATE_MS);
		if (late > 0 && turn.sent + late > turn.at) this.move(turn, turn.sent + late);
	}

	/** The token call on `turn` was answered; its round trip, n8n's own work included, is no measure. */
	tokenAnswered(turn: Turn): void {
		turn.answered = true;
	}

	/** Counts the call from `at`, keeping the sends in order. */
	private move(turn: Turn, at: number): void {
		this.sends.splice(this.sends.indexOf(turn), 1);
		turn.at = at;
		let index = this.sends.length;
		while (index > 0 && this.sends[index - 1].at > at) index--;
		this.sends.splice(index, 0, turn);
	}

	/**
	 * The platform refused the call sent on `turn` for its rate. Returns how long that call
	 * should wait on its own before it is sent again (0 when the shared pace takes care of it).
	 */
	refused(turn: Turn, retry: number): number {
		const now = Date.now();
		const sentBefore = this.sends.indexOf(turn);
		// Every call sent before it was counted: the burst took less than a second.
		const wholeBurst = this.sends.length > 0 && this.sends[0].at > turn.at - WINDOW_MS;
		if (sentBefore !== -1) this.sends.splice(sentBefore, 1);
		this.lastRefusalAt = now;
		const ownWait = Math.min(FIRST_OWN_WAIT_MS * 2 ** retry, MAX_OWN_WAIT_MS) + jitterMs();
		if (now < this.noisyUntil) return ownWait;

		if (this.limit !== undefined) {
			// Paced by an earlier limit (or none): not this limit's doing; it just queues again.
			if (turn.limitNumber !== this.limitNumber) return 0;
			forget(this.pacedRefusals, now);
			this.pacedRefusals.push(turn);
			if (this.pacedRefusedShare() > NOISE_SHARE) return this.takeAsNoise(now, ownWait);
			this.lower(now);
			return 0;
		}
		// The calls sent in the second before this one: those answered were taken. Those still on
		// their way may be refused too; until they are answered, only the others count.
		const before = this.sentInSecondBefore(turn.sent);
		const waiting = before.filter((send) => !send.answered);
		if (before.length < MIN_EVIDENCE) return ownWait;
		this.learn(Math.max(1, before.length - waiting.length), wholeBurst, now);
		if (waiting.length > 0) {
			this.lesson = { sent: turn.sent, limitNumber: this.limitNumber, waiting };
		}
		return 0;
	}

	private sentInSecondBefore(sent: number): Turn[] {
		return this.sends.filter((send) => send.sent <= sent && send.sent > sent - WINDOW_MS);
	}

	/** Learns the limit again once the calls it was still waiting for are answered. */
	private relearn(): void {
		const lesson = this.lesson;
		if (!lesson || lesson.waiting.some((send) => !send.answered)) return;
		this.lesson = undefined;
		if (lesson.limitNumber !== this.limitNumber) return;
		const taken = this.sentInSecondBefore(lesson.sent).filter((send) => send.answered).length;
		// The same lesson, counted in full: calls paced by it meanwhile stay its calls.
		if (taken > this.limit!) {
			this.limit = taken;
			this.hold(taken);
		}
	}

	/** When a call may go without more than `limit` calls in the second before it. */
	private windowFreesAt(): number {
		if (this.limit === undefined || this.sends.length < this.limit) return 0;
		return this.sends[this.sends.length - this.limit].at + WINDOW_MS + WINDOW_MARGIN_MS;
	}

	private learn(limit: number, wholeBurst: boolean, now: number): void {
		this.hold(limit);
		this.found = wholeBurst;
		this.returnAfterMs = FIRST_RETURN_AFTER_MS;
		this.raiseAfterMs = FIRST_RAISE_AFTER_MS;
		this.setLimit(limit, now);
	}

	/** A limit the platform taught: it held, and one still climbing climbs from it. */
	private hold(limit: number): void {
		this.held = limit;
		this.climbStep = Math.max(1, Math.round(limit * CLIMB_SHARE));
	}

	/** Raises the limit when it held back calls without a refusal for long enough. */
	private raise(now: number): boolean {
		const limit = this.limit!;
		const soon = !this.found || limit < this.held || (this.lastRaise > 0 && limit > this.held);
		const wait = soon ? this.returnAfterMs : this.raiseAfterMs;
		if (now - Math.max(this.lastRefusalAt, this.limitSetAt) <= wait) return false;
		// The limit held all that while: the platform takes at least that many.
		this.held = Math.max(this.held, limit);
		const step = this.found ? 1 : this.climbStep;
		this.setLimit(limit + step, now);
		this.lastRaise = step;
		return true;
	}

	/** A paced call was refused: back to the last limit that held, or one lower. */
	private lower(now: number): void {
		const limit = this.limit!;
		if (this.lastRaise > 0) {
			// That raise was too much. Climbing, go on in steps of one, or stop at a refused one;
			// else wait longer before the next raise to that height.
			if (!this.found) {
				if (this.lastRaise > 1) this.climbStep = 1;
				else this.found = true;
			} else if (limit <= this.held) this.returnAfterMs *= 2;
			else this.raiseAfterMs *= 2;
		}
		this.setLimit(limit - Math.max(1, this.lastRaise), now);
	}

	private setLimit(limit: number, now: number): void {
		if (this.limit === undefined) this.pacedSince = now;
		this.limit = Math.max(1, limit);
		this.limitSetAt = now;
		this.limitNumber++;
		this.lastRaise = 0;
	}

	private takeAsNoise(now: number, ownWait: number): number {
		this.limit = undefined;
		this.limitNumber++;
		this.noisyUntil = now + this.noisyMs;
		this.noisyMs *= 2;
		return ownWait;
	}

	/** The share of the calls sent at the learned pace that the platform refused. */
	private pacedRefusedShare(): number {
		const refusals = this.pacedRefusals.filter((refused) => refused.sent >= this.pacedSince).length;
		const paced = this.sends.filter((send) => send.sent >= this.pacedSince).length + refusals;
		return paced < MIN_PACED ? 0 : refusals / paced;
	}
}

function forget(turns: Turn[], now: number): void {
	while (turns.length > 0 && now - turns[0].at > MEMORY_MS) turns.shift();
}
