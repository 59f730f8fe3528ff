import { startSandbox, type Envelope, type Sandbox, type StartSandboxOptions } from '../../sandbox';

export type { Envelope, Sandbox };

/** Loosely typed JSON, for assertions on answers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A copy of `record` without the `names` keys. */
export function without(
	record: Record<string, string>,
	...names: string[]
): Record<string, string> {
	return Object.fromEntries(Object.entries(record).filter(([name]) => !names.includes(name)));
}

/** Starts a sandbox on a free port for one test file. */
export function useSandbox(options: StartSandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, ...options });
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return () => {
		if (!sandbox) throw new Error('sandbox not started');
		return sandbox;
	};
}

export interface RawCall {
	method?: string;
	headers?: Record<string, string>;
	/** Sent as-is instead of JSON.stringify(body). */
	rawBody?: string;
}

/** One platform call; returns the parsed envelope. */
export async function post(
	sandbox: Sandbox,
	path: string,
	body?: unknown,
	options: RawCall = {},
): Promise<Envelope> {
	const response = await fetch(sandbox.url + path, {
		method: options.method ?? 'POST',
		headers: { 'content-type': 'application/json', ...options.headers },
		body: options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
	});
	if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
	return (await response.json()) as Envelope;
}

export interface Tokens {
	accessToken: string;
	accessTokenExpiredTime: string;
	refreshToken: string;
	refreshTokenExpiredTime: string;
}

export async function acquireToken(sandbox: Sandbox): Promise<Tokens> {
	const { appId, authCode, orgOpenId } = sandbox.identity;
	const envelope = await post(sandbox, '/api/pub/token/acquireToken', {
		appId,
		authCode,
		orgOpenId,
	});
	if (envelope.code !== 0) throw new Error(`acquireToken failed: ${envelope.message}`);
	return envelope.data as Tokens;
}

export function authHeaders(sandbox: Sandbox, accessToken: string): Record<string, string> {
	return {
		'qiye-access-token': accessToken,
		'qiye-app-id': sandbox.identity.appId,
		'qiye-org-open-id': sandbox.identity.orgOpenId,
	};
}

/** A business-call client holding one access token. `domain` is added to every body unless given. */
export class Client {
	accessToken = '';

	constructor(private readonly sandbox: () => Sandbox) {}

	async login(): Promise<Tokens> {
		const tokens = await acquireToken(this.sandbox());
		this.accessToken = tokens.accessToken;
		return tokens;
	}

	async call(path: string, body: Record<string, unknown> = {}): Promise<Envelope> {
		if (!this.accessToken) await this.login();
		const sandbox = this.sandbox();
		return post(
			sandbox,
			path,
			{ domain: sandbox.identity.domain, ...body },
			{ headers: authHeaders(sandbox, this.accessToken) },
		);
	}

	/** Like call, but throws unless the envelope is a success; returns `data`. */
	async ok<T = Json>(path: string, body: Record<string, unknown> = {}): Promise<T> {
		const envelope = await this.call(path, body);
		if (envelope.code !== 0)
			throw new Error(`${path} answered ${envelope.code}: ${envelope.message}`);
		return envelope.data as T;
	}
}

/** Control API over HTTP. */
export async function control(
	sandbox: Sandbox,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; json: Json }> {
	const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: await response.json() };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface UploadFile {
	fileName: string;
	bytes: Uint8Array;
	type?: string;
}

/** A multipart/form-data call (sendMail) through `client`; `domain` is added unless given. */
export async function upload(
	sandbox: () => Sandbox,
	client: Client,
	path: string,
	fields: Record<string, string>,
	files: UploadFile[] = [],
): Promise<Envelope> {
	if (!client.accessToken) await client.login();
	const form = new FormData();
	for (const [name, value] of Object.entries({ domain: sandbox().identity.domain, ...fields }))
		form.append(name, value);
	for (const file of files)
		form.append(
			'attachments',
			new Blob([Uint8Array.from(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
			file.fileName,
		);
	const response = await fetch(sandbox().url + path, {
		method: 'POST',
		headers: authHeaders(sandbox(), client.accessToken),
		body: form,
	});
	if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
	return (await response.json()) as Envelope;
}
