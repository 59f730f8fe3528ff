import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startRecordingProxy } from '../../sandbox/fidelity/proxy';
import {
	endpointKeyOf,
	exchangeFileName,
	readRecording,
	writeExchange,
	type RecordedExchange,
} from '../../sandbox/fidelity/recording';
import { Redactor } from '../../sandbox/fidelity/redact';
import { useTempDir } from '../support/fidelity';
import { acquireToken, authHeaders, useSandbox } from './helpers';

const UNIT_LIST = '/api/open/unit/getUnitList';

describe('recording proxy: transparent to the caller', () => {
	const sandbox = useSandbox();
	const tempDir = useTempDir('netease-proxy-');

	test('the caller gets the target answer unchanged: status, content type and the exact bytes', async () => {
		const proxy = await startRecordingProxy({ target: sandbox().url, dir: tempDir() });
		try {
			const { accessToken } = await acquireToken(sandbox());
			const call = (base: string) =>
				fetch(base + UNIT_LIST, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...authHeaders(sandbox(), accessToken) },
					body: JSON.stringify({ domain: sandbox().identity.domain }),
				});
			const direct = await call(sandbox().url);
			const proxied = await call(proxy.url);
			expect(proxied.status).toBe(direct.status);
			expect(proxied.headers.get('content-type')).toBe(direct.headers.get('content-type'));
			expect(await proxied.text()).toBe(await direct.text());
			// The auth headers reached the target (else it would answer -300), and were not recorded.
			const [recorded] = readRecording(proxy.dir);
			expect(recorded).toMatchObject({ endpoint: 'unit.list', method: 'POST', path: UNIT_LIST });
			expect((recorded.response.body as { code: number }).code).toBe(0);
			expect(JSON.stringify(recorded)).not.toContain(accessToken);
		} finally {
			await proxy.close();
		}
	});

	test('a target that cannot be reached: 502 with the reason, logged, nothing recorded', async () => {
		const logged: string[] = [];
		const dir = tempDir();
		const proxy = await startRecordingProxy({
			target: 'http://127.0.0.1:1',
			dir,
			log: (line) => logged.push(line),
		});
		try {
			const answer = await fetch(proxy.url + UNIT_LIST, { method: 'POST', body: '{}' });
			expect(answer.status).toBe(502);
			expect(await answer.text()).toContain('could not reach http://127.0.0.1:1/');
			expect(logged.join('\n')).toContain(UNIT_LIST);
			expect(readRecording(dir)).toEqual([]);
		} finally {
			await proxy.close();
		}
	});

	test('refuses a folder that already holds a recording, and a target that is no http(s) URL', async () => {
		const dir = tempDir();
		writeExchange(dir, exchange(1));
		await expect(startRecordingProxy({ target: sandbox().url, dir })).rejects.toThrow(
			/already holds a recording/,
		);
		await expect(startRecordingProxy({ target: 'ftp://x', dir: tempDir() })).rejects.toThrow(
			/http or https URL/,
		);
	});
});

describe('recording files', () => {
	const tempDir = useTempDir('netease-format-');

	test('one file per exchange, named by seq and endpoint, read back in seq order', () => {
		const dir = tempDir();
		writeExchange(dir, exchange(2, null));
		writeExchange(dir, exchange(1));
		expect(exchangeFileName({ seq: 12, endpoint: 'account.create' })).toBe(
			'00012-account.create.json',
		);
		expect(readRecording(dir).map((each) => [each.seq, each.endpoint])).toEqual([
			[1, 'unit.list'],
			[2, null],
		]);
	});

	test('a bad file is named in the error', () => {
		const dir = tempDir();
		writeFileSync(join(dir, '00001-x.json'), '{"format": 2}');
		expect(() => readRecording(dir)).toThrow(/00001-x\.json.*"format" is 2, expected 1/);
		writeFileSync(join(dir, '00001-x.json'), 'not json');
		expect(() => readRecording(dir)).toThrow(/00001-x\.json is not valid JSON/);
	});

	test('endpointKeyOf: catalogue defaults, then the credential overrides', () => {
		expect(endpointKeyOf('/api/open/account/createAccount')).toBe('account.create');
		expect(endpointKeyOf('/api/pub/token/refresh')).toBe('token.refresh');
		expect(endpointKeyOf('/api/open/nothing')).toBeNull();
		const overrides = { 'account.create': '/api/open/v2/account/create' };
		expect(endpointKeyOf('/api/open/v2/account/create', overrides)).toBe('account.create');
		expect(endpointKeyOf('/api/open/account/createAccount', overrides)).toBeNull();
	});
});

describe('Redactor', () => {
	test('a secret learnt from an answer is replaced in the same exchange and wherever it appears later, URL-encoded too', () => {
		const redactor = new Redactor();
		const token = 'ab+/cd==efgh';
		const [request, answer] = redactor.redactAll([
			{ note: `token ${token}` },
			{ data: { ssoAuthToken: token, ssoAuthTokenExpiredTime: '2026-01-01 00:00:00' } },
		]);
		expect(request).toEqual({ note: 'token <sso-token-1>' });
		expect(answer).toEqual({
			data: { ssoAuthToken: '<sso-token-1>', ssoAuthTokenExpiredTime: '2026-01-01 00:00:00' },
		});
		expect(redactor.redact(`https://x/login?sso_token=${encodeURIComponent(token)}&lang=0`)).toBe(
			'https://x/login?sso_token=<sso-token-1>&lang=0',
		);
	});

	test('e-mail local parts replaced, domains kept; account names as whole words only; one name, one placeholder', () => {
		const redactor = new Redactor();
		expect(
			redactor.redact({
				accountName: 'Li.Na',
				accountNames: ['li.na', 'wang@corp.example.com'],
				members: 'li.na@x.cn, hr@x.cn',
				subject: '致 li.na：在 linapp.li.na.example.com 上 hr 报到',
			}),
		).toEqual({
			accountName: '<user-1>',
			accountNames: ['<user-1>', '<user-2>@corp.example.com'],
			members: '<user-1>@x.cn, <user-3>@x.cn',
			subject: '致 <user-1>：在 linapp.li.na.example.com 上 <user-3> 报到',
		});
	});

	test('mobiles by field name and by pattern; passwords and AppKey by field name; short values only as words', () => {
		const redactor = new Redactor();
		expect(
			redactor.redact({
				bindMobile: '+86 139-1234-5678',
				mobilePrefix: '86',
				text: '电话 13800138000，订单号 113800138000123',
				newPassword: 'abc',
				authCode: 'K3y0',
				passType: 0,
				remark: 'abc abcd K3y0x',
			}),
		).toEqual({
			bindMobile: '<mobile-1>',
			mobilePrefix: '86',
			text: '电话 <mobile-2>，订单号 113800138000123',
			newPassword: '<password-1>',
			authCode: '<appkey-1>',
			passType: 0,
			remark: '<password-1> abcd <appkey-1>x',
		});
	});
});

function exchange(seq: number, endpoint: string | null = 'unit.list'): RecordedExchange {
	return {
		format: 1,
		seq,
		endpoint,
		method: 'POST',
		path: UNIT_LIST,
		query: {},
		request: { contentType: 'application/json', body: {} },
		response: { httpStatus: 200, contentType: 'application/json', body: { code: 0 } },
		timing: { startedAt: new Date(0).toISOString(), ms: 1 },
	};
}
