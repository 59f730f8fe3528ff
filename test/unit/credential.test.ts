import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { PLATFORM_CODES } from '../../nodes/NeteaseEmail/shared/transport/codes';
import { PROCESS_MARK } from '../../nodes/NeteaseEmail/shared/transport/renewalGate';
import { APP_SECRET, fail, isoIn, ok } from './fake-context';

const credential = new NeteaseEnterpriseEmailApi();

const tokenData = (n: number) => ({
	accessToken: `access-${n}`,
	accessTokenExpiredTime: '2026-01-01 10:00:00',
	refreshToken: `refresh-${n}`,
	refreshTokenExpiredTime: '2026-01-31 10:00:00',
});

function credentials(overrides: IDataObject = {}): ICredentialDataDecryptedObject {
	return {
		accessToken: '',
		refreshToken: '',
		accessTokenExpiresAt: '',
		refreshTokenExpiresAt: '',
		orgOpenId: 'org-1',
		appId: 'app-1',
		appSecret: APP_SECRET,
		domain: 'example.com',
		baseUrl: 'http://127.0.0.1:8787/',
		endpointOverrides: '{}',
		...overrides,
	};
}

/** Runs preAuthentication with a `this` whose httpRequest answers from `answers` in order. */
async function preAuth(
	data: ICredentialDataDecryptedObject,
	...answers: Array<unknown>
): Promise<{ result?: IDataObject; error?: Error; requests: IHttpRequestOptions[] }> {
	const requests: IHttpRequestOptions[] = [];
	const httpRequest = jest.fn(async (options: IHttpRequestOptions) => {
		requests.push(options);
		const answer = answers[requests.length - 1];
		if (answer === undefined) throw new Error(`unexpected request ${options.url}`);
		if (answer instanceof Error) throw answer;
		return answer;
	});
	const helper = { helpers: { httpRequest } } as unknown as IHttpRequestHelper;
	try {
		const result = await credential.preAuthentication.call(helper, data);
		return { result, requests };
	} catch (error) {
		return { error: error as Error, requests };
	}
}

describe('credential properties', () => {
	test('the first hidden expirable field is accessToken (the one n8n renews)', () => {
		const firstExpirable = credential.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		expect(firstExpirable?.name).toBe('accessToken');
		expect(firstExpirable?.default).toBe('');
		expect(credential.properties[0].name).toBe('accessToken');
	});

	test('secrets are password fields; identifiers are required', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		for (const name of ['accessToken', 'refreshToken', 'appSecret'])
			expect(byName[name].typeOptions?.password).toBe(true);
		for (const name of ['orgOpenId', 'appId', 'appSecret', 'domain'])
			expect(byName[name].required).toBe(true);
		expect(byName.baseUrl.default).toBe('https://api.qiye.163.com');
		expect(byName.endpointOverrides.default).toBe('{}');
	});
});

describe('preAuthentication', () => {
	test('without a refresh token it acquires with the AppKey sent as authCode', async () => {
		const { result, requests } = await preAuth(credentials(), ok(tokenData(1)));
		expect(requests).toEqual([
			{
				method: 'POST',
				baseURL: 'http://127.0.0.1:8787',
				url: '/api/pub/token/acquireToken',
				body: { appId: 'app-1', authCode: APP_SECRET, orgOpenId: 'org-1' },
				qs: undefined,
				json: true,
			},
		]);
		expect(result).toEqual({
			accessToken: 'access-1',
			refreshToken: 'refresh-1',
			accessTokenExpiresAt: '2026-01-01T02:00:00.000Z',
			refreshTokenExpiresAt: '2026-01-31T02:00:00.000Z',
			// Which process renewed: it goes first when this token runs out (see renewalGate.ts).
			renewedBy: PROCESS_MARK,
			renewedAt: expect.any(String),
		});
	});

	test('with a refresh token that has more than a minute left it refreshes (query string, no body)', async () => {
		const data = credentials({
			refreshToken: 'refresh-0',
			refreshTokenExpiresAt: isoIn(5 * 60_000),
		});
		const { result, requests } = await preAuth(data, ok(tokenData(2)));
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			baseURL: 'http://127.0.0.1:8787',
			url: '/api/pub/token/refresh',
			qs: { refreshToken: 'refresh-0' },
			json: true,
		});
		expect(requests[0].body).toBeUndefined();
		expect(JSON.stringify(requests[0])).not.toContain(APP_SECRET);
		expect(result?.accessToken).toBe('access-2');
	});

	test.each([
		['less than a minute left', () => isoIn(30_000)],
		['already expired', () => isoIn(-60_000)],
		['no expiry stored', () => ''],
		['an unreadable expiry', () => 'tomorrow'],
	])('with a refresh token with %s it acquires directly', async (_label, expiresAt) => {
		const data = credentials({ refreshToken: 'refresh-0', refreshTokenExpiresAt: expiresAt() });
		const { result, requests } = await preAuth(data, ok(tokenData(3)));
		expect(requests.map((r) => r.url)).toEqual(['/api/pub/token/acquireToken']);
		expect(result?.accessToken).toBe('access-3');
	});

	test.each([-302, -300, -1])('a refresh answered %i falls back to acquire', async (code) => {
		const data = credentials({ refreshToken: 'refresh-0', refreshTokenExpiresAt: isoIn(3600_000) });
		const { result, requests } = await preAuth(data, fail(code), ok(tokenData(4)));
		expect(requests.map((r) => r.url)).toEqual([
			'/api/pub/token/refresh',
			'/api/pub/token/acquireToken',
		]);
		expect(requests[1].body).toEqual({ appId: 'app-1', authCode: APP_SECRET, orgOpenId: 'org-1' });
		expect(result?.accessToken).toBe('access-4');
	});

	// BUG: credentials/NeteaseEnterpriseEmailApi.credentials.ts:167-171 — a refresh request that
	// throws (HTTP 404/500 from this.helpers.httpRequest, or a network error) is not a "failed
	// refresh": the exception escapes preAuthentication and no acquire is attempted, although
	// acquiring with the AppKey is always possible. Only a non-zero `code` falls back.
	test('a refresh that fails with an HTTP error falls back to acquire', async () => {
		const data = credentials({ refreshToken: 'refresh-0', refreshTokenExpiresAt: isoIn(3600_000) });
		const httpFailure = Object.assign(new Error('Request failed with status code 404'), {
			response: { status: 404 },
		});
		const { result, error, requests } = await preAuth(data, httpFailure, ok(tokenData(5)));
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.url)).toEqual([
			'/api/pub/token/refresh',
			'/api/pub/token/acquireToken',
		]);
		expect(result?.accessToken).toBe('access-5');
	});

	test.each<[number, RegExp]>([
		[-201, /IP whitelist.*code -201.*egress/],
		[-202, /not authorized for the app \(code -202\).*new AppKey/],
		[-100, /Authentication failed \(code -100\).*AppKey/],
		[-305, /no longer valid \(code -305\)/],
	])('acquire answered %i throws a token refusal with a fix-it message', async (code, pattern) => {
		const { error, requests } = await preAuth(credentials(), fail(code, 'platform text'));
		expect(requests).toHaveLength(1);
		expect(error).toBeInstanceOf(Error);
		expect(error).toMatchObject({ name: 'TokenRefusedError', platformCode: code });
		expect(error?.message).toMatch(/^NetEase refused to issue an access token: /);
		expect(error?.message).toMatch(pattern);
		expect(error?.message).toContain('The platform said: "platform text"');
		expect(error?.message).not.toContain(APP_SECRET);
	});

	test('a rate-limited refresh is reported as such, without trying the AppKey', async () => {
		const data = credentials({ refreshToken: 'refresh-0', refreshTokenExpiresAt: isoIn(3600_000) });
		const { error, requests } = await preAuth(data, fail(-422), ok(tokenData(7)));
		expect(requests.map((r) => r.url)).toEqual(['/api/pub/token/refresh']);
		expect(error).toMatchObject({ name: 'TokenRefusedError', platformCode: -422 });
	});

	test('a failed refresh followed by a failed acquire reports the acquire code', async () => {
		const data = credentials({ refreshToken: 'refresh-0', refreshTokenExpiresAt: isoIn(3600_000) });
		const { error, requests } = await preAuth(data, fail(-302), fail(-201));
		expect(requests).toHaveLength(2);
		expect(error?.message).toContain('code -201');
	});

	test('code 0 without an access token is an error too', async () => {
		const { error } = await preAuth(credentials(), ok(null));
		expect(error?.message).toMatch(/^NetEase refused to issue an access token: .*code 0/);
	});

	test('unreadable expiry times become empty strings', async () => {
		const { result } = await preAuth(
			credentials(),
			ok({ ...tokenData(6), accessTokenExpiredTime: 'n/a', refreshTokenExpiredTime: '' }),
		);
		expect(result).toMatchObject({ accessTokenExpiresAt: '', refreshTokenExpiresAt: '' });
	});

	test('endpoint overrides apply to the token endpoints', async () => {
		const data = credentials({
			endpointOverrides: '{"token.refresh": "/custom/refresh", "token.acquire": "/custom/acquire"}',
			refreshToken: 'refresh-0',
			refreshTokenExpiresAt: isoIn(3600_000),
		});
		const { requests } = await preAuth(data, fail(-302), ok(tokenData(7)));
		expect(requests.map((r) => r.url)).toEqual(['/custom/refresh', '/custom/acquire']);
	});

	test('unusable overrides are ignored here (the transport reports them)', async () => {
		const { requests, error } = await preAuth(
			credentials({ endpointOverrides: '{oops' }),
			ok(tokenData(8)),
		);
		expect(error).toBeUndefined();
		expect(requests[0].url).toBe('/api/pub/token/acquireToken');
	});

	test('an empty base URL falls back to the public platform', async () => {
		const { requests } = await preAuth(credentials({ baseUrl: '' }), ok(tokenData(9)));
		expect(requests[0].baseURL).toBe('https://api.qiye.163.com');
	});
});

describe('authenticate', () => {
	test('adds the three qiye-* headers from the credential, keeping the request as it was', async () => {
		const request = {
			url: '/api/open/unit/getUnitList',
			method: 'POST' as const,
			headers: { 'content-type': 'application/json' },
			body: { domain: 'example.com' },
		};
		const authenticated = await credential.authenticate(
			{ accessToken: 'token-1', appId: 'app-1', orgOpenId: 'org-1', appKey: 'secret' },
			request,
		);
		expect(authenticated).toEqual({
			...request,
			headers: {
				'content-type': 'application/json',
				'qiye-access-token': 'token-1',
				'qiye-app-id': 'app-1',
				'qiye-org-open-id': 'org-1',
			},
		});
		expect(request.headers).toEqual({ 'content-type': 'application/json' });
	});

	test('sends an empty token header while there is no token yet', async () => {
		const { headers } = await credential.authenticate({ appId: 'a', orgOpenId: 'o' }, { url: '/' });
		expect(headers).toMatchObject({ 'qiye-access-token': '' });
	});
});

describe('credential test', () => {
	test('calls getUnitList on the configured base URL with the default domain', () => {
		const { request } = credential.test;
		expect(request).toMatchObject({
			url: '/api/open/unit/getUnitList',
			method: 'POST',
			body: { domain: '={{$credentials.domain}}' },
		});
		const expression = String(request.baseURL);
		expect(expression.startsWith('={{') && expression.endsWith('}}')).toBe(true);
		// evaluate the expression's JavaScript to check the trailing-slash regex survived escaping
		const evaluate = new Function('$credentials', `return ${expression.slice(3, -2)};`) as (
			c: IDataObject,
		) => string;
		expect(evaluate({ baseUrl: 'http://127.0.0.1:8787//' })).toBe('http://127.0.0.1:8787');
		expect(evaluate({ baseUrl: 'https://api.qiye.163.com' })).toBe('https://api.qiye.163.com');
	});

	const documentedCodes = [
		-1, -2, -3, -4, -100, -101, -200, -201, -202, -300, -301, -302, -303, -304, -305, -320, -321,
		-322, -400, -401, -421, -422, -423, -424, -500,
	];

	test('has one responseSuccessBody rule on `code` for every documented error code, none for 0', () => {
		const rules = credential.test.rules ?? [];
		expect(rules.every((rule) => rule.type === 'responseSuccessBody')).toBe(true);
		const values = rules.map((rule) => (rule.properties as { key: string; value: unknown }).value);
		expect([...values].sort((a, b) => Number(a) - Number(b))).toEqual(
			[...documentedCodes].sort((a, b) => a - b),
		);
		expect(values).not.toContain(0);
		for (const rule of rules) {
			const { key, value } = rule.properties as { key: string; value: unknown };
			expect(key).toBe('code');
			expect(typeof value).toBe('number');
		}
		expect(Object.keys(PLATFORM_CODES)).toHaveLength(documentedCodes.length);
	});

	test.each<[number, RegExp]>([
		[-100, /Authentication failed \(code -100\)\. Check the CorpID, App ID and AppKey/],
		[-201, /IP whitelist \(code -201\)\. Add the public \(egress\) IP address/],
		[-202, /not authorized for the app \(code -202\)\. .*new AppKey/],
		[-304, /authorization expired \(code -304\)\. .*re-authorize/],
		[-305, /no longer valid \(code -305\)\. .*re-enable/],
	])('the rule for %i carries a fix-it message', (code, pattern) => {
		const rule = (credential.test.rules ?? []).find(
			(r) => (r.properties as { value: unknown }).value === code,
		);
		expect((rule?.properties as { message: string }).message).toMatch(pattern);
	});
});
