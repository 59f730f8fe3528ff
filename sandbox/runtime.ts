import { mergeConfig, type SandboxConfig, type SandboxConfigPatch } from './config';
import { FaultQueue } from './faults';
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
