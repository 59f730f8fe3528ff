import { mergeConfig, type SandboxConfig, type SandboxConfigPatch } from './config';
import { FaultQueue } from './faults';
import type { Listener } from './listener';
import { PushDispatcher } from './push';
import { SlidingWindowLimiter } from './rateLimit';
import { Recorder } from './recorder';
import { createOrganisation, type SeedName } from './seed';
import type { OrgState } from './state';
import { TokenStore } from './tokens';

/** Everything one running sandbox holds; shared by the server, the routes and the control API. */
export class Runtime {
	config: SandboxConfig;
	state: OrgState;
	readonly tokens = new TokenStore();
	readonly faults = new FaultQueue();
	readonly limiter = new SlidingWindowLimiter();
	readonly recorder = new Recorder();
	readonly push = new PushDispatcher(() => this.config);
	/** Set once the server listens. */
	baseUrl = '';
	listener?: Listener;
	/** Restarts so far: a call that began under an earlier generation is abandoned before it is performed. */
	generation = 0;
	private restarting?: Promise<void>;
	/** Timers of work that completes later (mailbox hand-overs); cleared whenever the state is replaced. */
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(
		private readonly startupConfig: SandboxConfig,
		private seed: SeedName,
	) {
		this.config = startupConfig;
		this.state = this.freshState();
	}

	now(): number {
		return Date.now();
	}

	/** Back to the seed and the startup config; clears faults, request log, stats and push records. Tokens stay valid. */
	reset(seed: SeedName = this.seed): void {
		this.seed = seed;
		this.config = this.startupConfig;
		this.cancelScheduled();
		this.state = this.freshState();
		this.faults.clear();
		this.limiter.reset();
		this.recorder.reset();
		this.push.clear();
	}

	configure(patch: SandboxConfigPatch): SandboxConfig {
		const previous = this.config.identity;
		this.config = mergeConfig(this.config, patch);
		const { domain, orgOpenId } = this.config.identity;
		// Ids and addresses derive from these two, so a new enterprise starts from the seed again.
		if (domain !== previous.domain || orgOpenId !== previous.orgOpenId) {
			this.cancelScheduled();
			this.state = this.freshState();
		}
		return this.config;
	}

	/**
	 * Drops every connection and listens again on the same port after `downMs`, keeping everything
	 * else (state, tokens, config, faults, request log). A restart asked for while one is under way
	 * is that one.
	 */
	restart(downMs: number): Promise<void> {
		const listener = this.listener;
		if (!listener) return Promise.reject(new Error('the sandbox is not listening'));
		this.restarting ??= (async () => {
			this.generation++;
			this.recorder.stats.restarts++;
			try {
				await listener.restart(downMs);
			} finally {
				this.restarting = undefined;
			}
		})();
		return this.restarting;
	}

	/** Resolves when no restart is under way. */
	async restarted(): Promise<void> {
		await this.restarting?.catch(() => undefined);
	}

	/** Runs `task` after `ms`, unless the state is replaced (reset, new identity) or the sandbox closes first. */
	schedule(ms: number, task: () => void): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			task();
		}, ms);
		this.timers.add(timer);
	}

	/** Stops everything running in the background: scheduled work and push retries. */
	close(): void {
		this.cancelScheduled();
		this.push.close();
	}

	private cancelScheduled(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	private freshState(): OrgState {
		return createOrganisation(
			this.seed,
			this.config.identity.domain,
			this.config.identity.orgOpenId,
			this.now(),
		);
	}
}
