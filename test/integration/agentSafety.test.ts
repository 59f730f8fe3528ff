import type { IDataObject } from 'n8n-workflow';

import type { RunOptions } from '../support/netease';
import { ADDRESS_BOOK_TOOL_TYPE, callsTo, locator, usePlatform } from '../support/netease';

const DELETE_RECOVERABLE = '/api/open/account/deleteAccountSim';

describe('Safe for AI agents: Read Only and Confirm, checked before any request', () => {
	const platform = usePlatform();
	const status = (name: string) =>
		platform.sandbox.control.state().accounts.find((a) => a.accountName === name)?.status;
	const run = (parameters: IDataObject, options: RunOptions = {}) =>
		platform.run({ resource: 'account', ...parameters }, options);
	const asTool = (parameters: IDataObject, options: RunOptions = {}) =>
		run(parameters, { ...options, nodeType: ADDRESS_BOOK_TOOL_TYPE });
	const deleteOf = (name: string) => ({
		operation: 'delete',
		account: locator(name, 'address'),
		permanent: false,
	});

	test('Read Only refuses a delete with no request sent, saying why and how to proceed', async () => {
		const result = await run({ ...deleteOf('liu.yang'), readOnly: true });

		expect(result.success).toBe(false);
		expect(result.error?.message).toBe(
			'Refused: "Delete an account" changes data and this node is read-only [item 0]',
		);
		expect(result.error?.description).toMatch(/Nothing was sent.*turn off Read Only/);
		expect(platform.sandbox.control.requests()).toEqual([]);
		expect(status('liu.yang')).toBe(0);
	});

	test('as an AI tool, the Read Only refusal the model is sent says that nothing was sent and what to do', async () => {
		const result = await asTool({ ...deleteOf('liu.yang'), readOnly: true, confirm: 'delete' });

		expect(result.error?.message).toMatch(
			/^Refused: "Delete an account" changes data and this node is read-only\. Read Only is on.*Nothing was sent to NetEase\..*turn off Read Only on this node\. \[item 0\]$/,
		);
		expect(platform.sandbox.control.requests()).toEqual([]);
	});

	test('Read Only lets a get run', async () => {
		const result = await run({
			operation: 'get',
			account: locator('liu.yang', 'address'),
			readOnly: true,
		});

		expect(result.success).toBe(true);
		expect(result.json[0]).toMatchObject({ email: 'liu.yang@sandbox.example.com' });
	});

	test('Read Only with Continue On Fail gives every refused item an error item', async () => {
		const result = await run(
			{
				operation: 'update',
				account: locator('={{ $json.who }}', 'address'),
				name: 'X',
				readOnly: true,
			},
			{ items: [{ who: 'liu.yang' }, { who: 'zhang.wei' }], continueOnFail: true },
		);

		expect(result.success).toBe(true);
		expect(result.json).toEqual([
			expect.objectContaining({ error: expect.stringMatching(/read-only \[item 0\]$/) }),
			expect.objectContaining({ error: expect.stringMatching(/read-only \[item 1\]$/) }),
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(platform.sandbox.control.requests()).toEqual([]);
	});

	test('a workflow that is no AI tool deletes without Confirm, as before', async () => {
		const result = await run(deleteOf('liu.yang'));

		expect(result.json[0]).toMatchObject({ deleted: true });
		expect(callsTo(platform.sandbox, DELETE_RECOVERABLE)).toHaveLength(1);
	});

	test.each([
		['missing', undefined],
		['wrong', 'yes'],
	])(
		'as an AI tool, a delete with Confirm %s is refused with no request',
		async (_case, confirm) => {
			const result = await asTool({ ...deleteOf('liu.yang'), ...(confirm ? { confirm } : {}) });

			// The model is sent only the message, so it says what to do too.
			expect(result.error?.message).toMatch(
				/^Refused: "Delete an account" is destructive and was not confirmed\. Nothing was sent to NetEase\. Ask the user.*Confirm set to "delete".* \[item 0\]$/,
			);
			expect(result.error?.description).toMatch(/Ask the user.*Confirm set to "delete"/);
			expect(platform.sandbox.control.requests()).toEqual([]);
			expect(status('liu.yang')).toBe(0);
		},
	);

	test('as an AI tool, Confirm "delete" carries the delete out; a get needs no Confirm', async () => {
		const deleted = await asTool({ ...deleteOf('liu.yang'), confirm: 'delete' });
		expect(deleted.json[0]).toMatchObject({ deleted: true });
		expect(callsTo(platform.sandbox, DELETE_RECOVERABLE)).toHaveLength(1);
		expect(status('liu.yang')).toBe(2);

		const got = await asTool({ operation: 'get', account: locator('zhang.wei', 'address') });
		expect(got.success).toBe(true);
	});

	test('as an AI tool with Continue On Fail, only the confirmed item runs', async () => {
		const result = await asTool(
			{
				...deleteOf(''),
				account: locator('={{ $json.who }}', 'address'),
				confirm: '={{ $json.confirm }}',
			},
			{
				items: [
					{ who: 'liu.yang', confirm: 'delete' },
					{ who: 'zhang.wei', confirm: 'no' },
				],
				continueOnFail: true,
			},
		);

		expect(result.json[0]).toMatchObject({ deleted: true });
		expect(result.json[1]).toMatchObject({
			error: expect.stringMatching(
				/^Refused: "Delete an account" is destructive and was not confirmed\. .* \[item 1\]$/,
			),
		});
		expect(callsTo(platform.sandbox, DELETE_RECOVERABLE)).toHaveLength(1);
		expect(status('zhang.wei')).toBe(0);
	});
});
