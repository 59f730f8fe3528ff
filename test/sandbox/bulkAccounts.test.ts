import type { NewAccountInput } from '../../sandbox/bulkAccounts';
import { Client, control, useSandbox, type Json } from './helpers';

const sandbox = useSandbox({ seed: 'demo' });
const client = new Client(sandbox);

beforeEach(() => sandbox().control.reset('demo'));

describe('control: addAccounts', () => {
	it('adds accounts the platform API then lists and reads like created ones', async () => {
		const backend = sandbox()
			.control.state()
			.units.find((unit) => unit.unitName === '后端组')!;
		const { status, json } = await control(sandbox(), 'POST', '/accounts', {
			accounts: [
				{ accountName: 'bulk.one', name: '批量一', jobNumber: 'B1', unitId: backend.unitId },
				{ accountName: 'bulk.two', mobile: '13900009999', status: 1 },
			],
		});
		expect({ status, json }).toEqual({ status: 200, json: { added: 2 } });

		const one = await client.call('/api/open/account/getAccount', { accountName: 'bulk.one' });
		expect(one.data).toMatchObject({
			name: '批量一',
			jobNumber: 'B1',
			unitId: backend.unitId,
			status: 0,
		});
		const listed = await client.call('/api/open/unit/getAccountList', {
			recursion: true,
			pageSize: 500,
		});
		const two = (listed.data as Json).list.find(
			(account: Json) => account.accountName === 'bulk.two',
		);
		expect(two).toMatchObject({ name: 'bulk.two', mobile: '13900009999', status: 1 });
		expect(sandbox().control.state().revisions.slice(-2)).toMatchObject([
			{ op: 'ADD', account: { accountName: 'bulk.one' } },
			{ op: 'ADD', account: { accountName: 'bulk.two' } },
		]);
		expect(
			sandbox()
				.control.requests()
				.map((request) => request.path),
		).toEqual([
			'/api/pub/token/acquireToken',
			'/api/open/account/getAccount',
			'/api/open/unit/getAccountList',
		]);
	});

	it('adds all or none, naming the bad entry', () => {
		const before = sandbox().control.state().accounts.length;
		const add = (accounts: unknown[]) => () =>
			sandbox().control.addAccounts(accounts as NewAccountInput[]);
		expect(add([{ accountName: 'fine' }, { accountName: 'li.na' }])).toThrow(
			'accounts[1].accountName li.na is taken',
		);
		expect(add([{ accountName: 'ceo' }])).toThrow('accounts[0].accountName ceo is taken');
		expect(add([{ accountName: 'x' }, { accountName: 'x' }])).toThrow(
			'accounts[1].accountName x is taken',
		);
		expect(add([{ accountName: 'Bad Name' }])).toThrow('accounts[0].accountName must be');
		expect(add([{ accountName: 'y', unitId: 'nope' }])).toThrow('accounts[0].unitId names no');
		expect(add([{ accountName: 'z', status: 3 }])).toThrow('accounts[0].status must be one of');
		expect(sandbox().control.state().accounts).toHaveLength(before);
	});

	it('answers 400 over HTTP for bad input', async () => {
		const { status, json } = await control(sandbox(), 'POST', '/accounts', { accounts: 'x' });
		expect({ status, json }).toEqual({ status: 400, json: { error: 'accounts must be an array' } });
	});
});
