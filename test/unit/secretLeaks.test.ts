import type { RequestRecord } from '../../sandbox';
import {
	countKinds,
	describeLeaks,
	distinct,
	findLeaks,
	sentSecrets,
	summarizeLeaks,
} from '../../scripts/e2e/secrets/leaks';

const call = (record: Partial<RequestRecord>): RequestRecord => ({
	seq: 1,
	time: '2026-11-29T00:00:00Z',
	path: '/api/open/account/getAccount',
	query: {},
	headers: {},
	body: {},
	code: 0,
	...record,
});

describe("the e2e secrets check's search", () => {
	const calls = [
		call({
			path: '/api/pub/token/acquireToken',
			body: { appId: 'app-1', authCode: 'appkey-123456', orgOpenId: 'org-1' },
		}),
		call({ headers: { 'qiye-access-token': 'access-abcdef' } }),
		call({ path: '/api/pub/token/refresh', query: { refreshToken: 'refresh-abcdef' } }),
		call({ path: '/api/sso/ssoSign', headers: { 'qiye-sso-auth-token': 'sso-abcdef' } }),
		call({ headers: { 'qiye-access-token': 'access-abcdef' } }),
	];

	test('takes the AppKey, access, refresh and SSO tokens from the calls, each once', () => {
		const secrets = distinct(sentSecrets(calls));
		expect(countKinds(secrets)).toBe('AppKey ×1, access token ×1, refresh token ×1, SSO token ×1');
	});

	test('finds a secret with its place and masks it in the excerpt', () => {
		const secrets = distinct(sentSecrets(calls));
		const leaks = findLeaks(secrets, [
			{ where: 'n8n.log', text: 'first line\n{"headers":{"qiye-sso-auth-token":"sso-abcdef"}}\n' },
			{ where: 'clean.log', text: 'nothing here' },
		]);
		expect(leaks).toHaveLength(1);
		expect(leaks[0]).toMatchObject({ where: 'n8n.log', line: 2 });
		expect(leaks[0].excerpt).toBe('{"headers":{"qiye-sso-auth-token":"<SSO token>"}}');
		expect(describeLeaks(leaks)).toBe(
			'SSO token sso-abcd… in n8n.log line 2: {"headers":{"qiye-sso-auth-token":"<SSO token>"}}',
		);
		expect(summarizeLeaks(leaks)).toBe('1 found, in 1 place(s): n8n.log');
	});

	test('ignores values too short to search for', () => {
		expect(distinct([{ kind: 'access token', value: 'abc' }])).toEqual([]);
	});
});
