import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailAddressBookTrigger } from '../../nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBookTrigger.node';
import { eventOf } from '../../nodes/NeteaseEmail/AddressBook/trigger/events';
import type { TriggerOptions } from '../harness';
import { pollOnce } from '../harness';
import { acquireToken, authHeaders, post } from '../sandbox/helpers';
import {
	ADDRESS_BOOK_TRIGGER_TYPE,
	callsTo,
	CREDENTIAL_ID,
	CREDENTIAL_TYPE,
	usePlatform,
} from '../support/netease';

const DOMAIN = 'sandbox.example.com';
const MAX_REVISION = '/api/open/address/getMaxRevision';
const REVISION_DATA = '/api/open/address/getRevisionData';
const NODE_NAME = 'Address Book Trigger';
/** The demo seed's seven account ADDs. */
const SEED_REVISION = 7;

describe('NetEase Email Address Book Trigger against the sandbox', () => {
	const platform = usePlatform();
	let staticData: IDataObject;
	let accessToken: string | undefined;

	beforeEach(() => {
		staticData = {};
	});

	const triggerOptions = (parameters: INodeParameters): TriggerOptions => ({
		node: {
			name: NODE_NAME,
			type: ADDRESS_BOOK_TRIGGER_TYPE,
			parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: 'NetEase sandbox' } },
		},
		nodeType: new NeteaseEmailAddressBookTrigger(),
		credentials: platform.credentials,
		credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
		staticData,
	});

	/** One scheduled poll (or "Fetch Test Event"): the items' JSON, or null when nothing came. */
	async function poll(parameters: INodeParameters = {}, mode: 'trigger' | 'manual' = 'trigger') {
		const output = await pollOnce(triggerOptions(parameters), mode);
		return output ? output[0].map((item) => item.json) : null;
	}

	/** n8n restarting: the static data as it was saved, and nothing else. */
	function restart() {
		staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	}

	const cursor = () => (staticData[`node:${NODE_NAME}`] as IDataObject | undefined)?.cursor;

	/** Activation: the first poll starts from now, emitting nothing. */
	async function activate(parameters: INodeParameters = {}) {
		expect(await poll(parameters)).toBeNull();
		expect(cursor()).toEqual({
			position: platform.sandbox.control.state().revisions.length,
			seen: [],
		});
	}

	/** A write through the platform API, as another admin tool would make it. */
	async function write(path: string, body: IDataObject): Promise<IDataObject> {
		accessToken ??= (await acquireToken(platform.sandbox)).accessToken;
		const envelope = await post(
			platform.sandbox,
			`/api/open/${path}`,
			{ domain: DOMAIN, ...body },
			{ headers: authHeaders(platform.sandbox, accessToken) },
		);
		expect(envelope).toMatchObject({ code: 0 });
		return (envelope.data ?? {}) as IDataObject;
	}

	const createAccount = (accountName: string, name = accountName) =>
		write('account/createAccount', {
			accountName,
			name,
			password: 'Welcome#2026',
			passType: 0,
			passChangeFirstLogin: 0,
			visibleInAddr: 1,
		});
	const createDepartment = async (unitName: string) =>
		String((await write('unit/createUnit', { unitName })).unitId);

	/** Business and token calls the trigger made while `action` ran. */
	async function callsDuring(action: () => Promise<unknown>) {
		platform.sandbox.control.clearRequests();
		await action();
		return platform.sandbox.control.requests();
	}

	const revisionsRead = () =>
		callsTo(platform.sandbox, REVISION_DATA).map((call) =>
			Number((call.body as IDataObject).revision),
		);

	test('The first activation starts from now, and an idle poll is exactly one call', async () => {
		await createAccount('before.activation');
		await activate();
		expect(cursor()).toEqual({ position: SEED_REVISION + 1, seen: [] });
		const idle = await callsDuring(async () => expect(await poll()).toBeNull());
		expect(idle.map((call) => call.path)).toEqual([MAX_REVISION]);
		expect(cursor()).toEqual({ position: SEED_REVISION + 1, seen: [] });
	});

	test('Each change comes once, in revision order, with its event', async () => {
		await activate();
		await createAccount('new.hire', '新员工');
		await write('account/updateAccount', { accountName: 'new.hire', job: '工程师' });
		await write('account/suspendAccount', { accountName: 'new.hire' });
		await write('account/resumeAccount', { accountName: 'new.hire' });
		await write('account/deleteAccountSim', { accountName: 'new.hire' });
		await write('account/deleteAccount', { accountName: 'new.hire' });
		const unitId = await createDepartment('客服部');
		await write('unit/updateUnit', { unitId, unitName: '客户服务部' });
		await write('unit/deleteUnit', { unitId });

		const items = await poll();
		expect(items!.map(({ event, revision, op, kind }) => ({ event, revision, op, kind }))).toEqual([
			{ event: 'accountCreated', revision: 8, op: 'ADD', kind: 'account' },
			{ event: 'accountUpdated', revision: 9, op: 'UPDATE', kind: 'account' },
			{ event: 'accountSuspended', revision: 10, op: 'UPDATE', kind: 'account' },
			{ event: 'accountUpdated', revision: 11, op: 'UPDATE', kind: 'account' },
			{ event: 'accountDeleted', revision: 12, op: 'DELETE', kind: 'account' },
			{ event: 'accountDeleted', revision: 13, op: 'DELETE', kind: 'account' },
			{ event: 'departmentCreated', revision: 14, op: 'ADD', kind: 'department' },
			{ event: 'departmentChanged', revision: 15, op: 'UPDATE', kind: 'department' },
			{ event: 'departmentDeleted', revision: 16, op: 'DELETE', kind: 'department' },
		]);
		expect(items![0]).toEqual({
			event: 'accountCreated',
			revision: 8,
			op: 'ADD',
			kind: 'account',
			accountName: 'new.hire',
			email: `new.hire@${DOMAIN}`,
			name: '新员工',
			status: 'normal',
			departmentId: expect.any(String),
			jobNumber: '',
			job: '',
			mobile: '',
			openId: expect.any(String),
		});
		expect(items![2]).toMatchObject({ status: 'suspended' });
		expect(items![7]).toEqual({
			event: 'departmentChanged',
			revision: 15,
			op: 'UPDATE',
			kind: 'department',
			department: { id: unitId, name: '客户服务部', parentId: null },
		});
		expect(revisionsRead().sort((a, b) => a - b)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16]);
		expect(cursor()).toEqual({ position: 16, seen: ['16'] });

		const idle = await callsDuring(async () => expect(await poll()).toBeNull());
		expect(idle.map((call) => call.path)).toEqual([MAX_REVISION]);
	});

	test('A feed of 1,000 changes is consumed exactly once across restarts, 300 per poll', async () => {
		const parameters = { maxItems: 300 };
		await activate(parameters);
		for (let n = 0; n < 500; n++) {
			await createAccount(`bulk${n}`);
			await write('account/updateAccount', { accountName: `bulk${n}`, job: `job ${n}` });
		}
		const latest = SEED_REVISION + 1000;
		expect(platform.sandbox.control.state().revisions).toHaveLength(latest);
		platform.sandbox.control.clearRequests();

		const emitted: IDataObject[] = [];
		const perPoll: number[] = [];
		for (let round = 0; round < 5; round++) {
			restart();
			const items = await poll(parameters);
			perPoll.push(items?.length ?? 0);
			emitted.push(...(items ?? []));
		}
		expect(perPoll).toEqual([300, 300, 300, 100, 0]);
		const expected = Array.from({ length: 1000 }, (_, n) => SEED_REVISION + 1 + n);
		expect(emitted.map((item) => item.revision)).toEqual(expected);
		emitted.forEach((item, n) =>
			expect(item).toMatchObject({
				event: n % 2 === 0 ? 'accountCreated' : 'accountUpdated',
				accountName: `bulk${Math.floor(n / 2)}`,
			}),
		);
		// Every revision read once: nothing read twice, nothing skipped.
		expect(revisionsRead().sort((a, b) => a - b)).toEqual(expected);
		expect(callsTo(platform.sandbox, MAX_REVISION)).toHaveLength(5);
		expect(cursor()).toEqual({ position: latest, seen: [String(latest)] });
	});

	test('Changes outside the chosen events are passed over without an item, the cursor moving on', async () => {
		const parameters = { events: ['accountSuspended', 'departmentCreated'] };
		await activate(parameters);
		await createAccount('temp.worker');
		await write('account/suspendAccount', { accountName: 'temp.worker' });
		await createDepartment('项目部');
		await write('account/resumeAccount', { accountName: 'temp.worker' });

		const items = await poll(parameters);
		expect(items!.map(({ event, revision }) => ({ event, revision }))).toEqual([
			{ event: 'accountSuspended', revision: 9 },
			{ event: 'departmentCreated', revision: 10 },
		]);
		expect(cursor()).toMatchObject({ position: 11 });

		await write('account/updateAccount', { accountName: 'temp.worker', job: '实习' });
		expect(await poll(parameters)).toBeNull();
		expect(cursor()).toMatchObject({ position: 12 });
		const idle = await callsDuring(async () => expect(await poll(parameters)).toBeNull());
		expect(idle.map((call) => call.path)).toEqual([MAX_REVISION]);
	});

	test('A revision the platform no longer has gives a revisionMissing item in its place', async () => {
		await activate();
		await createAccount('first.one');
		await createAccount('second.one');
		await createAccount('third.one');
		platform.sandbox.control.clearRequests();
		platform.sandbox.control.injectFault({ kind: 'code', code: -4, path: REVISION_DATA, after: 1 });

		const items = await poll();
		const faulted = callsTo(platform.sandbox, REVISION_DATA).find((call) => call.fault);
		const missing = Number((faulted!.body as IDataObject).revision);
		expect(items!.map((item) => item.revision)).toEqual([8, 9, 10]);
		for (const item of items!) {
			if (item.revision === missing)
				expect(item).toEqual({
					event: 'revisionMissing',
					revision: missing,
					op: null,
					missing: true,
				});
			else expect(item).toMatchObject({ event: 'accountCreated', kind: 'account' });
		}
		expect(cursor()).toMatchObject({ position: 10 });
	});

	test('Without Missing Revisions chosen, a missing revision gives no item and the walk goes on', async () => {
		const parameters = { events: ['accountCreated'] };
		await activate(parameters);
		await createAccount('first.one');
		await createAccount('second.one');
		platform.sandbox.control.injectFault({ kind: 'code', code: -4, path: REVISION_DATA });

		const items = await poll(parameters);
		expect(items).toHaveLength(1);
		expect(items![0]).toMatchObject({ event: 'accountCreated' });
		expect(cursor()).toMatchObject({ position: 9 });
	});

	test('Fetch Test Event returns the newest change and leaves the cursor alone', async () => {
		await activate();
		await createAccount('new.hire');
		const unitId = await createDepartment('客服部');
		const before = JSON.parse(JSON.stringify(staticData)) as IDataObject;

		const calls = await callsDuring(async () =>
			expect(await poll({}, 'manual')).toEqual([
				{
					event: 'departmentCreated',
					revision: 9,
					op: 'ADD',
					kind: 'department',
					department: { id: unitId, name: '客服部', parentId: null },
				},
			]),
		);
		expect(calls.map((call) => call.path)).toEqual([MAX_REVISION, REVISION_DATA]);
		expect(staticData).toEqual(before);

		// The newest among the chosen events, looking back from the latest.
		const accounts = await poll({ events: ['accountCreated'] }, 'manual');
		expect(accounts).toEqual([expect.objectContaining({ event: 'accountCreated', revision: 8 })]);
		expect(await poll({ events: ['departmentDeleted'] }, 'manual')).toBeNull();
		expect(staticData).toEqual(before);

		const scheduled = await poll();
		expect(scheduled!.map((item) => item.revision)).toEqual([8, 9]);
	});

	test('Fetch Test Event before any activation writes no cursor', async () => {
		const items = await poll({}, 'manual');
		expect(items).toEqual([
			expect.objectContaining({ event: 'accountCreated', revision: SEED_REVISION }),
		]);
		expect(cursor()).toBeUndefined();
	});

	test('A failing poll throws with the cursor unchanged, and the next poll emits every change once', async () => {
		await activate();
		for (const name of ['a.one', 'b.two', 'c.three', 'd.four', 'e.five']) await createAccount(name);
		const before = JSON.parse(JSON.stringify(staticData)) as IDataObject;

		platform.sandbox.control.injectFault({ kind: 'code', code: -3, path: REVISION_DATA, after: 2 });
		await expect(poll()).rejects.toThrow('The platform refused the operation (code -3)');
		expect(staticData).toEqual(before);

		platform.sandbox.control.injectFault({ kind: 'code', code: -3, path: MAX_REVISION });
		await expect(poll()).rejects.toThrow('The platform refused the operation (code -3)');
		expect(staticData).toEqual(before);

		const items = await poll();
		expect(items!.map((item) => item.revision)).toEqual([8, 9, 10, 11, 12]);
		expect(await poll()).toBeNull();
	});

	test('Simplify off adds the platform record as raw', async () => {
		const parameters = { options: { simplify: false } };
		await activate(parameters);
		await createAccount('raw.one');
		const items = await poll(parameters);
		expect(items![0]).toMatchObject({
			event: 'accountCreated',
			accountName: 'raw.one',
			raw: { revision: 8, op: 'ADD', account: expect.objectContaining({ accountName: 'raw.one' }) },
		});
	});

	test('With no event chosen, the trigger fails rather than waiting in silence', async () => {
		await expect(poll({ events: [] })).rejects.toThrow('Events has none chosen');
		expect(cursor()).toBeUndefined();
	});
});

describe('Address book events', () => {
	test.each([
		[{ kind: 'account', op: 'UPDATE', status: 'deleted' }, 'accountDeleted'],
		[{ kind: 'account', op: 'UPDATE', status: 'suspended' }, 'accountSuspended'],
		[{ kind: 'account', op: 'UPDATE', status: 'resigned' }, 'accountUpdated'],
		[{ kind: 'account', op: 'DELETE', status: 'normal' }, 'accountDeleted'],
		[{ kind: 'unknown', op: 'UPDATE', raw: {} }, 'otherChange'],
		[{ revision: 3, op: null, missing: true }, 'revisionMissing'],
	])('%j is %s', (change, event) => {
		expect(eventOf(change as IDataObject)).toBe(event);
	});
});
