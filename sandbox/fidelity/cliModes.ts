/** `npm run sandbox -- --proxy URL --record DIR` and `npm run sandbox -- --replay DIR`. */
import { basename } from 'node:path';

import { startRecordingProxy, type RecordingProxy } from './proxy';
import { readRecording, type RecordedExchange } from './recording';
import { startReplayServer, type ReplayServer } from './replay';

export interface ServeOptions {
	port: number;
	host?: string;
}

export async function runRecordingProxy(
	target: string,
	dir: string,
	serve: ServeOptions,
	endpointOverrides?: Record<string, string>,
): Promise<RecordingProxy> {
	const proxy = await startRecordingProxy({
		target,
		dir,
		...serve,
		endpointOverrides,
		onExchange: (exchange, file) => process.stdout.write(`${exchangeLine(exchange, file)}\n`),
	});
	process.stdout.write(
		[
			`NetEase recording proxy listening on ${proxy.url}, forwarding to ${proxy.target.replace(/\/$/, '')}`,
			`Recording into ${dir}: one JSON file per call, with the AppKey, tokens, passwords, mobile`,
			'numbers and e-mail local parts replaced by placeholders such as <user-1>.',
			'',
			'In n8n, set the "NetEase Enterprise Email API" credential\'s Base URL to:',
			`  ${proxy.url}`,
			'and keep its CorpID, App ID and AppKey: they go on to the platform, never into the recording.',
			'Run your workflows, then check the files before you share them. Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	return proxy;
}

export async function runReplayServer(dir: string, serve: ServeOptions): Promise<ReplayServer> {
	const exchanges = readRecording(dir);
	const replay = await startReplayServer({ dir, ...serve });
	const identity = recordedIdentity(exchanges);
	process.stdout.write(
		[
			`NetEase replay server listening on ${replay.url}, answering ${replay.exchanges} recorded calls from ${dir}`,
			'',
			'In n8n, point the credential at the recording:',
			`  Base URL             ${replay.url}`,
			...(identity.orgOpenId ? [`  CorpID               ${identity.orgOpenId}`] : []),
			...(identity.appId ? [`  App ID               ${identity.appId}`] : []),
			'  AppKey               anything (the recording holds none)',
			...(identity.domain ? [`  Default Mail Domain  ${identity.domain}`] : []),
			'A call the recording does not hold answers -400 and is reported on stderr. Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	return replay;
}

function exchangeLine(exchange: RecordedExchange, file: string): string {
	const body = exchange.response.body as { code?: unknown } | null;
	const outcome =
		body && typeof body === 'object' && 'code' in body
			? `code ${String(body.code)}`
			: `HTTP ${exchange.response.httpStatus}`;
	return `  ${basename(file)}  ${exchange.method} ${exchange.path} → ${outcome} (${exchange.timing.ms} ms)`;
}

/** The CorpID, App ID and mail domain the recorded calls used (they are not secrets, so they are kept). */
function recordedIdentity(exchanges: RecordedExchange[]): {
	orgOpenId?: string;
	appId?: string;
	domain?: string;
} {
	const found: { orgOpenId?: string; appId?: string; domain?: string } = {};
	for (const exchange of exchanges) {
		const body = exchange.request.body;
		if (body === null || typeof body !== 'object') continue;
		const fields =
			(body as { multipart?: unknown; fields?: unknown }).multipart === true
				? ((body as { fields: Record<string, unknown> }).fields ?? {})
				: (body as Record<string, unknown>);
		for (const key of ['orgOpenId', 'appId', 'domain'] as const) {
			if (!found[key] && typeof fields[key] === 'string') found[key] = fields[key] as string;
		}
	}
	return found;
}
