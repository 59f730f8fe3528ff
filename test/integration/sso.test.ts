import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { callsTo, locator, SSO_NODE_TYPE, usePlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';

describe('NetEase Email SSO against the sandbox', () => {
	const platform = usePlatform();
	const sso = (parameters: INodeParameters, items?: IDataObject[]) =>
		platform.run({ ...parameters }, { items, nodeType: SSO_NODE_TYPE });
	const link = (account: string, extra: INodeParameters = {}) =>
		sso({
			resource: 'loginLink',
			operation: 'get',
			account: locator(account, 'address'),
			...extra,
		});
	const landing = async (url: string) => {
		const response = await fetch(url, { redirect: 'manual' });
		return { status: response.status, html: await response.text() };
	};

	test('Login Link → Get: a one-use link that opens the account, made with the SSO token only', async () => {
		const run = await link('li.na');
		expect(run.success).toBe(true);
		const [output] = run.json;
		expect(output).toMatchObject({
			accountName: 'li.na',
			email: `li.na@${DOMAIN}`,
			skipsSecondFactor: false,
		});
		const url = new URL(String(output.url));
		expect(url.pathname).toBe('/__sandbox/sso/login');
		expect(url.searchParams.get('lang')).toBe('0');
		expect(Date.parse(String(output.expiresAt))).toBeGreaterThan(Date.now());

		const page = await landing(String(output.url));
		expect(page.status).toBe(200);
		expect(page.html).toContain(`<b id="account">li.na@${DOMAIN}</b>`);
		expect((await landing(String(output.url))).status).toBe(403);

		const [sign] = callsTo(platform.sandbox, '/api/sso/ssoSign');
		expect(sign.body).toEqual({ domain: DOMAIN, accountName: 'li.na' });
		expect(sign.headers['qiye-sso-auth-token']).toBeTruthy();
		expect(sign.headers['qiye-access-token']).toBeUndefined();
		const token = sign.headers['qiye-sso-auth-token'];
		expect(JSON.stringify(run.json)).not.toContain(token);
	});

	test('one SSO token serves many links; an SSO expiry answer (-322) renews it and the item succeeds', async () => {
		const items = [{ a: 'li.na' }, { a: 'wang.fang' }, { a: 'zhang.wei' }];
		const first = await sso(
			{ resource: 'loginLink', operation: 'get', account: locator('={{ $json.a }}', 'address') },
			items,
		);
		expect(first.json.map((item) => item.accountName)).toEqual(['li.na', 'wang.fang', 'zhang.wei']);
		expect(callsTo(platform.sandbox, '/api/pub/token/ssoAuthToken')).toHaveLength(1);

		platform.sandbox.control.clearRequests();
		platform.sandbox.control.injectFault({ path: '/api/sso/ssoSign', kind: 'code', code: -322 });
		const renewed = await link('li.na');
		expect(renewed.success).toBe(true);
		expect(callsTo(platform.sandbox, '/api/sso/ssoSign').map((call) => call.code)).toEqual([
			-322, 0,
		]);
		// A new execution asks for its own SSO token, and once more after the expiry answer.
		expect(callsTo(platform.sandbox, '/api/pub/token/ssoAuthToken')).toHaveLength(2);
	});

	test('opening a message or a folder, English, and the second-factor bypass only when asked', async () => {
		const message = await link('li.na', {
			open: 'message',
			messageId: 'SBXM00000000000000000001',
			language: 1,
		});
		const url = new URL(String(message.json[0].url));
		expect(url.searchParams.get('mid')).toBe('SBXM00000000000000000001');
		expect(url.searchParams.get('lang')).toBe('1');

		const folder = await link('li.na', { open: 'folder', folder: 3, skipSecondFactor: true });
		const module = new URL(String(folder.json[0].url)).searchParams.get('module');
		expect(module).toBe('mbox.ListModule|{"fid":3,"order":"date","desc":true}');
		expect(folder.json[0].skipsSecondFactor).toBe(true);
		const bodies = callsTo(platform.sandbox, '/api/sso/ssoSign').map((call) => call.body);
		expect(bodies).toEqual([
			{ domain: DOMAIN, accountName: 'li.na' },
			{ domain: DOMAIN, accountName: 'li.na', pass_2fa: 1 },
		]);
	});

	test('an account outside the organisation fails before any request; an unknown one in plain words', async () => {
		const outside = await link('someone@other.example.com');
		expect(outside.error?.message).toBe(
			`Account "someone@other.example.com" is not in the organisation's domain ${DOMAIN} [item 0]`,
		);
		expect(platform.sandbox.control.requests()).toHaveLength(0);
		const unknown = await link('nobody');
		expect(unknown.error?.message).toBe(
			'The account does not exist (ACCOUNT.NOTEXIST, code -3) [item 0]',
		);
	});

	test('the link expires when the platform says', async () => {
		platform.sandbox.control.configure({ ssoSignTtlSeconds: 1 });
		const run = await link('li.na');
		const expiresAt = Date.parse(String(run.json[0].expiresAt));
		expect(expiresAt - Date.now()).toBeLessThanOrEqual(1000);
		await sleep(Math.max(0, expiresAt - Date.now()) + 1100);
		expect((await landing(String(run.json[0].url))).status).toBe(403);
	});

	test('Login Access → Get / Set for a department and a role; no write when already so', async () => {
		const target = { targetType: 'department', department: locator('研发中心', 'path') };
		const read = await sso({ resource: 'loginAccess', operation: 'get', ...target });
		expect(read.json[0]).toMatchObject({
			targetType: 'department',
			targetPath: '研发中心',
			modules: ['calendar', 'contacts', 'mail', 'netdisk', 'settings'],
		});
		const set = (modules: string[]) =>
			sso({ resource: 'loginAccess', operation: 'set', ...target, modules });
		expect((await set(['mail', 'contacts'])).json[0]).toMatchObject({
			modules: ['contacts', 'mail'],
			changed: true,
		});
		expect((await set(['contacts', 'mail'])).json[0].changed).toBe(false);
		const updates = callsTo(platform.sandbox, '/api/open/sso/updateLoginAccess');
		expect(updates.map((call) => call.body)).toEqual([
			{
				domain: DOMAIN,
				targetType: 'unit',
				targetId: read.json[0].targetId,
				modules: 'contacts,mail',
			},
		]);
		const role = await sso({
			resource: 'loginAccess',
			operation: 'set',
			targetType: 'role',
			role: 'intern',
			modules: ['mail'],
		});
		expect(role.json[0]).toMatchObject({
			targetType: 'role',
			targetId: 'intern',
			modules: ['mail'],
			changed: true,
		});
		// n8n itself refuses an empty required list before the node runs.
		await expect(
			sso({ resource: 'loginAccess', operation: 'set', ...target, modules: [] }),
		).rejects.toThrow('Parameter "Functions" is required');
	});
});
