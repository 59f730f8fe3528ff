import {
	PLATFORM_CODES,
	describePlatformCode,
	parseMarker,
} from '../../nodes/NeteaseEmail/shared/transport/codes';
import {
	DEFAULT_BASE_URL,
	ENDPOINTS,
	endpointPath,
	parseEndpointOverrides,
	trimBaseUrl,
} from '../../nodes/NeteaseEmail/shared/transport/endpoints';

describe('parseMarker', () => {
	test.each<[string, string | undefined]>([
		['通用业务操作失败: UNIT.EXIST', 'UNIT.EXIST'],
		['通用业务操作失败: ACCOUNT.NOTEXIST:zhang@example.com账号不存在', 'ACCOUNT.NOTEXIST'],
		['通用业务操作失败:MAILACCOUNT.NAMEEXIST', 'MAILACCOUNT.NAMEEXIST'],
		['  通用业务操作失败: UNIT.HAS_CHILD.X  ', 'UNIT.HAS_CHILD.X'],
		["SUCCESS(0, '成功')", undefined],
		['请求参数异常: pageSize', undefined],
		['通用业务操作失败: unit.exist', undefined],
		['UNIT.EXIST', undefined],
		['', undefined],
	])('%j -> %s', (message, marker) => {
		expect(parseMarker(message).marker).toBe(marker);
	});
});

describe('describePlatformCode', () => {
	test('a known code gives its meaning, code tag and hint, quoting the platform', () => {
		expect(describePlatformCode(-201, 'IP 受限')).toEqual({
			message: "This n8n server's IP address is not on the app's IP whitelist (code -201)",
			description:
				'Add the public (egress) IP address of your n8n server to the app\'s IP whitelist under 企业设置 / 自建应用管理 in the NetEase admin console. The platform said: "IP 受限".',
			marker: undefined,
		});
	});

	test('a known marker takes precedence over the code meaning and is tagged', () => {
		const text = describePlatformCode(-3, '通用业务操作失败: UNIT.HASACCOUNT');
		expect(text.message).toBe('The department still has accounts (UNIT.HASACCOUNT, code -3)');
		expect(text.description).toMatch(/^Move its accounts to another department first\./);
		expect(text.marker).toBe('UNIT.HASACCOUNT');
	});

	test('an unknown marker keeps the code meaning but is still tagged', () => {
		const text = describePlatformCode(-3, '通用业务操作失败: SOMETHING.NEW');
		expect(text.message).toBe('The platform refused the operation (SOMETHING.NEW, code -3)');
		expect(text.marker).toBe('SOMETHING.NEW');
	});

	test('an unknown code is described generically', () => {
		expect(describePlatformCode(-999)).toEqual({
			message: 'The platform answered with an unknown code (code -999)',
			description: 'Check the NetEase Open Platform documentation for this code.',
			marker: undefined,
		});
	});

	test('every code has a name, meaning and hint', () => {
		for (const [code, info] of Object.entries(PLATFORM_CODES)) {
			expect(Number(code)).toBeLessThan(0);
			expect(info.name).toMatch(/^[A-Z_]+$/);
			expect(info.meaning.length).toBeGreaterThan(5);
			expect(info.hint).toMatch(/\.$/);
		}
	});
});

describe('endpoints', () => {
	test('trimBaseUrl strips spaces and trailing slashes, defaulting to the public platform', () => {
		expect(trimBaseUrl(' http://127.0.0.1:8787/// ')).toBe('http://127.0.0.1:8787');
		expect(trimBaseUrl('https://api.qiye.163.com')).toBe('https://api.qiye.163.com');
		expect(trimBaseUrl('')).toBe(DEFAULT_BASE_URL);
		expect(trimBaseUrl(undefined)).toBe(DEFAULT_BASE_URL);
		expect(DEFAULT_BASE_URL).toBe('https://api.qiye.163.com');
	});

	test.each<[unknown, Record<string, string>]>([
		[undefined, {}],
		[null, {}],
		['', {}],
		['{}', {}],
		['{"unit.list": "/a/b"}', { 'unit.list': '/a/b' }],
		[{ 'account.get': '/x' }, { 'account.get': '/x' }],
	])('parseEndpointOverrides(%j) accepts', (raw, expected) => {
		expect(parseEndpointOverrides(raw)).toEqual(expected);
	});

	test.each<[unknown, string]>([
		['{', 'it is not valid JSON'],
		['[]', 'it must be a JSON object'],
		['"text"', 'it must be a JSON object'],
		[42, 'it must be a JSON object'],
		['{"nope": "/x"}', '"nope" is not an endpoint key'],
		['{"unit.list": "x"}', 'the path for "unit.list" must start with "/"'],
		['{"unit.list": 5}', 'the path for "unit.list" must start with "/"'],
	])('parseEndpointOverrides(%j) explains the problem', (raw, problem) => {
		const result = parseEndpointOverrides(raw);
		expect(typeof result).toBe('string');
		expect(result).toContain(problem);
	});

	test('endpointPath prefers an override', () => {
		expect(endpointPath('unit.list')).toBe('/api/open/unit/getUnitList');
		expect(endpointPath('unit.list', { 'unit.list': '/v2/units' })).toBe('/v2/units');
		expect(endpointPath('unit.create', { 'unit.list': '/v2/units' })).toBe(
			'/api/open/unit/createUnit',
		);
	});

	test('the catalogue: token paths, reads and writes', () => {
		expect(ENDPOINTS['token.acquire'].path).toBe('/api/pub/token/acquireToken');
		expect(ENDPOINTS['token.refresh'].path).toBe('/api/pub/token/refresh');
		for (const [key, endpoint] of Object.entries(ENDPOINTS)) {
			expect(endpoint.path).toMatch(/^\/api\/(pub|open|sso)\//);
			if (/\.(list|get|accounts|aliases|findByJobNumber)$/.test(key))
				expect(endpoint.write).toBe(false);
		}
		for (const key of [
			'unit.create',
			'unit.delete',
			'account.create',
			'account.deletePermanent',
			'account.moveUnit',
			'mobile.bind',
		] as const)
			expect(ENDPOINTS[key].write).toBe(true);
	});
});
