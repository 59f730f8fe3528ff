/**
 * The in-process secrets check: n8n's logger at debug level, its lines captured as its file output
 * writes them (JSON, one a line), and everything a run produced (output items, errors and their
 * descriptions, run data, static data) searched for the AppKey and every token of the run.
 *
 * The secrets are read, not guessed: the AppKey of the credentials, the access, refresh and SSO
 * tokens the sandbox's request log shows n8n sending (../../scripts/e2e/secrets/leaks.ts, shared
 * with the e2e check) and the tokens n8n stored in its credential (issued, maybe never sent).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { format, transports } from 'winston';

import type { Secret, Written } from '../../scripts/e2e/secrets/leaks';
import {
	countKinds,
	describeLeaks,
	distinct,
	findLeaks,
	sentSecrets,
} from '../../scripts/e2e/secrets/leaks';
import { DEFAULT_IDENTITY } from '../../sandbox';
import { ensureN8nCore } from '../harness';
import type { NodeRun, RunOptions, TestPlatform } from '../support/netease';
import { CREDENTIAL_ID, usePlatform } from '../support/netease';

/** Every kind of secret a file's runs must have handled, or the check looked for nothing. */
export const SECRET_KINDS = ['AppKey', 'access token', 'refresh token', 'SSO token'];

const distinctive = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;

/** The sandbox's AppKey: distinctive, so that no other text matches it by chance. */
const APP_KEY = distinctive('AppKey');
/** An AppKey the sandbox refuses. */
export const WRONG_APP_KEY = distinctive('WrongKey');

/** n8n's logger at debug level; its lines are kept in `lines` instead of printed. */
function captureN8nLog(lines: string[]): Logger {
	process.env.N8N_LOG_LEVEL = 'debug';
	ensureN8nCore();
	const logger = Container.get(Logger);
	const stream = new Writable({
		write(chunk: Buffer | string, _encoding, done) {
			lines.push(String(chunk));
			done();
		},
	});
	// The format of n8n's log file (N8N_LOG_OUTPUT=file); console lines hold the same fields.
	const fileFormat = format.combine(format.timestamp(), format.metadata(), format.json());
	logger
		.getInternalLogger()
		.clear()
		.add(new transports.Stream({ stream, format: fileFormat }));
	return logger;
}

/** JSON of anything, errors with their message, stack, description and causes (not enumerable). */
export function dump(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, (_key, current: unknown) => {
			if (typeof current === 'bigint') return String(current);
			if (!current || typeof current !== 'object') return current;
			if (seen.has(current)) return '[seen]';
			seen.add(current);
			if (!(current instanceof Error)) return current;
			const own = Object.getOwnPropertyNames(current).map((name) => [
				name,
				(current as unknown as Record<string, unknown>)[name],
			]);
			return { name: current.name, ...Object.fromEntries(own) };
		}) ?? String(value)
	);
}

/** Items as n8n stores them, plus their binary data decoded (base64 would hide a secret). */
function itemsText(items: INodeExecutionData[]): string {
	const binaries = items.flatMap((item) =>
		Object.values(item.binary ?? {}).map((binary) =>
			Buffer.from(binary.data, 'base64').toString('latin1'),
		),
	);
	return [dump(items), ...binaries].join('\n');
}

export interface Scanned {
	secrets: Secret[];
	texts: number;
	bytes: number;
	logLines: number;
}

export interface SecretsCheck {
	platform: TestPlatform;
	/** Something n8n showed, stored or answered, to be searched. */
	record(where: string, value: unknown): void;
	/** One run of an action node, its items, error and run data recorded. */
	run(what: string, parameters: INodeParameters, options?: RunOptions): Promise<NodeRun>;
	/** Searches what was recorded and logged since the last search; fails on any secret found. */
	expectNoSecret(): Promise<void>;
	/** The secrets and how much was searched so far in this file. */
	totals(): Scanned;
	/** The credential switched to the wrong AppKey (until the next test). */
	useWrongAppKey(): void;
	/** Logs a line at debug level through n8n's logger, as a node's `this.logger` would. */
	logDebug(message: string, metadata?: Record<string, unknown>): void;
}

/**
 * A platform for one test file whose runs are searched for secrets. Call it at the top of the
 * file: n8n's logger must be set to debug before anything else uses it.
 */
export function useSecretsCheck(): SecretsCheck {
	const platform = usePlatform({ identity: { ...DEFAULT_IDENTITY, authCode: APP_KEY } });
	const lines: string[] = [];
	let logger: Logger | undefined;
	let written: Written[] = [];
	let read = 0;
	const found = new Map<string, Secret>();
	const total = { texts: 0, bytes: 0, logLines: 0 };

	beforeAll(() => {
		logger = captureN8nLog(lines);
	});

	/** Every secret of the runs so far: the request log is cleared before each test. */
	function harvest(): Secret[] {
		const stored = platform.credentials.updatesFor(CREDENTIAL_ID).flatMap(({ data }) => [
			{ kind: 'access token', value: String(data.accessToken ?? '') },
			{ kind: 'refresh token', value: String(data.refreshToken ?? '') },
		]);
		const secrets = [
			{ kind: 'AppKey', value: platform.sandbox.identity.authCode },
			{ kind: 'AppKey (the wrong one)', value: WRONG_APP_KEY },
			...sentSecrets(platform.sandbox.control.requests()),
			...stored,
		];
		for (const secret of distinct(secrets))
			if (!found.has(secret.value)) found.set(secret.value, secret);
		return [...found.values()];
	}

	/** Waits until n8n's logger delivered a marker line: every line before it is in. */
	async function flushLog(): Promise<void> {
		const marker = `secrets check flush ${randomBytes(6).toString('hex')}`;
		logger!.debug(marker);
		for (let turn = 0; turn < 100 && !lines.some((line) => line.includes(marker)); turn++)
			await new Promise((resolve) => setImmediate(resolve));
		if (!lines.some((line) => line.includes(marker)))
			throw new Error("n8n's logger is not at debug level, or its lines are not captured");
	}

	const check: SecretsCheck = {
		platform,
		record(where, value) {
			written.push({ where, text: typeof value === 'string' ? value : dump(value) });
		},
		async run(what, parameters, options = {}) {
			const run = await platform.run(parameters, options);
			check.record(`the output items of ${what}`, itemsText(run.items));
			check.record(`the error of ${what}`, run.error);
			check.record(`the run data of ${what}`, run.raw);
			return run;
		},
		async expectNoSecret() {
			await flushLog();
			const secrets = harvest();
			const log = lines.slice(read).join('');
			const texts = [...written, { where: "n8n's log (debug level)", text: log }];
			total.logLines += lines.length - read;
			total.texts += texts.length;
			total.bytes += texts.reduce((sum, text) => sum + Buffer.byteLength(text.text), 0);
			read = lines.length;
			written = [];
			expect(describeLeaks(findLeaks(secrets, texts))).toBe('');
		},
		totals: () => ({ secrets: [...found.values()], ...total }),
		useWrongAppKey: () => platform.changeCredential({ appSecret: WRONG_APP_KEY }),
		logDebug: (message, metadata) => logger!.debug(message, metadata),
	};
	return check;
}

/** The closing test of a file: every kind of secret was looked for, in a visible amount of text. */
export function expectEveryKindLookedFor(check: SecretsCheck, kinds = SECRET_KINDS): void {
	test(`every kind of secret (${kinds.join(', ')}) was looked for in the runs above`, () => {
		const { secrets, texts, bytes, logLines } = check.totals();
		const found = new Set(secrets.map((secret) => secret.kind));
		expect(kinds.filter((kind) => !found.has(kind))).toEqual([]);
		expect(logLines).toBeGreaterThan(0);
		if (process.env.SECRETS_REPORT)
			console.log(
				`${countKinds(secrets)} looked for in ${texts} texts of ${bytes} bytes, n8n's log among them with ${logLines} lines`,
			);
	});
}
