import {
	defaultConfig,
	mergeConfig,
	type SandboxConfigPatch,
	type SandboxIdentity,
} from './config';
import { createControl, type SandboxControl } from './control';
import { Listener } from './listener';
import { Runtime } from './runtime';
import type { SeedName } from './seed';
import { createSandboxServer } from './server';

export type { RateLimitConfig, SandboxConfig, SandboxConfigPatch, SandboxIdentity } from './config';
export { DEFAULT_IDENTITY } from './config';
export type { OrgSnapshot, SandboxControl } from './control';
export type {
	AdminOperationLogInput,
	ClientLoginLogInput,
	LogEntriesInput,
	LoginLogInput,
	LogKind,
	ReceivedMailLogInput,
	SentMailLogInput,
} from './logEntries';
export { CODE_DESCRIPTIONS, PlatformError, type Envelope } from './envelope';
export type { Fault, FaultKind, PendingFault } from './faults';
export type { DeliveredMail, DeliverMailInput } from './mail';
export type { PushDeliveryRecord } from './push';
export type { RequestRecord, SandboxStats } from './recorder';
export { DEMO_PASSWORD, type SeedName } from './seed';
export { LOGIN_ACCESS_MODULES, MAIL_ATTACHMENTS_MAX_BYTES } from './rules';
export type { AccessTokenExpiryCode } from './tokens';

export interface StartSandboxOptions extends SandboxConfigPatch {
	/** 0 (default) = any free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Default `demo`. */
	seed?: SeedName;
}

/** What an n8n credential for the sandbox needs. */
export interface SandboxCredential extends SandboxIdentity {
	baseUrl: string;
}

export interface Sandbox {
	/** Base URL, e.g. `http://127.0.0.1:8787`. */
	url: string;
	port: number;
	/** The current identity (follows `control.configure({ identity })`). */
	readonly identity: SandboxIdentity;
	readonly credential: SandboxCredential;
	control: SandboxControl;
	close(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
	const { port = 0, host = '127.0.0.1', seed = 'demo', ...patch } = options;
	const rt = new Runtime(mergeConfig(defaultConfig(), patch), seed);
	const control = createControl(rt);
	const listener = new Listener(createSandboxServer(rt, control), host);
	const actualPort = await listener.open(port);
	rt.listener = listener;
	rt.baseUrl = `http://${urlHost(host)}:${actualPort}`;

	return {
		url: rt.baseUrl,
		port: actualPort,
		get identity() {
			return { ...rt.config.identity };
		},
		get credential() {
			return { ...rt.config.identity, baseUrl: rt.baseUrl };
		},
		control,
		close: async () => {
			await rt.restarted();
			rt.close();
			await listener.stop();
		},
	};
}

/** A host usable in a URL: wildcard addresses become loopback, IPv6 literals get brackets. */
function urlHost(host: string): string {
	if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
	return host.includes(':') ? `[${host}]` : host;
}
