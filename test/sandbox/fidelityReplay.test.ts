import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ENDPOINTS } from '../../nodes/NeteaseEmail/shared/transport/endpoints';
import { startRecordingProxy } from '../../sandbox/fidelity/proxy';
import { readRecording } from '../../sandbox/fidelity/recording';
import { startReplayServer, type ReplayServer } from '../../sandbox/fidelity/replay';
import { freshCredentialAt, runExample, useTempDir } from '../support/fidelity';
import { EMAIL_NODE_TYPE, fileItem, getAccount, locator, usePlatform } from '../support/netease';

const LIST_PATH = ENDPOINTS['mailList.list'].path;
const GET_PATH = ENDPOINTS['account.get'].path;

/** The hr-onboarding example's record, as Employee → Onboard takes it. */
const ONBOARD: INodeParameters = {
	resource: 'employee',
	operation: 'onboard',
	name: '周杰',
	accountName: 'zhou.jie',
	jobNumber: 'E3001',
	departmentPath: '研发中心/后端组/平台小组',
	mobile: '13800138001',
	mailLists: 'all-staff',
	password: 'Welcome#2026',
};

describe('replay: a recorded run reproduced from the recording alone', () => {
	// The stand-in for the real platform: recorded through the proxy, then not used again.
	const platform = usePlatform();
	const tempDir = useTempDir('netease-replay-');
	const logged: string[] = [];
	let replay: ReplayServer | undefined;
	afterEach(async () => {
		await replay?.close();
		replay = undefined;
		logged.length = 0;
	});

	/** Runs `work` through a recording proxy, then the same `work` against a replay of that recording. */
	async function recordThenReplay<T>(
		work: () => Promise<T>,
	): Promise<{ recorded: T; replayed: T }> {
		const dir = tempDir();
		const proxy = await startRecordingProxy({ target: platform.sandbox.url, dir });
		freshCredentialAt(platform, proxy.url);
		const recorded = await work();
		await proxy.close();

		const standInCalls = platform.sandbox.control.requests().length;
		replay = await startReplayServer({ dir, log: (line) => logged.push(line) });
		freshCredentialAt(platform, replay.url);
		const replayed = await work();
		// The replay answered everything itself: the stand-in saw no call and nothing went unmatched.
		expect(platform.sandbox.control.requests()).toHaveLength(standInCalls);
		expect(replay.unmatched).toEqual([]);
		return { recorded, replayed };
	}

	test('the hr-onboarding example, run twice (create, then reuse): every output item byte for byte equal', async () => {
		const runTwice = async () => {
			const first = await runExample(platform, 'hr-onboarding');
			const second = await runExample(platform, 'hr-onboarding');
			expect(first.success).toBe(true);
			expect(second.success).toBe(true);
			return JSON.stringify([first.outputs, second.outputs]);
		};
		const { recorded, replayed } = await recordThenReplay(runTwice);

		expect(replayed).toBe(recorded);
		expect(logged).toEqual([]);
		const outputs = JSON.parse(recorded) as Array<Record<string, IDataObject[]>>;
		expect(outputs[0]['Create account'][0]).toMatchObject({
			created: true,
			email: 'zhou.jie@sandbox.example.com',
		});
		expect(outputs[1]['Create account'][0]).toMatchObject({ created: false });
	});

	test("Employee → Onboard on the same record: outputs equal except the login link's sso_token, which only the platform knew (the replay answers its placeholder)", async () => {
		const { recorded, replayed } = await recordThenReplay(() => platform.run(ONBOARD));
		expect(recorded.success).toBe(true);
		expect(replayed.success).toBe(true);

		const [original] = recorded.json;
		const [again] = replayed.json;
		const sign = /sso_token=([^&]+)/;
		expect(String(original.loginUrl)).toMatch(sign);
		expect(String(again.loginUrl)).toMatch(
			/sso_token=%3Csso-token-\d+%3E|sso_token=<sso-token-\d+>/,
		);
		const withoutSign = (json: IDataObject) =>
			JSON.stringify({ ...json, loginUrl: String(json.loginUrl).replace(sign, 'sso_token=…') });
		expect(withoutSign(again)).toBe(withoutSign(original));
		expect(logged).toEqual([]);
	});

	test('Employee → Onboard of three records (parallel items): each item gets its own answers back; equal except the sso_token', async () => {
		const records: IDataObject[] = [
			{ name: '周杰', accountName: 'zhou.jie', jobNumber: 'E3001', mobile: '13800138001' },
			{ name: '吴敏', accountName: 'wu.min', jobNumber: 'E3002', mobile: '13800138002' },
			{ name: '郑强', accountName: 'zheng.qiang', jobNumber: 'E3003', mobile: '13800138003' },
		];
		const fromItem: INodeParameters = {
			...ONBOARD,
			name: '={{ $json.name }}',
			accountName: '={{ $json.accountName }}',
			jobNumber: '={{ $json.jobNumber }}',
			mobile: '={{ $json.mobile }}',
		};
		const { recorded, replayed } = await recordThenReplay(() =>
			platform.run(fromItem, { items: records }),
		);
		expect(recorded.success).toBe(true);
		expect(recorded.json.map((json) => json.email)).toEqual(
			records.map((record) => `${String(record.accountName)}@sandbox.example.com`),
		);
		const withoutSign = (json: IDataObject[]) =>
			JSON.stringify(json).replace(/sso_token=[^&"]+/g, 'sso_token=…');
		expect(withoutSign(replayed.json)).toBe(withoutSign(recorded.json));
	});

	test('Email → Send with an attachment (multipart; the node makes a fresh Message-ID each run, matched as <uuid>): output equal except that Message-ID', async () => {
		const send = () =>
			platform.run(
				{
					resource: 'message',
					operation: 'send',
					mailbox: locator('zhang.wei', 'address'),
					to: 'li.na@sandbox.example.com, partner@client.example.net',
					subject: '周会纪要',
					text: '请查收附件。',
					options: { attachments: 'data' },
				},
				{
					nodeType: EMAIL_NODE_TYPE,
					inputItems: [fileItem(Buffer.from('a,b\n1,2\n'), '纪要.csv')],
				},
			);
		const { recorded, replayed } = await recordThenReplay(send);
		expect(recorded.success).toBe(true);
		const uuid = /[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g;
		const withoutUuid = (json: IDataObject[]) => JSON.stringify(json).replace(uuid, '<uuid>');
		expect(String(replayed.json[0].messageId)).toMatch(uuid);
		expect(withoutUuid(replayed.json)).toBe(withoutUuid(recorded.json));
	});

	test("equal calls are served in recorded order, but one for a value already seen gets that value's own answer", async () => {
		const { appId, authCode, orgOpenId, domain } = platform.sandbox.identity;
		const post = async (base: string, path: string, body: IDataObject, token = '') => {
			const headers = { 'content-type': 'application/json', 'qiye-access-token': token };
			const answer = await fetch(base + path, {
				method: 'POST',
				headers: { ...headers, 'qiye-app-id': appId, 'qiye-org-open-id': orgOpenId },
				body: JSON.stringify(body),
			});
			return (await answer.json()) as { code: number; data: IDataObject };
		};
		const namesOf = async (base: string, accounts: string[]) => {
			const login = await post(base, '/api/pub/token/acquireToken', { appId, authCode, orgOpenId });
			const token = String(login.data.accessToken);
			const names: unknown[] = [];
			for (const accountName of accounts) {
				const answer = await post(base, GET_PATH, { domain, accountName }, token);
				names.push([answer.data.accountName, answer.data.name]);
			}
			return names;
		};
		const dir = tempDir();
		const proxy = await startRecordingProxy({ target: platform.sandbox.url, dir });
		await namesOf(proxy.url, ['zhang.wei', 'li.na', 'zhang.wei', 'li.na']);
		await proxy.close();

		replay = await startReplayServer({ dir, log: (line) => logged.push(line) });
		expect(await namesOf(replay.url, ['zhang.wei', 'li.na', 'li.na', 'zhang.wei'])).toEqual([
			['zhang.wei', '张伟'],
			['li.na', '李娜'],
			['li.na', '李娜'],
			['zhang.wei', '张伟'],
		]);
	});

	test('a call the recording does not hold: a clear error naming the path, logged', async () => {
		const dir = tempDir();
		const proxy = await startRecordingProxy({ target: platform.sandbox.url, dir });
		freshCredentialAt(platform, proxy.url);
		expect((await platform.run(getAccount('zhang.wei@sandbox.example.com'))).success).toBe(true);
		await proxy.close();
		expect(readRecording(dir).map((exchange) => exchange.endpoint)).not.toContain('mailList.list');

		replay = await startReplayServer({ dir, log: (line) => logged.push(line) });
		freshCredentialAt(platform, replay.url);
		const run = await platform.run({ resource: 'mailList', operation: 'getAll' });

		expect(run.success).toBe(false);
		expect(run.error?.message).toContain('code -400');
		expect(run.error?.description).toContain(`has no such call: POST ${LIST_PATH}`);
		expect(replay.unmatched).toContainEqual({ method: 'POST', path: LIST_PATH });
		expect(logged.join('\n')).toContain(`no recorded call matches POST ${LIST_PATH}`);
	});
});
