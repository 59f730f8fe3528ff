import type { IDataObject } from 'n8n-workflow';

import type { LogEntry } from '../../../shared/logs/entries';
import {
	accountOf,
	codeOrNull,
	emailOf,
	entryTime,
	textOrNull,
} from '../../../shared/logs/entries';

export interface LoginEntry extends LogEntry {
	account: string | null;
	email: string | null;
	ip: string | null;
	/** `web`, or the mail program's protocol: `imap`, `pop`, `smtp`. */
	channel: string | null;
	/** How a web login signed in: `password`, `sso`, `app`; `null` for client logins (not reported). */
	method: string | null;
	/** The mail program of a client login when reported, e.g. `Foxmail 7.2`. */
	client: string | null;
	/** `success` or `failure`. */
	result: string | null;
}

/** The web log's `loginType` in the node's words. */
const WEB_METHODS: Record<string, string> = { web: 'password', sso: 'sso', app: 'app' };

/** An entry of the web login log (`log.webLogin`). */
export function webLoginEntry(raw: IDataObject, domain: string): LoginEntry {
	const account = accountOf(raw.accountName);
	const loginType = codeOrNull(raw.loginType);
	return {
		...entryTime(raw.time),
		account,
		email: emailOf(account, textOrNull(raw.domain)?.toLowerCase() ?? domain),
		ip: textOrNull(raw.ip),
		channel: 'web',
		method: loginType === null ? null : (WEB_METHODS[loginType] ?? loginType),
		client: null,
		result: codeOrNull(raw.result),
	};
}

/** An entry of the IMAP / POP / SMTP login log (`log.clientLogin`, inferred). */
export function clientLoginEntry(raw: IDataObject, domain: string): LoginEntry {
	const account = accountOf(raw.accountName);
	return {
		...entryTime(raw.time),
		account,
		email: emailOf(account, textOrNull(raw.domain)?.toLowerCase() ?? domain),
		ip: textOrNull(raw.ip),
		channel: codeOrNull(raw.protocol),
		method: null,
		client: textOrNull(raw.client),
		result: codeOrNull(raw.result),
	};
}
