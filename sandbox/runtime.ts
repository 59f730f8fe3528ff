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
		if (domain !== previous.domain || orgOpenId !== previous.orgOpenId)
			this.state = this.freshState();
		return this.config;
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
