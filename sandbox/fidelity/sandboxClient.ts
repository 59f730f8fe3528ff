/** Sends recorded requests to a sandbox with its own tokens, as the node would. */
import type { Sandbox } from '../index';
import { isRecord } from './answer';
import type { SandboxSecrets } from './placeholders';

export interface SandboxCall {
	path: string;
	query: Record<string, string>;
	/** A JSON body, a multipart record `{ multipart: true, fields, files }`, text, or null. */
	body: unknown;
}

export interface SandboxReply {
	httpStatus: number;
	body: unknown;
}

interface TokenPair {
	accessToken: string;
	refreshToken: string;
}

const TOKEN_REFUSALS = new Set([-101, -300, -301]);

export class SandboxClient implements SandboxSecrets {
	private tokens?: TokenPair;
	private sso?: string;

	constructor(private readonly sandbox: Sandbox) {}

	get authCode(): string {
		return this.sandbox.identity.authCode;
	}

	accessToken(): string {
		return this.tokens?.accessToken ?? '';
	}

	refreshToken(): string {
		return this.tokens?.refreshToken ?? '';
	}

	ssoToken(): string {
		return this.sso ?? '';
	}

	/** Tokens for the calls to come; token calls in the recording never touch these. */
	async login(): Promise<void> {
		this.tokens = await this.newTokenPair();
		const sso = await this.raw({
			path: '/api/pub/token/ssoAuthToken',
			query: {},
			body: this.credentials(),
		});
		this.sso = tokenField(sso.body, 'ssoAuthToken');
	}

	/** A token pair of its own, e.g. to refresh without spoiling the client's access token. */
	async newTokenPair(): Promise<TokenPair> {
		const reply = await this.raw({
			path: '/api/pub/token/acquireToken',
			query: {},
			body: this.credentials(),
		});
		return {
			accessToken: tokenField(reply.body, 'accessToken'),
			refreshToken: tokenField(reply.body, 'refreshToken'),
		};
	}

	credentials(): Record<string, string> {
		const { appId, authCode, orgOpenId } = this.sandbox.identity;
		return { appId, authCode, orgOpenId };
	}

	/** A business or token call with the headers its path needs; an expired token is renewed once. */
	async send(call: SandboxCall): Promise<SandboxReply> {
		const reply = await this.raw(call);
		const code = isRecord(reply.body) ? reply.body.code : undefined;
		if (
			typeof code === 'number' &&
			TOKEN_REFUSALS.has(code) &&
			!call.path.startsWith('/api/pub/')
		) {
			await this.login();
			return this.raw(call);
		}
		return reply;
	}

	private async raw(call: SandboxCall): Promise<SandboxReply> {
		const url = new URL(this.sandbox.url + call.path);
		for (const [name, value] of Object.entries(call.query)) url.searchParams.set(name, value);
		const headers: Record<string, string> = { ...this.authHeaders(call.path) };
		let body: string | FormData | undefined;
		if (isMultipartRecord(call.body)) {
			body = formData(call.body);
		} else {
			headers['content-type'] = 'application/json';
			if (call.body !== null && call.body !== undefined)
				body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
		}
		const response = await fetch(url, { method: 'POST', headers, body });
		const text = await response.text();
		return { httpStatus: response.status, body: parseJson(text) };
	}

	private authHeaders(path: string): Record<string, string> {
		if (path.startsWith('/api/pub/')) return {};
		const { appId, orgOpenId } = this.sandbox.identity;
		const common = { 'qiye-app-id': appId, 'qiye-org-open-id': orgOpenId };
		if (path.startsWith('/api/sso/')) return { ...common, 'qiye-sso-auth-token': this.ssoToken() };
		return { ...common, 'qiye-access-token': this.accessToken() };
	}
}

interface MultipartRecord {
	multipart: true;
	fields: Record<string, string | string[]>;
	files: Array<{ name: string; fileName: string; size: number }>;
}

export function isMultipartRecord(body: unknown): body is MultipartRecord {
	return isRecord(body) && body.multipart === true && isRecord(body.fields);
}

/** The recorded fields, and each file as that many zero bytes (a recording keeps only sizes). */
function formData(record: MultipartRecord): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(record.fields))
		for (const each of Array.isArray(value) ? value : [value]) form.append(name, each);
	for (const file of record.files ?? [])
		form.append(file.name, new Blob([new Uint8Array(file.size)]), file.fileName);
	return form;
}

function parseJson(text: string): unknown {
	if (text === '') return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function tokenField(body: unknown, name: string): string {
	const data = isRecord(body) && isRecord(body.data) ? body.data : undefined;
	const value = data?.[name];
	if (typeof value !== 'string')
		throw new Error(`the sandbox gave no ${name}: ${JSON.stringify(body)}`);
	return value;
}
