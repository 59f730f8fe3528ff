import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	apiRequest,
	defaultDomain,
	tryApiRequest,
} from '../../nodes/NeteaseEmail/shared/transport';
import {
	APP_SECRET,
	BASE_URL,
	CREDENTIAL_TYPE,
	everythingIn,
	fail,
	fakeContext,
	ok,
	rejection,
	storedCredential,
} from './fake-context';

describe('transport: the request it sends', () => {
	test('POSTs the body to the catalogue path under the trimmed base URL, with the session credential', async () => {
		const fake = fakeContext({ respond: () => ok({ accountName: 'zhang.san' }) });

		const data = await apiRequest.call(
			fake.context,
			'account.get',
			{ accountName: 'zhang.san', domain: 'example.com' },
			{ query: { x: '1' } },
		);

		expect(data).toEqual({ accountName: 'zhang.san' });
		expect(fake.requests).toHaveLength(1);
		const [sent] = fake.requests;
		expect(sent.type).toBe(CREDENTIAL_TYPE);
		expect(sent.options).toEqual({
			method: 'POST',
			baseURL: BASE_URL,
			url: '/api/open/account/getAccount',
			body: { accountName: 'zhang.san', domain: 'example.com' },
			qs: { x: '1' },
			json: true,
			timeout: 30_000,
		});
		expect(sent.credential).toMatchObject({ id: 'c1', name: 'Acct', type: CREDENTIAL_TYPE });
		expect(sent.received.accessToken).toBe('tok-0');
		expect(sent.renewed).toBe(false);
	});

	test('uses the default base URL when the credential has none', async () => {
		const fake = fakeContext({ data: storedCredential({ baseUrl: '' }), respond: () => ok() });
		await apiRequest.call(fake.context, 'unit.list', {});
		expect(fake.requests[0].options.baseURL).toBe('https://api.qiye.163.com');
	});

	test('returns {} when a successful envelope has no data', async () => {
		const fake = fakeContext({
			respond: () => ({ code: 0, success: true, message: '', data: null }),
		});
		await expect(apiRequest.call(fake.context, 'unit.delete', { unitId: '1' })).resolves.toEqual(
			{},
		);
	});

	test('reads the credential once per context and once more for a new context', async () => {
		const fake = fakeContext({ respond: () => ok() });
		await apiRequest.call(fake.context, 'unit.list', {});
		await apiRequest.call(fake.context, 'unit.list', {});
		expect(fake.getCredentials).toHaveBeenCalledTimes(1);
		expect(fake.getCredentials).toHaveBeenCalledWith(CREDENTIAL_TYPE);

		const other = fakeContext({ respond: () => ok() });
		await apiRequest.call(other.context, 'unit.list', {});
		expect(other.getCredentials).toHaveBeenCalledTimes(1);
	});

	test('defaultDomain returns the credential domain trimmed and lowercased', async () => {
		const fake = fakeContext({ respond: () => ok() });
		await expect(defaultDomain.call(fake.context)).resolves.toBe('example.com');
		expect(fake.http).not.toHaveBeenCalled();
	});
});

describe('transport: endpoint path overrides', () => {
	test('an override replaces the catalogue path for that key only', async () => {
		const fake = fakeContext({
			data: storedCredential({
				endpointOverrides: '{"account.create": "/api/open/account/createAccountV2"}',
			}),
			respond: () => ok(),
		});
		await apiRequest.call(fake.context, 'account.create', { accountName: 'a' });
		await apiRequest.call(fake.context, 'account.get', { accountName: 'a' });
		expect(fake.requests.map((r) => r.url)).toEqual([
			'/api/open/account/createAccountV2',
			'/api/open/account/getAccount',
		]);
	});

	test.each([
		['invalid JSON', '{"account.create": '],
		['an unknown key', '{"account.explode": "/x"}'],
		['a path without a leading slash', '{"account.create": "api/x"}'],
		['a JSON array', '["/x"]'],
	])('%s fails with NodeOperationError before any request', async (_label, overrides) => {
		const fake = fakeContext({
			data: storedCredential({ endpointOverrides: overrides }),
			respond: () => ok(),
		});
		const error = await rejection(apiRequest.call(fake.context, 'unit.list', {}));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^The credential's Endpoint Path Overrides cannot be used: /);
		expect(fake.http).not.toHaveBeenCalled();
	});

	test('a failed session is not cached: the next call reads the fixed credential', async () => {
		const fake = fakeContext({
			data: storedCredential({ endpointOverrides: 'not json' }),
			respond: () => ok(),
		});
		await expect(apiRequest.call(fake.context, 'unit.list', {})).rejects.toThrow(
			NodeOperationError,
		);
		fake.store.data.endpointOverrides = '{"unit.list": "/custom/units"}';
		await apiRequest.call(fake.context, 'unit.list', {});
		expect(fake.requests.map((r) => r.url)).toEqual(['/custom/units']);
	});
});

describe('transport: refusals', () => {
	test('tryApiRequest returns a business refusal with its code and marker, sent once', async () => {
		const fake = fakeContext({ respond: () => fail(-3, '通用业务操作失败: UNIT.EXIST') });
		const answer = await tryApiRequest.call(
			fake.context,
			'unit.create',
			{ unitName: 'R&D' },
			{ itemIndex: 2 },
		);
		expect(fake.requests).toHaveLength(1);
		if (!('refusal' in answer)) throw new Error('expected a refusal');
		expect(answer.refusal.code).toBe(-3);
		expect(answer.refusal.marker).toBe('UNIT.EXIST');
		expect(answer.refusal.error).toBeInstanceOf(NodeApiError);
		expect(answer.refusal.error.message).toBe(
			'A department with this name already exists there (UNIT.EXIST, code -3) [item 2]',
		);
		expect(answer.refusal.error.description).toContain('通用业务操作失败: UNIT.EXIST');
	});

	test('a refusal without a marker has marker undefined', async () => {
		const fake = fakeContext({ respond: () => fail(-4, '系统数据不存在') });
		const answer = await tryApiRequest.call(fake.context, 'account.get', {});
		expect(answer).toEqual({ refusal: expect.objectContaining({ code: -4, marker: undefined }) });
	});

	test.each([-3, -4, -100, -200, -201, -202, -303, -305, -400, -401, -421, -424])(
		'code %i is not retried',
		async (code) => {
			const fake = fakeContext({ respond: () => fail(code) });
			const answer = await tryApiRequest.call(fake.context, 'unit.list', {});
			expect(answer).toEqual({ refusal: expect.objectContaining({ code }) });
			expect(fake.requests).toHaveLength(1);
			expect(fake.preAuths).toHaveLength(0);
		},
	);

	test('apiRequest throws the refusal as NodeApiError whose message ends with [item N]', async () => {
		const fake = fakeContext({ respond: () => fail(-201, 'IP 受限') });
		const error = await rejection(apiRequest.call(fake.context, 'unit.list', {}, { itemIndex: 3 }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/IP whitelist \(code -201\) \[item 3\]$/);
		expect((error as NodeApiError).context.itemIndex).toBe(3);
		expect((error as NodeApiError).description).toContain('IP whitelist');
	});

	test('a MAILACCOUNT.NAMEEXIST refusal carries its marker and the fix in the description', async () => {
		const fake = fakeContext({
			respond: () => fail(-3, '通用业务操作失败: MAILACCOUNT.NAMEEXIST'),
		});
		const answer = await tryApiRequest.call(fake.context, 'account.create', {}, { itemIndex: 0 });
		if (!('refusal' in answer)) throw new Error('expected a refusal');
		expect(answer.refusal.marker).toBe('MAILACCOUNT.NAMEEXIST');
		expect(answer.refusal.error.description).toContain('If It Already Exists');
	});

	// NodeApiError rewrites messages containing system error names; "NAMEEXIST" contains "EEXIST".
	test('a MAILACCOUNT.NAMEEXIST refusal keeps its own message', async () => {
		const fake = fakeContext({
			respond: () => fail(-3, '通用业务操作失败: MAILACCOUNT.NAMEEXIST'),
		});
		const error = await rejection(
			apiRequest.call(fake.context, 'account.create', {}, { itemIndex: 0 }),
		);
		expect(error.message).toBe(
			'An account with this name already exists (MAILACCOUNT.NAMEEXIST, code -3) [item 0]',
		);
	});

	test('without an item index the message has no item suffix', async () => {
		const fake = fakeContext({ respond: () => fail(-202) });
		const error = await rejection(apiRequest.call(fake.context, 'unit.list', {}));
		expect(error.message).toBe('This API is not authorized for the app (code -202)');
	});

	test('an answer that is not an envelope fails without a retry', async () => {
		const fake = fakeContext({ respond: () => '<html>gateway</html>' });
		const error = await rejection(apiRequest.call(fake.context, 'unit.list', {}, { itemIndex: 0 }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Could not reach the NetEase Open Platform (The answer was not a NetEase Open Platform response) [item 0]',
		);
		expect(fake.requests).toHaveLength(1);
	});
});

describe('transport: errors never carry secrets', () => {
	const secrets = [APP_SECRET, 'tok-0', 'tok-1', 'ref-0'];

	test.each([
		['a platform refusal', () => fail(-100, '认证失败')],
		['a plain error', () => new Error('boom')],
	])('%s', async (_label, answer) => {
		const fake = fakeContext({ respond: () => answer() });
		const error = await rejection(
			apiRequest.call(fake.context, 'account.get', {}, { itemIndex: 1 }),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		const text = everythingIn(error);
		for (const secret of secrets) expect(text).not.toContain(secret);
	});

	test('a failed token renewal', async () => {
		const fake = fakeContext({
			respond: () => fail(-301),
			preAuthentication: () =>
				new Error(
					'NetEase refused to issue an access token: Authentication failed (code -100). Check the CorpID, App ID and AppKey in the credential',
				),
		});
		const error = await rejection(apiRequest.call(fake.context, 'unit.list', {}));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('NetEase refused to issue an access token');
		const text = everythingIn(error);
		for (const secret of secrets) expect(text).not.toContain(secret);
	});
});
