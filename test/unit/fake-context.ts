/**
 * A minimal stand-in for an n8n node execution context, enough for the transport:
 * `getNode`, `getCredentials` (backed by a mutable store) and `helpers.httpRequestWithAuthentication`.
 *
 * The request helper imitates what n8n-core does with `credentialsDecrypted`: when the credential
 * it receives has an empty `accessToken`, it runs "preAuthentication" (here: issues the next token
 * after a short delay), assigns the result INTO `credentialsDecrypted.data` and persists it to the
 * store, then sends the request. Errors are thrown wrapped in `NodeApiError`, as n8n does.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'neteaseEnterpriseEmailApi';
export const APP_SECRET = 'AppKey-Secret-7f3a9c';
export const BASE_URL = 'http://127.0.0.1:8787';

export interface Envelope {
	code: number;
	success: boolean;
	message: string;
	data: unknown;
}

export function ok(data: unknown = {}): Envelope {
	return { code: 0, success: true, message: '', data };
}

export function fail(code: number, message = ''): Envelope {
	return { code, success: false, message, data: null };
}

export function isoIn(ms: number): string {
	return new Date(Date.now() + ms).toISOString();
}

/** Stored credential data of a healthy credential: token tok-0, valid for two hours. */
export function storedCredential(
	overrides: Partial<ICredentialDataDecryptedObject> = {},
): ICredentialDataDecryptedObject {
	return {
		accessToken: 'tok-0',
		refreshToken: 'ref-0',
		accessTokenExpiresAt: isoIn(2 * 3600_000),
		refreshTokenExpiresAt: isoIn(30 * 24 * 3600_000),
		orgOpenId: 'org-open-id-1',
		appId: 'qy20260101000000ABCD',
		appSecret: APP_SECRET,
		domain: ' Example.COM ',
		baseUrl: `${BASE_URL}//`,
		endpointOverrides: '{}',
		...overrides,
	};
}

export const node: INode = {
	id: 'node-1',
	name: 'NetEase',
	type: 'n8n-nodes-netease-enterprise-email.neteaseEmailAddressBook',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { [CREDENTIAL_TYPE]: { id: 'c1', name: 'Acct' } },
};

/** One request that reached the helper. */
export interface SentRequest {
	index: number;
	type: string;
	options: IHttpRequestOptions;
	url: string;
	body: IDataObject;
	/** The credential object passed as `credentialsDecrypted` (id, name, type). */
	credential: ICredentialsDecrypted;
	/** Snapshot of the credential data as the helper received it (before any preAuthentication). */
	received: ICredentialDataDecryptedObject;
	/** Whether preAuthentication ran for this request. */
	renewed: boolean;
	/** The access token the request went out with. */
	token: string;
	/** Date.now() when the request went out. */
	at: number;
}

export type Answer = Envelope | Error | string;
export type Responder = (request: SentRequest) => Answer | Promise<Answer>;

export interface FakeOptions {
	data?: ICredentialDataDecryptedObject;
	respond: Responder;
	/** Replaces token issuing: return an Error to make preAuthentication fail. */
	preAuthentication?: (
		received: ICredentialDataDecryptedObject,
	) => ICredentialDataDecryptedObject | Error;
	/** How long preAuthentication takes (real or fake timers). */
	preAuthDelayMs?: number;
	/** The credential store, shared with another fake execution. */
	store?: { data: ICredentialDataDecryptedObject };
}

export interface Fake {
	context: IExecuteFunctions;
	store: { data: ICredentialDataDecryptedObject };
	requests: SentRequest[];
	/** Credential data each preAuthentication run received. */
	preAuths: ICredentialDataDecryptedObject[];
	getCredentials: jest.Mock;
	http: jest.Mock;
}

const tick = async () => await new Promise<void>((resolve) => setImmediate(resolve));

export function fakeContext(options: FakeOptions): Fake {
	const store = options.store ?? { data: { ...(options.data ?? storedCredential()) } };
	const requests: SentRequest[] = [];
	const preAuths: ICredentialDataDecryptedObject[] = [];
	let issued = 0;

	const issue = (
		received: ICredentialDataDecryptedObject,
	): ICredentialDataDecryptedObject | Error => {
		if (options.preAuthentication) return options.preAuthentication(received);
		issued++;
		return {
			accessToken: `tok-${issued}`,
			refreshToken: received.refreshToken ? received.refreshToken : `ref-${issued}`,
			accessTokenExpiresAt: isoIn(2 * 3600_000),
			refreshTokenExpiresAt: isoIn(30 * 24 * 3600_000),
		};
	};

	const getCredentials = jest.fn(async () => ({ ...store.data }));
	const http = jest.fn(
		async (
			type: string,
			requestOptions: IHttpRequestOptions,
			additional?: { credentialsDecrypted?: ICredentialsDecrypted },
		) => {
			const credential = additional?.credentialsDecrypted;
			if (!credential?.data) throw new Error('the transport must pass credentialsDecrypted');
			const data = credential.data;
			const received = { ...data };
			let renewed = false;
			if (!data.accessToken) {
				renewed = true;
				preAuths.push(received);
				if (options.preAuthDelayMs) await sleep(options.preAuthDelayMs);
				else await tick();
				const result = issue(received);
				if (result instanceof Error) throw new NodeApiError(node, result as unknown as JsonObject);
				Object.assign(data, result);
				store.data = { ...store.data, ...result };
			}
			const request: SentRequest = {
				index: requests.length,
				type,
				options: requestOptions,
				url: String(requestOptions.url),
				body: (requestOptions.body ?? {}) as IDataObject,
				credential,
				received,
				renewed,
				token: String(data.accessToken),
				at: Date.now(),
			};
			requests.push(request);
			await tick();
			const answer = await options.respond(request);
			if (answer instanceof Error) throw answer;
			return answer;
		},
	);

	const context = {
		getNode: () => node,
		getCredentials,
		helpers: { httpRequestWithAuthentication: http },
	} as unknown as IExecuteFunctions;

	return { context, store, requests, preAuths, getCredentials, http };
}

/** A network failure as n8n surfaces it: NodeApiError whose `cause` carries the errno code. */
export function networkError(code: string, message = `socket error ${code}`): Error {
	const cause = Object.assign(new Error(message), {
		code,
		config: { headers: { 'qiye-access-token': 'tok-0' } },
	});
	return new NodeApiError(node, cause as unknown as JsonObject);
}

/** An HTTP error status as n8n surfaces it (axios error wrapped in NodeApiError). */
export function httpError(status: number): Error {
	const cause = Object.assign(new Error(`Request failed with status code ${status}`), {
		isAxiosError: true,
		code: status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
		config: { headers: { 'qiye-access-token': 'tok-0', 'qiye-app-id': 'qy20260101000000ABCD' } },
		response: { status, statusText: 'error', headers: {}, data: 'error page' },
	});
	return new NodeApiError(node, cause as unknown as JsonObject);
}

/** Serialises everything an error exposes, to look for secrets in it. */
export function everythingIn(error: unknown): string {
	const e = error as Error & { description?: unknown; context?: unknown; cause?: unknown };
	return [
		e.message,
		String(e.description ?? ''),
		JSON.stringify(e),
		JSON.stringify(e.context ?? {}),
		e.stack ?? '',
	].join('\n');
}

/** Captures a rejection (fails the test when the promise resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the call to fail, but it succeeded');
}

/**
 * Runs `promise` to completion under jest's fake timers (installed with setImmediate left real):
 * lets pending I/O-like work (setImmediate) run, then jumps the clock to the next timer.
 */
export async function drive<T>(promise: Promise<T>, maxSteps = 10_000): Promise<T> {
	let settled = false;
	promise.then(
		() => (settled = true),
		() => (settled = true),
	);
	for (let i = 0; !settled && i < maxSteps; i++) {
		await tick();
		if (!settled && jest.getTimerCount() > 0) await jest.advanceTimersToNextTimerAsync();
	}
	return await promise;
}

/** Fake timers (Date included) with setImmediate kept real, and no back-off jitter. */
export function useFakeClock(): void {
	beforeEach(() => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		jest.spyOn(Math, 'random').mockReturnValue(0);
	});
	afterEach(() => {
		jest.useRealTimers();
		jest.restoreAllMocks();
	});
}
