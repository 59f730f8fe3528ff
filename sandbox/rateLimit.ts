/** Sliding one-second window over accepted calls; rejected calls do not count (sandbox choice). */
export class SlidingWindowLimiter {
	private stamps: number[] = [];

	allow(now: number, perSecond: number): boolean {
		if (perSecond <= 0) return true;
		const windowStart = now - 1000;
		let expired = 0;
		while (expired < this.stamps.length && this.stamps[expired] <= windowStart) expired++;
		if (expired > 0) this.stamps = this.stamps.slice(expired);
		if (this.stamps.length >= perSecond) return false;
		this.stamps.push(now);
		return true;
	}

	reset(): void {
		this.stamps = [];
	}
}
