import { InputError } from './inputError';
import {
	CLIENT_LOGIN_PROTOCOLS,
	LOGIN_RESULTS,
	RECEIVED_MAIL_STATUSES,
	SENT_MAIL_STATUSES,
	WEB_LOGIN_TYPES,
	type ClientLoginProtocol,
	type LoginResult,
	type ReceivedMailStatus,
	type SentMailStatus,
	type WebLoginType,
} from './rules';
import type { Runtime } from './runtime';
import type {
	AdminOperationLog,
	ClientLoginLog,
	OrgState,
	ReceivedMailLog,
	SentMailLog,
	WebLoginLog,
} from './state';
import { parseChinaTime } from './time';

/** `yyyy-MM-dd HH:mm:ss` China time or epoch ms; default now. */
export type LogTimeInput = string | number;

// Type aliases rather than interfaces: like plain objects, they are comparable with index-signature
// types (e.g. n8n's IDataObject), so callers may cast loosely typed entries.

export type LoginLogInput = {
	/** Local part or address. */
	accountName: string;
	/** Default `192.0.2.1`. */
	ip?: string;
	time?: LogTimeInput;
	loginType?: WebLoginType;
	result?: LoginResult;
};

export type ClientLoginLogInput = {
	accountName: string;
	ip?: string;
	time?: LogTimeInput;
	/** Default `imap`. */
	protocol?: ClientLoginProtocol;
	/** Default `""`. */
	client?: string;
	result?: LoginResult;
};

export type ReceivedMailLogInput = {
	account: string;
	time?: LogTimeInput;
	/** Default `""`. */
	mid?: string;
	/** Default `sender@example.org`. */
	from?: string;
	/** Default the account's address. */
	to?: string;
	subject?: string;
	/** Bytes, default 0. */
	size?: number;
	status?: ReceivedMailStatus;
};

export type SentMailLogInput = {
	account: string;
	time?: LogTimeInput;
	mid?: string;
	messageId?: string;
	/** Comma-separated, or an array of addresses. Default `""`. */
	to?: string | string[];
	subject?: string;
	size?: number;
	status?: SentMailStatus;
};

export type AdminOperationLogInput = {
	/** Default the app id. */
	operator?: string;
	time?: LogTimeInput;
	ip?: string;
	module: string;
	action: string;
	target?: string;
	/** A string, or an object (stored as its JSON). Default `"{}"`. */
	detail?: string | Record<string, unknown>;
};

export type LogEntriesInput =
	| { kind: 'webLogin'; entries: LoginLogInput[] }
	| { kind: 'clientLogin'; entries: ClientLoginLogInput[] }
	| { kind: 'receivedMail'; entries: ReceivedMailLogInput[] }
	| { kind: 'sentMail'; entries: SentMailLogInput[] }
	| { kind: 'adminOperation'; entries: AdminOperationLogInput[] };

export type LogKind = LogEntriesInput['kind'];
export const LOG_KINDS: readonly LogKind[] = [
	'webLogin',
	'clientLogin',
	'receivedMail',
	'sentMail',
	'adminOperation',
];

const DEFAULT_IP = '192.0.2.1';

/** Reads one seeded entry's fields; every problem names the entry (`entries[3].time …`). */
class Fields {
	constructor(
		private readonly entry: Record<string, unknown>,
		private readonly where: string,
	) {}

	private fail(name: string, what: string): never {
		throw new InputError(`${this.where}${name} ${what}`);
	}

	required(name: string): string {
		const value = this.entry[name];
		if (typeof value !== 'string' || value.trim() === '') this.fail(name, 'is required');
		return value.trim();
	}

	text(name: string, fallback: string): string {
		const value = this.entry[name];
		if (value === undefined) return fallback;
		if (typeof value !== 'string') this.fail(name, 'must be a string');
		return value;
	}

	choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
		const value = this.entry[name];
		if (value === undefined) return fallback;
		if (!(allowed as readonly unknown[]).includes(value))
			this.fail(name, `must be one of ${allowed.join(', ')}`);
		return value as T;
	}

	size(name: string): number {
		const value = this.entry[name] ?? 0;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
			this.fail(name, 'must be a non-negative integer');
		return value;
	}

	time(now: number): number {
		const value = this.entry.time;
		const time =
			value === undefined ? now : typeof value === 'number' ? value : parseChinaTime(value);
		if (time === null || !Number.isFinite(time))
			this.fail('time', 'must be yyyy-MM-dd HH:mm:ss (China time) or epoch ms');
		return time;
	}

	addresses(name: string): string {
		const value = this.entry[name];
		if (value === undefined) return '';
		if (typeof value === 'string') return value;
		if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
			return value.join(',');
		this.fail(name, 'must be a comma-separated string or an array of addresses');
	}

	detail(): string {
		const value = this.entry.detail;
		if (value === undefined) return '{}';
		if (typeof value === 'string') return value;
		if (value && typeof value === 'object') return JSON.stringify(value);
		this.fail('detail', 'must be a string or an object');
	}
}

function local(state: OrgState, name: string): string {
	const suffix = `@${state.domain}`;
	return name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

type Parser<T> = (fields: Fields, rt: Runtime) => T;

const PARSERS: { [K in LogKind]: Parser<unknown> } = {
	webLogin: (f, rt): WebLoginLog => ({
		time: f.time(rt.now()),
		accountName: local(rt.state, f.required('accountName')),
		ip: f.text('ip', DEFAULT_IP),
		loginType: f.choice('loginType', WEB_LOGIN_TYPES, 'web'),
		result: f.choice('result', LOGIN_RESULTS, 'success'),
	}),
	clientLogin: (f, rt): ClientLoginLog => ({
		time: f.time(rt.now()),
		accountName: local(rt.state, f.required('accountName')),
		ip: f.text('ip', DEFAULT_IP),
		protocol: f.choice('protocol', CLIENT_LOGIN_PROTOCOLS, 'imap'),
		client: f.text('client', ''),
		result: f.choice('result', LOGIN_RESULTS, 'success'),
	}),
	receivedMail: (f, rt): ReceivedMailLog => {
		const account = local(rt.state, f.required('account'));
		return {
			time: f.time(rt.now()),
			account,
			mid: f.text('mid', ''),
			from: f.text('from', 'sender@example.org'),
			to: f.text('to', rt.state.email(account)),
			subject: f.text('subject', ''),
			size: f.size('size'),
			status: f.choice('status', RECEIVED_MAIL_STATUSES, 'delivered'),
		};
	},
	sentMail: (f, rt): SentMailLog => ({
		time: f.time(rt.now()),
		account: local(rt.state, f.required('account')),
		mid: f.text('mid', ''),
		messageId: f.text('messageId', ''),
		to: f.addresses('to'),
		subject: f.text('subject', ''),
		size: f.size('size'),
		status: f.choice('status', SENT_MAIL_STATUSES, 'delivered'),
	}),
	adminOperation: (f, rt): AdminOperationLog => ({
		time: f.time(rt.now()),
		operator: f.text('operator', rt.config.identity.appId),
		ip: f.text('ip', DEFAULT_IP),
		module: f.required('module'),
		action: f.required('action'),
		target: f.text('target', ''),
		detail: f.detail(),
	}),
};

function logOf(state: OrgState, kind: LogKind): unknown[] {
	switch (kind) {
		case 'webLogin':
			return state.webLoginLogs;
		case 'clientLogin':
			return state.clientLoginLogs;
		case 'receivedMail':
			return state.receivedMailLogs;
		case 'sentMail':
			return state.sentMailLogs;
		case 'adminOperation':
			return state.adminOperationLogs;
	}
}

/**
 * Control API: appends log entries of one kind (all or none: a bad entry adds nothing). Entries
 * may be in any time order; queries sort them. Returns how many were added.
 */
export function addLogEntries(rt: Runtime, input: LogEntriesInput): number {
	if (!input || typeof input !== 'object') throw new InputError('body must be an object');
	const { kind, entries } = input as { kind: unknown; entries: unknown };
	if (!LOG_KINDS.includes(kind as LogKind))
		throw new InputError(`kind must be one of ${LOG_KINDS.join(', ')}`);
	if (!Array.isArray(entries)) throw new InputError('entries must be an array');
	const parse = PARSERS[kind as LogKind];
	const parsed = entries.map((entry: unknown, index) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry))
			throw new InputError(`entries[${index}] must be an object`);
		return parse(new Fields(entry as Record<string, unknown>, `entries[${index}].`), rt);
	});
	logOf(rt.state, kind as LogKind).push(...parsed);
	return parsed.length;
}

/** Control API: one web-login entry (`addLoginLog`). */
export function addLoginLog(rt: Runtime, input: LoginLogInput): WebLoginLog {
	if (!input || typeof input !== 'object') throw new InputError('body must be an object');
	const entry = PARSERS.webLogin(new Fields(input as unknown as Record<string, unknown>, ''), rt);
	rt.state.webLoginLogs.push(entry as WebLoginLog);
	return entry as WebLoginLog;
}
