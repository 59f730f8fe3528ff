/**
 * `npm run fidelity`'s diff (sandbox/fidelity/diff.ts) against a stand-in for the real platform: a
 * second sandbox behind a small transforming proxy that makes it differ from the sandbox (a field
 * added to an answer, one removed, a request field accepted under another name, another code).
 * The test records the calls it makes through the proxy as a recording would hold them, secrets
 * replaced by placeholders, then diffs that recording.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../../sandbox';
import { diffRecording } from '../../sandbox/fidelity/diff';
import type { DifferenceKind } from '../../sandbox/fidelity/differences';
import { startRecordingProxy } from '../../sandbox/fidelity/proxy';
import {
	endpointKeyOf,
	readRecording,
	type RecordedExchange,
} from '../../sandbox/fidelity/recording';
import {
	buildReport,
	type EndpointReport,
	type FidelityReport,
} from '../../sandbox/fidelity/report';

type Json = Record<string, unknown>;

const IDENTITY = {
	domain: 'acme.example.com',
	orgOpenId: '0123456789abcdef',
	appId: 'qy20261129000000ABCD',
	authCode: 'Acme2026',
};

/** How the stand-in differs from the sandbox. */
const STAND_IN = {
	request(path: string, body: Json): Json {
		// It takes a department's name as `unitTitle` and an account's job as `title`.
		if (path.endsWith('/createUnit')) return rename(body, 'unitTitle', 'unitName');
		if (path.endsWith('/updateAccount')) return rename(body, 'title', 'job');
		return body;
	},
	response(path: string, envelope: Json): Json {
		const data = envelope.data as Json | null;
		if (path.endsWith('/getAccount') && envelope.code === 0 && data) {
			// It answers `employeeType` and no `job`.
			const rest = { ...data };
			delete rest.job;
			return { ...envelope, data: { ...rest, employeeType: 'regular' } };
		}
		if (path.endsWith('/getAccount') && envelope.code === -3)
			return { code: -4, success: false, message: '系统数据不存在', data: null };
		if (path.endsWith('/getAccountList') && data) {
			const { count, ...rest } = data;
			return { ...envelope, data: { ...rest, total: count } };
		}
		return envelope;
	},
};

function rename(body: Json, from: string, to: string): Json {
	return Object.fromEntries(
		Object.entries(body).map(([key, value]) => [key === from ? to : key, value]),
	);
}

interface Proxy {
	url: string;
	close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Json | null> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text === '' ? null : (JSON.parse(text) as Json);
}

/** Forwards to `target`, transforming request bodies and answers on the way. */
async function startTransformingProxy(target: Sandbox): Promise<Proxy> {
	const server: Server = createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', target.url);
			const body = await readJson(req);
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			for (const [name, value] of Object.entries(req.headers))
				if (name.startsWith('qiye-') && typeof value === 'string') headers[name] = value;
			const answer = await fetch(target.url + req.url, {
				method: 'POST',
				headers,
				body: body === null ? undefined : JSON.stringify(STAND_IN.request(url.pathname, body)),
			});
			const envelope = STAND_IN.response(url.pathname, (await answer.json()) as Json);
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(envelope));
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

/**
 * Calls through the proxy and keeps each call as a RecordedExchange, secrets replaced as the
 * recording proxy does: AppKey, tokens, account names and mobile numbers by placeholders.
 */
class TestRecorder {
	readonly exchanges: RecordedExchange[] = [];
	private readonly secrets = new Map<string, string>([[IDENTITY.authCode, '<appkey-1>']]);
	private accessToken = '';

	constructor(
		private readonly baseUrl: string,
		users: string[],
	) {
		users.forEach((user, index) => this.secrets.set(user, `<user-${index + 1}>`));
	}

	async login(): Promise<void> {
		const { appId, authCode, orgOpenId } = IDENTITY;
		const answer = await this.call('/api/pub/token/acquireToken', { appId, authCode, orgOpenId });
		const tokens = answer.data as Json;
		this.accessToken = tokens.accessToken as string;
		this.secrets.set(this.accessToken, '<access-token-1>');
		this.secrets.set(tokens.refreshToken as string, '<refresh-token-1>');
		this.exchanges[this.exchanges.length - 1] = this.redact(
			this.exchanges[this.exchanges.length - 1],
		);
	}

	async call(path: string, body: Json): Promise<Json> {
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (!path.startsWith('/api/pub/'))
			Object.assign(headers, {
				'qiye-access-token': this.accessToken,
				'qiye-app-id': IDENTITY.appId,
				'qiye-org-open-id': IDENTITY.orgOpenId,
			});
		const response = await fetch(this.baseUrl + path, {
			method: 'POST',
			headers,
			body: JSON.stringify(body),
		});
		const envelope = (await response.json()) as Json;
		const seq = this.exchanges.length + 1;
		this.exchanges.push(
			this.redact({
				format: 1,
				seq,
				endpoint: endpointKeyOf(path),
				method: 'POST',
				path,
				query: {},
				request: { contentType: 'application/json', body },
				response: { httpStatus: response.status, contentType: 'application/json', body: envelope },
				timing: { startedAt: new Date().toISOString(), ms: 1 },
			}),
		);
		return envelope;
	}

	private redact(exchange: RecordedExchange): RecordedExchange {
		let text = JSON.stringify(exchange);
		for (const [secret, placeholder] of this.secrets)
			text = text.replace(
				new RegExp(`(?<![\\w.])${escapeRegExp(secret)}(?![\\w])`, 'g'),
				placeholder,
			);
		const mobiles = new Map<string, string>();
		text = text.replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (mobile) => {
			if (!mobiles.has(mobile)) mobiles.set(mobile, `<mobile-${mobiles.size + 1}>`);
			return mobiles.get(mobile)!;
		});
		return JSON.parse(text) as RecordedExchange;
	}
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function endpoint(report: FidelityReport, key: string): EndpointReport {
	const found = report.endpoints.find((each) => each.endpoint === key);
	if (!found)
		throw new Error(`no report for ${key}: ${report.endpoints.map((e) => e.endpoint).join()}`);
	return found;
}

function kinds(report: EndpointReport): DifferenceKind[] {
	return report.differences.map((each) => each.kind);
}

describe('npm run fidelity: the sandbox against a stand-in for the real platform', () => {
	let standIn: Sandbox;
	let proxy: Proxy;
	let recording: RecordedExchange[];
	let report: FidelityReport;

	beforeAll(async () => {
		// Seeded `demo`, the stand-in numbers new departments differently from the diff's empty sandbox.
		standIn = await startSandbox({ seed: 'demo', identity: IDENTITY });
		proxy = await startTransformingProxy(standIn);
		const recorder = new TestRecorder(proxy.url, ['zhang.wei', 'nobody']);
		const { domain } = IDENTITY;
		await recorder.login();
		const unit = await recorder.call('/api/open/unit/createUnit', { domain, unitTitle: '质量部' });
		const { unitId } = unit.data as Json;
		await recorder.call('/api/open/unit/updateUnit', { domain, unitId, unitName: '质量保障部' });
		await recorder.call('/api/open/account/getAccount', { domain, accountName: 'zhang.wei' });
		await recorder.call('/api/open/account/getAccount', { domain, accountName: 'nobody' });
		await recorder.call('/api/open/account/updateAccount', {
			domain,
			accountName: 'zhang.wei',
			title: '首席架构师',
		});
		await recorder.call('/api/open/unit/getAccountList', { domain, pageNum: 1, pageSize: 2 });
		recording = recorder.exchanges;
		report = buildReport('stand-in', await diffRecording(recording));
	});

	afterAll(async () => {
		await proxy?.close();
		await standIn?.close();
	});

	test('the recording holds placeholders, not the secrets or names it was made with', () => {
		const text = JSON.stringify(recording);
		for (const secret of [IDENTITY.authCode, 'zhang.wei', '13900000001'])
			expect(text).not.toContain(secret);
		expect(text).toContain('<user-1>');
		expect(text).toContain('<appkey-1>');
	});

	test('reports a field the stand-in answers but the sandbox does not, and one the sandbox answers but the stand-in does not', () => {
		const messages = endpoint(report, 'account.get').differences;
		expect(messages).toContainEqual(
			expect.objectContaining({
				kind: 'missingField',
				field: 'data.employeeType',
				fixIn: 'sandbox',
				message: '`data.employeeType` (string): the real platform answers it, the sandbox does not',
			}),
		);
		expect(messages).toContainEqual(
			expect.objectContaining({
				kind: 'extraField',
				field: 'data.job',
				message: '`data.job` (string): the sandbox answers it, the real platform does not',
			}),
		);
		// Nothing else differs in the account's shape: the account was seeded from the recorded answer.
		expect(
			messages.filter((each) => each.kind === 'missingField' || each.kind === 'extraField'),
		).toHaveLength(2);
		expect(endpoint(report, 'account.get').notes).toEqual([
			'#4: created department "总部" (recorded id 100000000000001) the recording never created',
			'#4: created account user1 the recording never created',
		]);
	});

	test('reports a renamed request field: accepted by the real platform under another name than the sandbox expects', () => {
		const create = endpoint(report, 'unit.create');
		expect(create.differences).toEqual([
			expect.objectContaining({
				kind: 'renamedRequestField',
				field: 'unitTitle',
				fixIn: 'node',
				message:
					'request field: the real platform accepted `unitTitle`, the sandbox expects `unitName`',
			}),
		]);
		expect(report.todo.changeInNode).toContainEqual(
			expect.objectContaining({ endpoint: 'unit.create', message: create.differences[0].message }),
		);
	});

	test('reports a request field the sandbox answers code 0 to but ignores', () => {
		expect(endpoint(report, 'account.update').differences).toEqual([
			expect.objectContaining({ kind: 'ignoredRequestField', field: 'title', fixIn: 'node' }),
		]);
	});

	test('reports a different code and marker', () => {
		expect(endpoint(report, 'account.get').differences).toContainEqual(
			expect.objectContaining({
				kind: 'code',
				message: 'the real platform answered code -4, the sandbox code -3 ACCOUNT.NOTEXIST',
				seqs: [5],
			}),
		);
	});

	test('reports paging fields that differ', () => {
		expect(endpoint(report, 'unit.accounts').differences).toContainEqual(
			expect.objectContaining({
				kind: 'paging',
				message: 'paging fields: the real platform answers total, the sandbox count',
			}),
		);
		expect(kinds(endpoint(report, 'unit.accounts'))).not.toContain('extraField');
	});

	test('translates recorded ids: the department the recording created is updated in the sandbox too', () => {
		const update = endpoint(report, 'unit.update');
		expect(update.differences).toEqual([]);
		expect(update.realSuccesses).toBe(1);
		expect(endpoint(report, 'token.acquire').differences).toEqual([]);
	});

	test('lists the inferred endpoints the real platform answered with code 0 as ready to be marked seen', () => {
		expect(report.todo.canBeMarkedSeen).toEqual(['unit.update']);
		expect(report.todo.fixInSandbox.map((item) => item.endpoint)).toEqual(
			expect.arrayContaining(['account.get', 'unit.accounts']),
		);
	});
});

describe('npm run fidelity on a recording made by the recording proxy', () => {
	test('placeholders from redaction become valid values, and the same differences show', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'fidelity-recorded-'));
		const standIn = await startSandbox({ seed: 'demo', identity: IDENTITY });
		const proxy = await startTransformingProxy(standIn);
		const recorder = await startRecordingProxy({ target: proxy.url, dir, log: () => undefined });
		try {
			const client = new TestRecorder(recorder.url, []);
			const { domain } = IDENTITY;
			await client.login();
			await client.call('/api/open/unit/createUnit', { domain, unitTitle: '质量部' });
			await client.call('/api/open/account/createAccount', {
				domain,
				accountName: 'wang.fang',
				name: '王芳',
				password: 'Welcome#2026',
				passType: 0,
				passChangeFirstLogin: 1,
				visibleInAddr: 1,
				mobile: '13712345678',
			});
			await client.call('/api/open/account/getAccount', { domain, accountName: 'wang.fang' });
			await client.call('/api/open/account/getAccount', { domain, accountName: 'zhang.wei' });
		} finally {
			await recorder.close();
			await proxy.close();
			await standIn.close();
		}
		try {
			const recording = readRecording(dir);
			const text = JSON.stringify(recording);
			for (const secret of ['wang.fang', 'Welcome#2026', '13712345678', IDENTITY.authCode])
				expect(text).not.toContain(secret);
			const report = buildReport(dir, await diffRecording(recording));
			expect(kinds(endpoint(report, 'unit.create'))).toEqual(['renamedRequestField']);
			// The account the recording created under <user-n> is created, then read, in the sandbox.
			expect(endpoint(report, 'account.create').differences).toEqual([]);
			const get = endpoint(report, 'account.get');
			expect(get.realSuccesses).toBe(2);
			expect(get.differences.map((each) => each.field)).toEqual(['data.employeeType', 'data.job']);
			// zhang.wei, read but never created in the recording, is created from the recorded answer.
			expect(get.notes).toContainEqual(
				expect.stringMatching(/#5: created account user\d+ the recording never created/),
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('npm run fidelity: the request path against the catalogue', () => {
	const exchange = (seq: number, path: string, endpointKey: string | null): RecordedExchange => ({
		format: 1,
		seq,
		endpoint: endpointKey,
		method: 'POST',
		path,
		query: {},
		request: {
			contentType: 'application/json',
			body: { domain: 'acme.example.com', accountName: '<user-1>' },
		},
		response: {
			httpStatus: 200,
			contentType: 'application/json',
			body: { code: 0, success: true, message: '', data: null },
		},
		timing: { startedAt: '2026-11-29T10:00:00.000Z', ms: 1 },
	});

	test('a path in no catalogue entry is named with the keys it could be; an overridden path with the catalogue path', async () => {
		const results = await diffRecording(
			[
				exchange(1, '/api/open/account/unsuspendAccount', null),
				exchange(2, '/api/open/account/reactivateAccount', 'account.resume'),
			],
			{ overrides: { 'account.resume': '/api/open/account/reactivateAccount' } },
		);
		const report = buildReport('paths', results);
		const unknown = endpoint(report, '/api/open/account/unsuspendAccount');
		expect(unknown.status).toBe('unknown');
		expect(unknown.differences[0]).toMatchObject({ kind: 'unknownEndpoint', fixIn: 'node' });
		expect(unknown.differences[0].message).toContain(
			'account.resume `/api/open/account/resumeAccount`',
		);
		const resume = endpoint(report, 'account.resume');
		expect(resume.differences[0]).toMatchObject({ kind: 'overriddenPath', fixIn: 'node' });
		expect(resume.differences[0].message).toContain(
			'the real platform answered code 0 there: make it the catalogue path of account.resume',
		);
		// Seen at an override only: the catalogue path itself was never seen.
		expect(report.todo.canBeMarkedSeen).toEqual([]);
	});
});
