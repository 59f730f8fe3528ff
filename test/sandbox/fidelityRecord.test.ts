import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startRecordingProxy, type RecordingProxy } from '../../sandbox/fidelity/proxy';
import { readRecording, type RecordedExchange } from '../../sandbox/fidelity/recording';
import { freshCredentialAt, recordingFiles, useTempDir } from '../support/fidelity';
import type { TestPlatform } from '../support/netease';
import { EMAIL_NODE_TYPE, fileItem, getAccount, locator, startPlatform } from '../support/netease';

const DOMAIN = 'sandbox.example.com';
/** Seeded secrets: the stand-in's AppKey, passwords and mobile numbers the workflows send. */
const APP_KEY = 'Rec0rdK3y';
const PASSWORD = 'S3cret#Pass1';
const OTHER_PASSWORD = 'An0ther!Secret';
const MOBILES = ['13912345678', '15000001111', '18600002222'];
/** E-mail local parts the workflows send (account names, an outside recipient). */
const LOCAL_PARTS = ['xiaoming.wang', 'jing.chen', 'li.secret', 'outside.person'];

const ONBOARD: INodeParameters = {
	resource: 'employee',
	operation: 'onboard',
	name: '={{ $json.name }}',
	jobNumber: '={{ $json.jobNumber }}',
	accountName: '={{ $json.accountName }}',
	departmentPath: '={{ $json.department ?? "" }}',
	mobile: '={{ $json.mobile }}',
	mailLists: 'all-staff',
	password: PASSWORD,
};
const HIRES: IDataObject[] = [
	{
		name: '王小明',
		jobNumber: 'R001',
		accountName: 'xiaoming.wang',
		department: '研发中心/记录组',
		mobile: MOBILES[0],
	},
	{ name: '陈静', jobNumber: 'R002', accountName: 'jing.chen', mobile: MOBILES[1] },
];

describe('recording proxy: real node traffic through it, against a stand-in platform', () => {
	// One stand-in and one recording for the whole file: the first test records, the others read it.
	const platform = {} as TestPlatform;
	const tempDir = useTempDir('netease-record-');
	let dir: string;
	let proxy: RecordingProxy;
	const outputs: IDataObject[] = [];
	beforeAll(async () => {
		Object.assign(platform, await startPlatform({ identity: { authCode: APP_KEY } }));
		dir = tempDir();
	});
	afterAll(async () => {
		await proxy?.close();
		await platform.close();
	});

	/** One run through the proxy that must succeed; its output items are kept. */
	const run = async (parameters: INodeParameters, options: Parameters<typeof platform.run>[1]) => {
		const result = await platform.run(parameters, options);
		expect(result.error).toBeUndefined();
		outputs.push(...result.json);
		return result;
	};

	test('every call goes through and is recorded: onboard (SSO link), create, a token refresh, a multipart send, a list', async () => {
		proxy = await startRecordingProxy({ target: platform.sandbox.url, dir });
		freshCredentialAt(platform, proxy.url);

		await run(ONBOARD, { items: HIRES });
		await run(
			{
				resource: 'account',
				operation: 'create',
				accountName: 'li.secret',
				name: '李密',
				password: OTHER_PASSWORD,
				additionalFields: { mobile: MOBILES[2] },
			},
			{},
		);
		// Every access token dies: the node refreshes (refresh token in the query string) and retries.
		platform.sandbox.control.expireAccessTokens();
		await run(getAccount(`xiaoming.wang@${DOMAIN}`), {});
		await run(
			{
				resource: 'message',
				operation: 'send',
				mailbox: locator('jing.chen', 'address'),
				to: `xiaoming.wang@${DOMAIN}, outside.person@client.example.net`,
				subject: `回电 ${MOBILES[1]}`,
				text: `临时密码 ${PASSWORD}，联系 jing.chen@${DOMAIN}`,
				options: { attachments: 'data' },
			},
			{ nodeType: EMAIL_NODE_TYPE, inputItems: [fileItem(Buffer.from('a,b\n1,2\n'), 'x.csv')] },
		);
		await run({ resource: 'account', operation: 'getAll', returnAll: true }, {});

		const standIn = platform.sandbox.control.requests();
		const recording = readRecording(dir);
		expect(proxy.recorded).toBe(standIn.length);
		expect(recording.map((exchange) => exchange.path)).toEqual(standIn.map((call) => call.path));
		expect(recording.map((exchange) => exchange.seq)).toEqual(recording.map((_, n) => n + 1));
		const paths = new Set(recording.map((exchange) => exchange.endpoint));
		for (const key of ['token.acquire', 'token.refresh', 'token.sso', 'sso.sign'])
			expect(paths).toContain(key);
		expect(recordingFiles(dir).map((file) => file.name)).toEqual(
			recording.map(
				(exchange) => `${String(exchange.seq).padStart(5, '0')}-${exchange.endpoint}.json`,
			),
		);
	});

	test('no secret survives: AppKey, every token the stand-in issued, passwords, mobiles, e-mail local parts', () => {
		const text = recordingFiles(dir)
			.map((file) => file.text)
			.join('\n');
		const tokens = issuedTokens();
		expect(tokens.length).toBeGreaterThanOrEqual(5);
		const state = platform.sandbox.control.state();
		const everyMobile = [...MOBILES, ...state.accounts.map((account) => account.mobile)].filter(
			(mobile): mobile is string => typeof mobile === 'string' && mobile !== '',
		);
		for (const secret of [APP_KEY, PASSWORD, OTHER_PASSWORD, ...tokens, ...everyMobile]) {
			expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
			expect({ secret, found: text.includes(encodeURIComponent(secret)) }).toEqual({
				secret,
				found: false,
			});
		}
		const localParts = [
			...LOCAL_PARTS,
			...state.accounts.flatMap((account) => [
				String(account.accountName),
				...(account.aliasList as string[]).map((alias) => alias.split('@')[0]),
			]),
			...state.mailLists.map((list) => String(list.accountName)),
		];
		for (const name of localParts) {
			const asWord = new RegExp(
				`(?<![\\w.+-])${name.replace(/\./g, '\\.')}(?![\\w+-]|\\.\\w)`,
				'i',
			);
			expect({ name, found: asWord.test(text) }).toEqual({ name, found: false });
		}
		expect(text).not.toMatch(/qiye-access-token|qiye-sso-auth-token|"headers"/);
	});

	test('placeholders are stable, kinds are named, and e-mail domains are kept', () => {
		const recording = readRecording(dir);
		const text = JSON.stringify(recording);
		for (const placeholder of [
			'<appkey-1>',
			'<access-token-1>',
			'<refresh-token-1>',
			'<sso-token-1>',
			'<password-1>',
			'<mobile-1>',
		])
			expect(text).toContain(placeholder);
		expect(text).toContain(`@${DOMAIN}`);
		expect(text).toContain('@client.example.net');

		// xiaoming.wang, created by Onboard and read again after the refresh: one placeholder throughout.
		const create = bodyOf(createOf(recording, 'R001'));
		const refresh = recording.indexOf(find(recording, 'token.refresh', 0));
		const get = recording.slice(refresh).find((exchange) => exchange.endpoint === 'account.get')!;
		expect(create.accountName).toMatch(/^<user-\d+>$/);
		expect(bodyOf(get).accountName).toBe(create.accountName);
		// The refresh token in the query is the one the acquire call answered.
		const acquired = (find(recording, 'token.acquire', 0).response.body as IDataObject)
			.data as IDataObject;
		expect(find(recording, 'token.refresh', 0).query).toEqual({
			refreshToken: acquired.refreshToken,
		});
		// Both passwords: the same one always gives the same placeholder, another one another.
		const passwords = recording
			.filter((exchange) => exchange.endpoint === 'account.create')
			.map((exchange) => bodyOf(exchange).password);
		expect(passwords).toEqual(['<password-1>', '<password-1>', '<password-2>']);
	});

	test('a multipart send is kept as its fields and file sizes, redacted', () => {
		const send = find(readRecording(dir), 'message.send', 0);
		expect(send.request.contentType).toMatch(/^multipart\/form-data; boundary=/);
		const body = send.request.body as {
			multipart: boolean;
			fields: IDataObject;
			files: IDataObject[];
		};
		expect(body.multipart).toBe(true);
		expect(body.files).toEqual([{ name: 'attachments', fileName: 'x.csv', size: 8 }]);
		// jing.chen's mobile, first seen when Onboard created the account.
		expect(body.fields.subject).toBe(
			`回电 ${bodyOf(createOf(readRecording(dir), 'R002')).bindMobile}`,
		);
		expect(body.fields.subject).toMatch(/^回电 <mobile-\d+>$/);
		expect(body.fields.text).toMatch(
			/^临时密码 <password-1>，联系 <user-\d+>@sandbox\.example\.com$/,
		);
	});

	/** Every token the stand-in issued: from its request log and from what n8n stored, plus the SSO sign. */
	function issuedTokens(): string[] {
		const tokens = new Set<string>();
		for (const call of platform.sandbox.control.requests()) {
			for (const value of [
				call.headers['qiye-access-token'],
				call.headers['qiye-sso-auth-token'],
				call.query.refreshToken,
			])
				if (value) tokens.add(value);
		}
		for (const update of platform.credentials.updates) {
			for (const key of ['accessToken', 'refreshToken'])
				if (update.data[key]) tokens.add(String(update.data[key]));
		}
		for (const output of outputs) {
			const sign = /sso_token=([^&]+)/.exec(String(output.loginUrl ?? ''));
			if (sign) tokens.add(decodeURIComponent(sign[1]));
		}
		return [...tokens];
	}
});

function find(recording: RecordedExchange[], endpoint: string, index: number): RecordedExchange {
	const found = recording.filter((exchange) => exchange.endpoint === endpoint)[index];
	if (!found) throw new Error(`no ${endpoint} call #${index} in the recording`);
	return found;
}

/** The account.create call for a job number. */
function createOf(recording: RecordedExchange[], jobNumber: string): RecordedExchange {
	const found = recording.find(
		(exchange) =>
			exchange.endpoint === 'account.create' && bodyOf(exchange).jobNumber === jobNumber,
	);
	if (!found) throw new Error(`no account.create for ${jobNumber} in the recording`);
	return found;
}

function bodyOf(exchange: RecordedExchange): IDataObject {
	return exchange.request.body as IDataObject;
}
