import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { LogEntriesInput, LogKind } from '../../sandbox';
import type { RunOptions, TestPlatform } from '../support/netease';
import { LOGS_NODE_TYPE } from '../support/netease';

export const DOMAIN = 'sandbox.example.com';
export const SECOND = 1000;
export const HOUR = 3600 * SECOND;
export const DAY = 24 * HOUR;

/** February 2026, one window: the demo organisation's own entries are months later. */
export const FEBRUARY = {
	startTime: '2026-02-01T00:00:00+08:00',
	endTime: '2026-02-28T00:00:00+08:00',
};

export const PATHS: Record<LogKind, string> = {
	webLogin: '/api/open/logquery/webLogin',
	clientLogin: '/api/open/logquery/clientLogin',
	receivedMail: '/api/open/logquery/receivedMail',
	sentMail: '/api/open/logquery/sentMail',
	adminOperation: '/api/open/logquery/adminOperation',
};

/** The Logs node's parameters that read one log. */
export const QUERIES: Record<LogKind, INodeParameters> = {
	webLogin: { resource: 'loginLog', operation: 'getAll', channel: 'web' },
	clientLogin: { resource: 'loginLog', operation: 'getAll', channel: 'client' },
	receivedMail: { resource: 'receivedMailLog', operation: 'getAll' },
	sentMail: { resource: 'sentMailLog', operation: 'getAll' },
	adminOperation: { resource: 'adminLog', operation: 'getAll' },
};

/** The keys of a simplified entry, in order, per log. */
const LOGIN_KEYS = [
	'time',
	'timestamp',
	'account',
	'email',
	'ip',
	'channel',
	'method',
	'client',
	'result',
];
const MAIL_KEYS = [
	'time',
	'timestamp',
	'account',
	'email',
	'messageId',
	'mid',
	'from',
	'to',
	'subject',
	'size',
	'status',
];
export const KEYS: Record<LogKind, string[]> = {
	webLogin: LOGIN_KEYS,
	clientLogin: LOGIN_KEYS,
	receivedMail: MAIL_KEYS,
	sentMail: MAIL_KEYS,
	adminOperation: ['time', 'timestamp', 'operator', 'ip', 'module', 'action', 'target', 'detail'],
};

/** Epoch ms of a China time `yyyy-MM-dd HH:mm:ss`. */
export const fromChina = (text: string) => Date.parse(`${text.replace(' ', 'T')}+08:00`);

/** A time as the platform writes it: `yyyy-MM-dd HH:mm:ss` China time. */
export const chinaTime = (epochMs: number) =>
	new Date(epochMs + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' ');

/** A time as the node outputs it: ISO 8601 with +08:00. */
export const isoChina = (epochMs: number) => `${chinaTime(epochMs).replace(' ', 'T')}+08:00`;

/** The `n`th seeded entry of a log at `time` (epoch ms): every field varies with `n`. */
export function entryAt(kind: LogKind, time: number, n: number): IDataObject {
	const ip = `192.0.2.${n % 250}`;
	const result = n % 4 === 0 ? 'failure' : 'success';
	switch (kind) {
		case 'webLogin':
			return {
				time,
				accountName: `user${n % 5}`,
				ip,
				loginType: ['web', 'sso', 'app'][n % 3],
				result,
			};
		case 'clientLogin':
			return {
				time,
				accountName: `user${n % 5}`,
				ip,
				protocol: ['imap', 'pop', 'smtp'][n % 3],
				client: n % 2 ? 'Foxmail 7.2' : '',
				result,
			};
		case 'receivedMail':
			return {
				time,
				account: `user${n % 5}`,
				mid: `r${n}`,
				from: `partner${n}@example.org`,
				subject: `收信 #${n}`,
				size: 1000 + n,
				status: n % 7 ? 'delivered' : 'spam',
			};
		case 'sentMail':
			return {
				time,
				account: `user${n % 5}`,
				mid: `s${n}`,
				messageId: `<${n}@${DOMAIN}>`,
				to: [`a${n}@example.org`, `b${n}@example.net`],
				subject: `发信 #${n}`,
				size: 2000 + n,
				status: ['delivered', 'rejected', 'deferred'][n % 3],
			};
		case 'adminOperation':
			return {
				time,
				operator: n % 2 ? 'admin' : 'qy20000101000000BEEF',
				ip,
				module: n % 2 ? 'account' : 'unit',
				action: 'update',
				target: n % 3 ? `target${n}` : '',
				detail: { n },
			};
	}
}

/** Seeds one entry of `kind` at each time (epoch ms), numbered in the order given. */
export function seed(platform: TestPlatform, kind: LogKind, times: number[]): void {
	const entries = times.map((time, n) => entryAt(kind, time, n));
	platform.sandbox.control.addLogEntries({ kind, entries } as LogEntriesInput);
}

export function logsRun(
	platform: TestPlatform,
	parameters: INodeParameters,
	options: RunOptions = {},
) {
	return platform.run(parameters, { nodeType: LOGS_NODE_TYPE, ...options });
}

/** Every call to a log query, in order. */
export function logCalls(platform: TestPlatform) {
	return platform.sandbox.control
		.requests()
		.filter((request) => request.path.startsWith('/api/open/logquery/'));
}

/** The `[startTime, endTime]` of each call to `path`, in order. */
export function windowsSent(platform: TestPlatform, path: string): Array<[string, string]> {
	return logCalls(platform)
		.filter((request) => request.path === path)
		.map((request) => {
			const body = request.body as IDataObject;
			return [String(body.startTime), String(body.endTime)];
		});
}

/** Distinct windows in the order asked (each window's pages repeat its times). */
export function distinctWindows(windows: Array<[string, string]>): Array<[string, string]> {
	return windows.filter(
		(window, index) =>
			index === 0 || window[0] !== windows[index - 1][0] || window[1] !== windows[index - 1][1],
	);
}
