/**
 * A local stand-in for the services the trigger examples post to, on a free port of 127.0.0.1:
 *
 * - `POST /cgi-bin/webhook/send?key=<key>`: a WeCom (企业微信) group robot. It checks what WeCom
 *   checks for a markdown message — a known key, a JSON object body, `msgtype` "markdown", a
 *   non-empty `markdown.content` of at most 4096 bytes (UTF-8) — and answers like WeCom: HTTP 200
 *   with `{"errcode":0,"errmsg":"ok"}`, or an errcode (93000 bad key, 40008 bad type, 44004 empty
 *   content, 40058 too long, 40035 not JSON) for a message WeCom would refuse.
 * - `POST /alerts`: a security alert inbox that takes any JSON object and answers 200.
 *
 * Every request is recorded, accepted or not.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const ROBOT_PATH = '/cgi-bin/webhook/send';
export const ALERTS_PATH = '/alerts';
/** WeCom's limit for a markdown message's content, in bytes of UTF-8. */
export const ROBOT_MARKDOWN_MAX_BYTES = 4096;

export interface CaughtRequest {
	path: string;
	time: number;
	/** The parsed JSON body, or the raw text when it is not JSON. */
	body: unknown;
	/** errcode answered (robot), 0 when accepted; alerts: 0. */
	errcode: number;
	errmsg: string;
}

export interface RobotMessage {
	content: string;
	time: number;
}

export interface Catcher {
	baseUrl: string;
	/** The robot's webhook URL for `key` (as WeCom shows it under the robot's settings). */
	robotUrl(key: string): string;
	alertsUrl: string;
	/** Markdown messages the robot accepted, in arrival order. */
	robotMessages(): RobotMessage[];
	/** Alert bodies, in arrival order. */
	alerts(): Array<Record<string, unknown>>;
	/** Every request, accepted or refused. */
	requests(): CaughtRequest[];
	/** Requests refused (errcode ≠ 0 or an unknown path). */
	refused(): CaughtRequest[];
	/** Forgets what was recorded. */
	clear(): void;
	stop(): Promise<void>;
}

const errors = {
	notJson: [40035, 'invalid json'],
	badKey: [93000, 'invalid webhook url'],
	badType: [40008, 'invalid message type'],
	empty: [44004, 'empty content'],
	tooLong: [40058, `markdown.content exceed max length ${ROBOT_MARKDOWN_MAX_BYTES}`],
} as const;

function robotVerdict(
	key: string | null,
	keys: Set<string>,
	body: unknown,
): readonly [number, string] {
	if (!key || !keys.has(key)) return errors.badKey;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return errors.notJson;
	const message = body as { msgtype?: unknown; markdown?: { content?: unknown } };
	if (message.msgtype !== 'markdown') return errors.badType;
	const content = message.markdown?.content;
	if (typeof content !== 'string' || content.trim() === '') return errors.empty;
	if (Buffer.byteLength(content, 'utf8') > ROBOT_MARKDOWN_MAX_BYTES) return errors.tooLong;
	return [0, 'ok'];
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let text = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (text += chunk));
		req.on('end', () => resolve(text));
		req.on('error', reject);
	});
}

function parse(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function answer(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=UTF-8',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

/** Starts the catcher; `robotKeys` are the robot keys it accepts. */
export async function startCatcher(robotKeys: string[]): Promise<Catcher> {
	const keys = new Set(robotKeys);
	let recorded: CaughtRequest[] = [];
	const server = createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const body = parse(await readBody(req));
			const record = (errcode: number, errmsg: string) =>
				recorded.push({ path: url.pathname, time: Date.now(), body, errcode, errmsg });
			if (req.method === 'POST' && url.pathname === ROBOT_PATH) {
				const [errcode, errmsg] = robotVerdict(url.searchParams.get('key'), keys, body);
				record(errcode, errmsg);
				return answer(res, 200, { errcode, errmsg });
			}
			if (req.method === 'POST' && url.pathname === ALERTS_PATH) {
				const ok = typeof body === 'object' && body !== null && !Array.isArray(body);
				record(ok ? 0 : 400, ok ? 'ok' : 'body must be a JSON object');
				return answer(
					res,
					ok ? 200 : 400,
					ok ? { ok: true } : { error: 'body must be a JSON object' },
				);
			}
			record(404, `no ${req.method} ${url.pathname} here`);
			answer(res, 404, { error: `no ${req.method} ${url.pathname} here` });
		})().catch((error: unknown) => {
			if (!res.headersSent) answer(res, 500, { error: String(error) });
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const baseUrl = `http://127.0.0.1:${port}`;
	return {
		baseUrl,
		robotUrl: (key) => `${baseUrl}${ROBOT_PATH}?key=${encodeURIComponent(key)}`,
		alertsUrl: `${baseUrl}${ALERTS_PATH}`,
		robotMessages: () =>
			recorded
				.filter((r) => r.path === ROBOT_PATH && r.errcode === 0)
				.map((r) => ({
					content: (r.body as { markdown: { content: string } }).markdown.content,
					time: r.time,
				})),
		alerts: () =>
			recorded
				.filter((r) => r.path === ALERTS_PATH && r.errcode === 0)
				.map((r) => r.body as Record<string, unknown>),
		requests: () => recorded.slice(),
		refused: () => recorded.filter((r) => r.errcode !== 0),
		clear: () => {
			recorded = [];
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
