import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PushSource } from './state';

export interface PushDeliveryRecord {
	seq: number;
	source: PushSource;
	url: string;
	payload: unknown;
	/** 1 = first try. */
	attempt: number;
	/** ISO time of the attempt. */
	time: string;
	ok: boolean;
	status?: number;
	error?: string;
}

export interface PushSettings {
	pushRetries: number;
	pushRetryDelayMs: number;
	pushTimeoutMs: number;
}

/**
 * POSTs JSON payloads to subscribed callback URLs, in the background.
 * A non-2xx answer or a network error is retried `pushRetries` times after `pushRetryDelayMs` (sandbox choice).
 * An attempt never rejects: failures are recorded, not thrown.
 */
export class PushDispatcher {
	private records: PushDeliveryRecord[] = [];
	private seq = 0;
	private readonly inFlight = new Set<Promise<void>>();
	private readonly queues = new Map<string, Promise<void>>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private closed = false;

	constructor(private readonly settings: () => PushSettings) {}

	/** Deliveries to one URL go one at a time, in order (sandbox choice), so receivers see events in sequence. */
	send(source: PushSource, url: string, payload: unknown): void {
		const previous = this.queues.get(url) ?? Promise.resolve();
		const delivery: Promise<void> = previous.then(() => this.deliver(source, url, payload));
		this.queues.set(url, delivery);
		this.inFlight.add(delivery);
		void delivery.finally(() => {
			this.inFlight.delete(delivery);
			if (this.queues.get(url) === delivery) this.queues.delete(url);
		});
	}

	deliveries(): PushDeliveryRecord[] {
		return this.records.slice();
	}

	clear(): void {
		this.records = [];
	}

	/** Resolves when every delivery started so far has finished (retries included). */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	/** Cancels pending retries. */
	close(): void {
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	private async deliver(source: PushSource, url: string, payload: unknown): Promise<void> {
		const { pushRetries, pushRetryDelayMs, pushTimeoutMs } = this.settings();
		for (let attempt = 1; attempt <= pushRetries + 1 && !this.closed; attempt++) {
			if (attempt > 1) await this.sleep(pushRetryDelayMs);
			if (this.closed) return;
			const time = new Date().toISOString();
			const outcome = await postJson(url, payload, pushTimeoutMs);
			const ok = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
			this.records.push({ seq: ++this.seq, source, url, payload, attempt, time, ok, ...outcome });
			if (ok) return;
		}
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}
}

function postJson(
	url: string,
	payload: unknown,
	timeoutMs: number,
): Promise<{ status?: number; error?: string }> {
	return new Promise((resolve) => {
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			resolve({ error: 'invalid url' });
			return;
		}
		const body = Buffer.from(JSON.stringify(payload), 'utf8');
		const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
		const req = send(
			target,
			{
				method: 'POST',
				agent: false,
				timeout: timeoutMs,
				headers: {
					'content-type': 'application/json; charset=UTF-8',
					'content-length': body.length,
					connection: 'close',
				},
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode }));
				res.on('error', (error) => resolve({ error: error.message }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
		req.on('error', (error) => resolve({ error: error.message }));
		req.end(body);
	});
}
