import { callsTo, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';

describe('Platform Request: any endpoint through the same transport', () => {
	const platform = usePlatform();
	const send = (parameters: object) =>
		platform.run({ resource: 'platformRequest', operation: 'send', ...parameters });

	test('a catalogue entry: the default domain is added, a list answer becomes one item per entry', async () => {
		const run = await send({ endpointKey: 'unit.list', body: '{}' });
		expect(run.success).toBe(true);
		expect(run.json.map((unit) => unit.unitName)).toContain('研发中心');
		expect(callsTo(platform.sandbox, '/api/open/unit/getUnitList')[0].body).toEqual({
			domain: DOMAIN,
		});
	});

	test("a catalogue entry follows the credential's path override", async () => {
		platform.changeCredential({
			endpointOverrides: JSON.stringify({
				'account.get': '/api/open/account/getAccount?via=override',
			}),
		});
		const run = await send({ endpointKey: 'account.get', body: { accountName: 'li.na' } });
		expect(run.json[0]).toMatchObject({ accountName: 'li.na', name: '李娜' });
	});

	test('a path outside the catalogue, with the token renewed on the in-body expiry code', async () => {
		await send({ endpointKey: 'unit.list', body: '{}' });
		platform.sandbox.control.expireAccessTokens(-301);
		const run = await send({
			endpointSource: 'path',
			path: '/api/open/account/getAccount',
			body: JSON.stringify({ accountName: 'wang.fang' }),
		});
		expect(run.success).toBe(true);
		expect(run.json[0]).toMatchObject({ accountName: 'wang.fang' });
		const answers = callsTo(platform.sandbox, '/api/open/account/getAccount').map(
			(call) => call.code,
		);
		expect(answers).toEqual([-301, 0]);
	});

	test('a refusal comes back in plain words, naming the item', async () => {
		const run = await send({ endpointKey: 'account.get', body: { accountName: 'nobody' } });
		expect(run.error?.message).toBe(
			'The account does not exist (ACCOUNT.NOTEXIST, code -3) [item 0]',
		);
	});

	test('a write outside the catalogue whose answer is lost is reported as of unknown outcome, not resent', async () => {
		platform.sandbox.control.injectFault({
			path: '/api/open/account/suspendAccount',
			kind: 'lostResponse',
		});
		const run = await send({
			endpointSource: 'path',
			path: '/api/open/account/suspendAccount',
			write: true,
			body: { accountName: 'li.na' },
		});
		expect(run.error?.message).toBe(
			'The platform did not confirm "/api/open/account/suspendAccount" and whether it took effect could not be checked (ECONNRESET) [item 0]',
		);
		expect(callsTo(platform.sandbox, '/api/open/account/suspendAccount')).toHaveLength(1);
	});

	test('bad input is refused before any request: a body that is not an object, a path that is not one', async () => {
		expect((await send({ endpointKey: 'unit.list', body: '[1]' })).error?.message).toBe(
			'Body is not a JSON object [item 0]',
		);
		expect((await send({ endpointSource: 'path', path: 'unit/list' })).error?.message).toBe(
			'Path "unit/list" is not a path [item 0]',
		);
		expect(platform.sandbox.control.requests()).toHaveLength(0);
	});

	test("n8n's Custom API Call stops with a pointer to Platform Request", async () => {
		const run = await platform.run({
			resource: '__CUSTOM_API_CALL__',
			operation: '__CUSTOM_API_CALL__',
		});
		expect(run.error?.message).toBe(
			'"Custom API Call" cannot renew NetEase tokens or read the platform\'s answer codes',
		);
		expect(run.error?.description).toMatch(/Resource → Platform Request/);
	});
});
