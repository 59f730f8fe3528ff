import type { IncomingMessage, ServerResponse } from 'node:http';
import { addAccounts, type NewAccountInput } from './bulkAccounts';
import type { SandboxConfig, SandboxConfigPatch } from './config';
import { checkDownMs, type Fault, type PendingFault } from './faults';
import { InputError } from './inputError';
import { deliverMail, type DeliveredMail, type DeliverMailInput } from './mail';
import type { PushDeliveryRecord } from './push';
import type { RequestRecord, SandboxStats } from './recorder';
import { SSO_LOGIN_PATH, ssoLoginPage } from './routes/sso';
import type { Runtime } from './runtime';
import { SEED_NAMES, type SeedName } from './seed';
import {
	MAX_CONTROL_BODY_BYTES,
	normaliseAddress,
	parseJsonObject,
	readBody,
	sendJson,
} from './http';
import { addLoginLog, addLogEntries, type LogEntriesInput, type LoginLogInput } from './logEntries';
import type { OrgState, WebLoginLog } from './state';
import type { AccessTokenExpiryCode } from './tokens';

export type OrgSnapshot = ReturnType<OrgState['snapshot']>;

/** Test and demo hooks. Control calls are never rate limited, delayed, faulted or logged as platform calls. */
export interface SandboxControl {
	/** Back to a seed (default: the current one) and the startup config; clears faults, requests, stats, push records. Tokens stay valid. */
	reset(seed?: SeedName): void;
	/** Merges into the current config; returns the effective config. */
	configure(patch: SandboxConfigPatch): SandboxConfig;
	config(): SandboxConfig;
	/** Every access token issued so far answers `code` (default -301). Returns how many. */
	expireAccessTokens(code?: AccessTokenExpiryCode): number;
	/** Every refresh token issued so far answers -302. Returns how many. */
	expireRefreshTokens(): number;
	injectFault(fault: Fault | Fault[]): void;
	/**
	 * Restarts the sandbox as a platform server restarts: stops listening, destroys every open
	 * connection (calls in flight lose their answer; those not yet performed never are), stays down
	 * `downMs` (default 0; connections refused meanwhile), then listens on the same port again.
	 * Everything else is kept: organisation, tokens, config, faults, request log. Resolves once it
	 * listens again.
	 */
	restart(options?: { downMs?: number }): Promise<void>;
	clearFaults(): void;
	faults(): PendingFault[];
	requests(): RequestRecord[];
	clearRequests(): void;
	stats(): SandboxStats;
	state(): OrgSnapshot;
	deliverMail(input: DeliverMailInput): DeliveredMail;
	/** One web-login log entry (defaults: now, `192.0.2.1`, `web`, `success`). */
	addLoginLog(input: LoginLogInput): WebLoginLog;
	/** Log entries of one kind, all or none; returns how many were added. */
	addLogEntries(input: LogEntriesInput): number;
	/** Accounts added straight into the organisation, all or none; returns how many. */
	addAccounts(accounts: NewAccountInput[]): number;
	pushDeliveries(): PushDeliveryRecord[];
	clearPushDeliveries(): void;
	/** Resolves when every push started so far has finished, retries included. */
	waitForPushes(): Promise<void>;
}

export const CONTROL_PREFIX = '/__sandbox';

const EXPIRY_CODES: readonly AccessTokenExpiryCode[] = [-300, -301, -101];

export function createControl(rt: Runtime): SandboxControl {
	const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
	return {
		reset(seed) {
			if (seed !== undefined && !SEED_NAMES.includes(seed))
				throw new InputError(`seed must be one of ${SEED_NAMES.join(', ')}`);
			rt.reset(seed);
		},
		configure: (patch) => copy(rt.configure(patch)),
		config: () => copy(rt.config),
		expireAccessTokens(code = -301) {
			if (!EXPIRY_CODES.includes(code))
				throw new InputError(`code must be one of ${EXPIRY_CODES.join(', ')}`);
			return rt.tokens.expireAllAccess(code);
		},
		expireRefreshTokens: () => rt.tokens.expireAllRefresh(),
		injectFault: (fault) => rt.faults.add(fault),
		restart: async ({ downMs } = {}) => rt.restart(checkDownMs(downMs)),
		clearFaults: () => rt.faults.clear(),
		faults: () => rt.faults.list(),
		requests: () => copy(rt.recorder.requests()),
		clearRequests: () => rt.recorder.clearRequests(),
		stats: () => copy(rt.recorder.stats),
		state: () => copy(rt.state.snapshot()),
		deliverMail: (input) => deliverMail(rt, input),
		addLoginLog: (input) => addLoginLog(rt, input),
		addLogEntries: (input) => addLogEntries(rt, input),
		addAccounts: (accounts) => addAccounts(rt, accounts),
		pushDeliveries: () => copy(rt.push.deliveries()),
		clearPushDeliveries: () => rt.push.clear(),
		waitForPushes: () => rt.push.idle(),
	};
}

interface ControlRequest {
	body: Record<string, unknown>;
	query: URLSearchParams;
	/** Runs `task` once the answer has been sent. */
	afterAnswer(task: () => void): void;
}

type ControlRoute = (control: SandboxControl, request: ControlRequest, rt: Runtime) => unknown;

/** `"<METHOD> <path below /__sandbox>"` → handler answering plain JSON. */
const CONTROL_ROUTES: Record<string, ControlRoute> = {
	'GET /': () => ({
		endpoints: Object.keys(CONTROL_ROUTES)
			.map((key) => key.replace(' /', ` ${CONTROL_PREFIX}/`))
			.concat(`GET ${SSO_LOGIN_PATH}`),
	}),
	'GET /credential': (_control, _request, rt) => ({ ...rt.config.identity, baseUrl: rt.baseUrl }),
	'POST /reset': (control, { body }, rt) => {
		control.reset(body.seed as SeedName | undefined);
		return { ok: true, state: { units: rt.state.units.size, accounts: rt.state.accounts.size } };
	},
	'GET /config': (control) => control.config(),
	'POST /config': (control, { body }) => control.configure(body as SandboxConfigPatch),
	'POST /tokens/expire': (control, { body }) => ({
		expired: control.expireAccessTokens(body.code as AccessTokenExpiryCode | undefined),
	}),
	'POST /tokens/expire-refresh': (control) => ({ expired: control.expireRefreshTokens() }),
	'GET /faults': (control) => control.faults(),
	'POST /faults': (control, { body }) => {
		control.injectFault((Array.isArray(body.faults) ? body.faults : body) as Fault | Fault[]);
		return control.faults();
	},
	'POST /restart': (control, { body, afterAnswer }) => {
		const downMs = checkDownMs(body.downMs);
		// Its own connection goes down with the others: answer first.
		afterAnswer(() => void control.restart({ downMs }).catch(() => undefined));
		return { restarting: true, downMs };
	},
	'DELETE /faults': (control) => {
		control.clearFaults();
		return { ok: true };
	},
	'GET /requests': (control, { query }) => {
		const path = query.get('path');
		return path
			? control.requests().filter((request) => request.path === path)
			: control.requests();
	},
	'DELETE /requests': (control) => {
		control.clearRequests();
		return { ok: true };
	},
	'GET /stats': (control) => control.stats(),
	'GET /state': (control) => control.state(),
	'POST /mail': (control, { body }) => control.deliverMail(body as unknown as DeliverMailInput),
	'POST /logs/login': (control, { body }) => control.addLoginLog(body as unknown as LoginLogInput),
	'POST /logs': (control, { body }) => ({
		added: control.addLogEntries(body as unknown as LogEntriesInput),
	}),
	'POST /accounts': (control, { body }) => ({
		added: control.addAccounts(body.accounts as NewAccountInput[]),
	}),
	'GET /push': async (control, { query }) => {
		if (query.get('wait') === '1' || query.get('wait') === 'true') await control.waitForPushes();
		return control.pushDeliveries();
	},
	'DELETE /push': (control) => {
		control.clearPushDeliveries();
		return { ok: true };
	},
};

export async function handleControlRequest(
	rt: Runtime,
	control: SandboxControl,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	const raw = await readBody(req, MAX_CONTROL_BODY_BYTES);
	if (req.method === 'GET' && url.pathname === SSO_LOGIN_PATH) {
		const { status, html } = ssoLoginPage(
			rt,
			url.searchParams,
			normaliseAddress(req.socket.remoteAddress),
		);
		res.writeHead(status, {
			'content-type': 'text/html; charset=utf-8',
			'content-length': Buffer.byteLength(html),
		});
		res.end(html);
		return;
	}
	const subPath = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, '') || '/';
	const route = CONTROL_ROUTES[`${req.method} ${subPath}`];
	if (!route)
		return sendJson(res, 404, { error: `unknown control endpoint: ${req.method} ${url.pathname}` });
	const body = parseJsonObject(raw);
	if (!body) return sendJson(res, 400, { error: 'body must be a JSON object' });
	try {
		const afterAnswer = (task: () => void) => res.once('finish', task);
		const request = { body, query: url.searchParams, afterAnswer };
		sendJson(res, 200, (await route(control, request, rt)) ?? null);
	} catch (error) {
		if (error instanceof InputError) return sendJson(res, error.status, { error: error.message });
		throw error;
	}
}
