import { formatChinaTime, parseChinaTime } from '../../sandbox/time';
import {
	acquireToken,
	authHeaders,
	Client,
	post,
	useSandbox,
	without,
	type Sandbox,
} from './helpers';

const sandbox = useSandbox();
const UNIT_LIST = '/api/open/unit/getUnitList';
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function unitList(sb: Sandbox, headers: Record<string, string>) {
	return post(sb, UNIT_LIST, { domain: sb.identity.domain }, { headers });
}

beforeEach(() => sandbox().control.reset());

describe('acquireToken', () => {
	it('issues 32-hex tokens with absolute China-time expiries', async () => {
		const before = Date.now();
		const tokens = await acquireToken(sandbox());
		expect(tokens.accessToken).toMatch(/^[0-9a-f]{32}$/);
		expect(tokens.refreshToken).toMatch(/^[0-9a-f]{32}$/);
		expect(tokens.accessTokenExpiredTime).toMatch(TIME);
		expect(tokens.refreshTokenExpiredTime).toMatch(TIME);
		const accessExpiry = parseChinaTime(tokens.accessTokenExpiredTime)!;
		expect(accessExpiry).toBeGreaterThanOrEqual(Math.floor((before + 7200_000) / 1000) * 1000);
		expect(accessExpiry).toBeLessThanOrEqual(Date.now() + 7200_000);
		expect(parseChinaTime(tokens.refreshTokenExpiredTime)! - accessExpiry).toBeGreaterThan(
			29 * 24 * 3600_000,
		);
	});

	it('formats China time independently of the host time zone', () => {
		expect(formatChinaTime(0)).toBe('1970-01-01 08:00:00');
		expect(parseChinaTime('2021-9-1 10:1:1')).toBe(Date.UTC(2021, 8, 1, 2, 1, 1));
		expect(parseChinaTime('2021-2-30 00:00:00')).toBeNull();
	});

	it('rejects missing fields with -401 and wrong credentials with -100', async () => {
		const { appId, authCode, orgOpenId } = sandbox().identity;
		const missing = await post(sandbox(), '/api/pub/token/acquireToken', { appId, orgOpenId });
		expect(missing).toEqual({
			code: -401,
			success: false,
			message: '请求参数异常: authCode',
			data: null,
		});
		const wrongCode = await post(sandbox(), '/api/pub/token/acquireToken', {
			appId,
			orgOpenId,
			authCode: 'wrong123',
		});
		expect(wrongCode.code).toBe(-100);
		const wrongApp = await post(sandbox(), '/api/pub/token/acquireToken', {
			appId: 'qy00000000000000AAAA',
			orgOpenId,
			authCode,
		});
		expect(wrongApp.code).toBe(-100);
		sandbox().control.configure({ appExpired: true });
		expect(
			(await post(sandbox(), '/api/pub/token/acquireToken', { appId, authCode, orgOpenId })).code,
		).toBe(-305);
	});

	it('keeps earlier access tokens valid when a new pair is acquired', async () => {
		const first = await acquireToken(sandbox());
		const second = await acquireToken(sandbox());
		expect((await unitList(sandbox(), authHeaders(sandbox(), first.accessToken))).code).toBe(0);
		expect((await unitList(sandbox(), authHeaders(sandbox(), second.accessToken))).code).toBe(0);
		expect(sandbox().control.stats().tokensAcquired).toBe(2);
	});
});

describe('refresh', () => {
	const refresh = (token: string) =>
		post(sandbox(), `/api/pub/token/refresh?refreshToken=${token}`);

	it('returns a new access token with the same refresh token and kills the previous access token', async () => {
		const first = await acquireToken(sandbox());
		const refreshed = await refresh(first.refreshToken);
		expect(refreshed.code).toBe(0);
		const data = refreshed.data as typeof first;
		expect(data.accessToken).not.toBe(first.accessToken);
		expect(data.refreshToken).toBe(first.refreshToken);
		expect(data.refreshTokenExpiredTime).toBe(first.refreshTokenExpiredTime);
		expect((await unitList(sandbox(), authHeaders(sandbox(), first.accessToken))).code).toBe(-301);
		expect((await unitList(sandbox(), authHeaders(sandbox(), data.accessToken))).code).toBe(0);
		expect(sandbox().control.stats().tokensRefreshed).toBe(1);
	});

	it('answers -300 for an unknown refresh token, -401 without one and -302 once expired', async () => {
		expect((await refresh('0'.repeat(32))).code).toBe(-300);
		expect((await post(sandbox(), '/api/pub/token/refresh')).code).toBe(-401);
		const tokens = await acquireToken(sandbox());
		expect(sandbox().control.expireRefreshTokens()).toBeGreaterThan(0);
		expect((await refresh(tokens.refreshToken)).code).toBe(-302);
		// the access token itself is still valid until it expires
		expect((await unitList(sandbox(), authHeaders(sandbox(), tokens.accessToken))).code).toBe(0);
	});

	it('answers -302 when the refresh token lifetime has passed', async () => {
		sandbox().control.configure({ refreshTokenTtlSeconds: 0 });
		const tokens = await acquireToken(sandbox());
		expect((await refresh(tokens.refreshToken)).code).toBe(-302);
	});
});

describe('access token expiry', () => {
	it('expires a token after N authorised calls when expireAccessTokenAfterCalls is set', async () => {
		sandbox().control.configure({ expireAccessTokenAfterCalls: 3 });
		const client = new Client(sandbox);
		await client.login();
		const codes = [];
		for (let call = 0; call < 4; call++) codes.push((await client.call(UNIT_LIST)).code);
		expect(codes).toEqual([0, 0, 0, -301]);
		await client.login();
		expect((await client.call(UNIT_LIST)).code).toBe(0);
	});

	it('expires by lifetime', async () => {
		sandbox().control.configure({ accessTokenTtlSeconds: 0 });
		const tokens = await acquireToken(sandbox());
		expect((await unitList(sandbox(), authHeaders(sandbox(), tokens.accessToken))).code).toBe(-301);
	});

	it.each([-301, -300, -101] as const)(
		'control expireAccessTokens(%i) makes every issued token answer that code',
		async (code) => {
			const client = new Client(sandbox);
			await client.login();
			sandbox().control.expireAccessTokens(code);
			expect((await client.call(UNIT_LIST)).code).toBe(code);
			await client.login();
			expect((await client.call(UNIT_LIST)).code).toBe(0);
		},
	);
});

describe('business-call headers', () => {
	let accessToken = '';
	beforeEach(async () => {
		accessToken = (await acquireToken(sandbox())).accessToken;
	});

	it('needs the app and org headers (-424) and a known token (-300)', async () => {
		const headers = authHeaders(sandbox(), accessToken);
		expect((await unitList(sandbox(), without(headers, 'qiye-app-id'))).code).toBe(-424);
		expect((await unitList(sandbox(), without(headers, 'qiye-org-open-id'))).code).toBe(-424);
		expect((await unitList(sandbox(), without(headers, 'qiye-access-token'))).code).toBe(-300);
		expect(
			(await unitList(sandbox(), { ...headers, 'qiye-access-token': 'f'.repeat(32) })).code,
		).toBe(-300);
	});

	it('rejects a token presented for another org or app (-100) and reads header names case-insensitively', async () => {
		const headers = authHeaders(sandbox(), accessToken);
		expect(
			(await unitList(sandbox(), { ...headers, 'qiye-org-open-id': '0000000000000000' })).code,
		).toBe(-100);
		expect(
			(await unitList(sandbox(), { ...headers, 'qiye-app-id': 'qy00000000000000AAAA' })).code,
		).toBe(-100);
		const shouted = {
			'Qiye-Access-Token': accessToken,
			'QIYE-APP-ID': sandbox().identity.appId,
			'Qiye-Org-Open-Id': sandbox().identity.orgOpenId,
		};
		expect((await unitList(sandbox(), shouted)).code).toBe(0);
	});

	it('applies the IP whitelist to business calls only (-201), and deniedPaths (-202)', async () => {
		const headers = authHeaders(sandbox(), accessToken);
		sandbox().control.configure({ ipWhitelist: ['192.0.2.99'] });
		expect((await unitList(sandbox(), headers)).code).toBe(-201);
		await expect(acquireToken(sandbox())).resolves.toBeDefined();
		sandbox().control.configure({ ipWhitelist: ['127.0.0.1'], deniedPaths: [UNIT_LIST] });
		expect((await unitList(sandbox(), headers)).code).toBe(-202);
		expect(
			(
				await post(
					sandbox(),
					'/api/open/unit/getAccountList',
					{ domain: sandbox().identity.domain },
					{ headers },
				)
			).code,
		).toBe(0);
	});
});

describe('SSO tokens', () => {
	async function ssoToken(sb: Sandbox): Promise<string> {
		const { appId, authCode, orgOpenId } = sb.identity;
		const envelope = await post(sb, '/api/pub/token/ssoAuthToken', { appId, authCode, orgOpenId });
		expect(envelope.code).toBe(0);
		const data = envelope.data as { ssoAuthToken: string; ssoAuthTokenExpiredTime: string };
		expect(data.ssoAuthToken).toMatch(/^[A-Za-z0-9+/=]{64}$/);
		expect(data.ssoAuthTokenExpiredTime).toMatch(TIME);
		return data.ssoAuthToken;
	}

	function ssoSign(sb: Sandbox, headers: Record<string, string>, accountName = 'zhang.wei') {
		return post(
			sb,
			'/api/sso/ssoSign',
			{ domain: sb.identity.domain, accountName, pass_2fa: 1 },
			{ headers },
		);
	}

	const ssoHeaders = (sb: Sandbox, token: string) => ({
		'qiye-sso-auth-token': token,
		'qiye-app-id': sb.identity.appId,
		'qiye-org-open-id': sb.identity.orgOpenId,
	});

	it('signs with the SSO token, not with an access token, and ignores the IP whitelist', async () => {
		const token = await ssoToken(sandbox());
		sandbox().control.configure({ ipWhitelist: ['192.0.2.99'] });
		const signed = await ssoSign(sandbox(), ssoHeaders(sandbox(), token));
		expect(signed.code).toBe(0);
		expect(signed.data).toEqual({
			sign: expect.stringMatching(/^[0-9a-f]{64}$/),
			endpoint: `${sandbox().url}/__sandbox/sso/login`,
			expiredTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});
		const { accessToken } = await acquireToken(sandbox());
		expect((await ssoSign(sandbox(), authHeaders(sandbox(), accessToken))).code).toBe(-321);
		expect(
			(await ssoSign(sandbox(), without(ssoHeaders(sandbox(), token), 'qiye-app-id'))).code,
		).toBe(-424);
	});

	it('answers -322 for an expired SSO token and refuses suspended accounts', async () => {
		const token = await ssoToken(sandbox());
		expect((await ssoSign(sandbox(), ssoHeaders(sandbox(), token), 'chen.jing')).message).toBe(
			'通用业务操作失败: ACCOUNT.STATUSERROR',
		);
		sandbox().control.configure({ ssoTokenTtlSeconds: 0 });
		const stale = await ssoToken(sandbox());
		expect((await ssoSign(sandbox(), ssoHeaders(sandbox(), stale))).code).toBe(-322);
	});
});
