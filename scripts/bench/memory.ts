/**
 * Memory of one process, sampled from /proc/<pid>/status (Linux) every few milliseconds until it
 * exits: VmRSS (resident now) and VmHWM (the kernel's resident high-water mark, so the peak is
 * not missed between samples, only after the last one); and the resident memory of its child
 * processes (n8n starts a JavaScript task runner), apart.
 */
import { readFileSync } from 'node:fs';

export interface MemorySample {
	/** Epoch ms. */
	time: number;
	rssKb: number;
	hwmKb: number;
	/** VmRSS of the direct child processes together. */
	childrenRssKb: number;
}

export class MemorySampler {
	readonly samples: MemorySample[] = [];
	private timer?: NodeJS.Timeout;

	constructor(private readonly intervalMs = 20) {}

	/** Starts sampling `pid`; stops by itself when the process is gone. */
	start(pid: number): void {
		this.stop();
		const sample = () => {
			const status = readStatus(pid);
			if (status)
				this.samples.push({ time: Date.now(), ...status, childrenRssKb: childrenRss(pid) });
			else this.stop();
		};
		sample();
		this.timer = setInterval(sample, this.intervalMs);
	}

	stop(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
	}

	/** The highest VmHWM seen, in kB (0 without samples). */
	peakKb(): number {
		return Math.max(0, ...this.samples.map((s) => s.hwmKb));
	}

	/** The highest resident memory of the child processes seen, in kB. */
	childrenPeakKb(): number {
		return Math.max(0, ...this.samples.map((s) => s.childrenRssKb));
	}

	/**
	 * The resident peak from `time` (epoch ms) on, in kB: VmHWM when it rose after `time` (the
	 * kernel saw a higher peak than any before), else the highest VmRSS sampled from then on, since
	 * an earlier peak (e.g. n8n's boot) hides later ones from VmHWM. Undefined without samples.
	 */
	peakSinceKb(time: number): number | undefined {
		const before = this.samples.filter((s) => s.time <= time);
		const after = this.samples.filter((s) => s.time > time);
		if (!after.length) return undefined;
		const hwmBefore = before.length ? before[before.length - 1].hwmKb : 0;
		const hwmAfter = Math.max(...after.map((s) => s.hwmKb));
		return hwmAfter > hwmBefore ? hwmAfter : Math.max(...after.map((s) => s.rssKb));
	}

	/** The highest VmRSS sampled from `start` to `end` (epoch ms), in kB; undefined if none. */
	highestRssKb(start: number, end: number): number | undefined {
		const within = this.samples.filter((s) => s.time >= start && s.time <= end);
		return within.length ? Math.max(...within.map((s) => s.rssKb)) : undefined;
	}

	/** The highest resident memory of the child processes from `time` (epoch ms) on, in kB. */
	childrenPeakSinceKb(time: number): number {
		return Math.max(0, ...this.samples.filter((s) => s.time > time).map((s) => s.childrenRssKb));
	}

	/** VmRSS of the last sample taken at or before `time` (epoch ms); undefined if none. */
	rssAt(time: number): number | undefined {
		const before = this.samples.filter((s) => s.time <= time);
		return before.length ? before[before.length - 1].rssKb : undefined;
	}
}

function readStatus(pid: number): { rssKb: number; hwmKb: number } | undefined {
	let text: string;
	try {
		text = readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return undefined;
	}
	const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
	const rssKb = kb('VmRSS');
	const hwmKb = kb('VmHWM');
	// A zombie (exited, not yet reaped) has no Vm* lines.
	return Number.isFinite(rssKb) && Number.isFinite(hwmKb) ? { rssKb, hwmKb } : undefined;
}

function childrenRss(pid: number): number {
	let children: string[];
	try {
		children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
	} catch {
		return 0;
	}
	return children
		.filter(Boolean)
		.reduce((sum, child) => sum + (readStatus(Number(child))?.rssKb ?? 0), 0);
}

export const mb = (kb: number | undefined) =>
	kb === undefined ? undefined : Math.round(kb / 1024);
