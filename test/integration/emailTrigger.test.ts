import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { NeteaseEnterpriseEmailApi } from '../../credentials/NeteaseEnterpriseEmailApi.credentials';
import { NeteaseEmailTrigger } from '../../nodes/NeteaseEmail/Email/NeteaseEmailTrigger.node';
import type { TriggerOptions } from '../harness';
import { pollOnce } from '../harness';
import {
	callsTo,
	CREDENTIAL_ID,
	CREDENTIAL_TYPE,
	EMAIL_NODE_TYPE,
	EMAIL_TRIGGER_TYPE,
	locator,
	usePlatform,
} from '../support/netease';

const DOMAIN = 'sandbox.example.com';
const LIST = '/api/open/mailbox/listMessages';
const GET = '/api/open/mailbox/getMessage';
const NODE_NAME = 'Email Trigger';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('NetEase Email Trigger against the sandbox', () => {
	const platform = usePlatform();
	let staticData: IDataObject;

	beforeEach(() => {
		staticData = {};
	});

	/** Watching liu.yang's inbox (empty in the demo seed) unless told otherwise. */
	const parameters = (extra: INodeParameters = {}, ...accounts: string[]): INodeParameters => ({
		mailboxes: {
			values: (accounts.length ? accounts : ['liu.yang']).map((account) => ({
				mailbox: locator(account, 'address'),
			})),
		},
		...extra,
	});

	const triggerOptions = (nodeParameters: INodeParameters): TriggerOptions => ({
		node: {
			name: NODE_NAME,
			type: EMAIL_TRIGGER_TYPE,
			parameters: nodeParameters,
			credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: 'NetEase sandbox' } },
		},
		nodeType: new NeteaseEmailTrigger(),
		credentials: platform.credentials,
		credentialTypes: { [CREDENTIAL_TYPE]: new NeteaseEnterpriseEmailApi() },
		staticData,
	});

	/** One scheduled poll (or "Fetch Test Event"): the items' JSON, or null when nothing came. */
	async function poll(nodeParameters = parameters(), mode: 'trigger' | 'manual' = 'trigger') {
		const output = await pollOnce(triggerOptions(nodeParameters), mode);
		return output ? output[0].map((item) => item.json) : null;
	}

	/** The ids a poll emitted ([] for none). */
	async function pollIds(nodeParameters = parameters()) {
		return ((await poll(nodeParameters)) ?? []).map((mail) => mail.id);
	}

	/** n8n restarting: the static data as it was saved, and nothing else. */
	function restart() {
		staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	}

	const cursor = () =>
		(staticData[`node:${NODE_NAME}`] as IDataObject | undefined)?.cursor as IDataObject;

	/** Activation: the first poll starts from now and emits nothing. */
	async function activate(nodeParameters = parameters()) {
		const before = Date.now();
		expect(await poll(nodeParameters)).toBeNull();
		expect(cursor().position).toBeGreaterThanOrEqual(before);
		expect(cursor().position).toBeLessThanOrEqual(Date.now());
	}

	/** A mail from outside arrives for `to`; returns its mid. */
	const deliver = (subject: string, extra: IDataObject = {}, to = 'liu.yang') =>
		platform.sandbox.control.deliverMail({
			to,
			from: 'customer@client.example.net',
			subject,
			...extra,
		}).mid;

	/** `count` mails dated `date(n)`, delivered in that order; their mids. */
	const burst = (count: number, date: (n: number) => number, to = 'liu.yang') =>
		Array.from({ length: count }, (_, n) => deliver(`Burst #${n}`, { sentDate: date(n) }, to));

	/** Marks mails read or unread through the Email node, as a person reading them would. */
	async function mark(read: boolean, mids: string[], account = 'liu.yang') {
		const result = await platform.run(
			{
				resource: 'message',
				operation: read ? 'markAsRead' : 'markAsUnread',
				mailbox: locator(account, 'address'),
				mids: mids.join(','),
			},
			{ nodeType: EMAIL_NODE_TYPE },
		);
		expect(result.success).toBe(true);
	}

	test('the first activation emits nothing; new mail then comes once, oldest first, simplified', async () => {
		await activate();
		const now = Date.now();
		const second = deliver('Second', { sentDate: now + 2 * SECOND, text: 'Body two' });
		const first = deliver('First', {
			sentDate: now + SECOND,
			text: 'Body one',
			cc: 'li.na@sandbox.example.com',
			attachments: [{ fileName: 'offer.pdf', size: 10 }],
		});

		const mail = await poll();
		expect(mail?.map((item) => item.id)).toEqual([first, second]);
		expect(mail?.[0]).toEqual({
			mailbox: `liu.yang@${DOMAIN}`,
			id: first,
			messageId: expect.stringMatching(/^<.+@.+>$/),
			folder: 'inbox',
			from: 'customer@client.example.net',
			to: [`liu.yang@${DOMAIN}`],
			cc: [`li.na@${DOMAIN}`],
			subject: 'First',
			date: new Date(now + SECOND).toISOString(),
			size: expect.any(Number),
			read: false,
			snippet: 'Body one',
			attachmentNames: ['offer.pdf'],
		});
		expect(await poll()).toBeNull();
	});

	test('a burst of 250 mails with Max Items per Poll 100 comes exactly once over three polls, in order', async () => {
		const settings = parameters({ maxItems: 100 });
		await activate(settings);
		const start = Date.now();
		const mids = burst(250, (n) => start + n * SECOND);

		const polls = [await pollIds(settings), await pollIds(settings), await pollIds(settings)];
		expect(polls.map((ids) => ids.length)).toEqual([100, 100, 50]);
		expect(polls.flat()).toEqual(mids);
		expect(await poll(settings)).toBeNull();
	});

	test('mails sharing one date across a Max Items boundary are neither lost nor repeated', async () => {
		const settings = parameters({ maxItems: 3 }, 'liu.yang', 'wang.fang');
		await activate(settings);
		const date = Date.now() + SECOND;
		// Seven mails in one millisecond, in two mailboxes, then one later.
		const same = [...burst(4, () => date), ...burst(3, () => date, 'wang.fang')];
		const later = deliver('Later', { sentDate: date + 1 });

		const polls = [await pollIds(settings), await pollIds(settings), await pollIds(settings)];
		expect(polls.map((ids) => ids.length)).toEqual([3, 3, 2]);
		expect(new Set(polls.flat())).toEqual(new Set([...same, later]));
		expect(polls.flat()).toHaveLength(8);
		expect(polls[2][1]).toBe(later);
		expect(await poll(settings)).toBeNull();
	});

	test('a restart in the middle of a burst loses nothing and repeats nothing', async () => {
		const settings = parameters({ maxItems: 100 });
		await activate(settings);
		restart();
		const start = Date.now();
		// Pairs of mails share a date, so a boundary can fall between two of the same date.
		const mids = burst(250, (n) => start + Math.floor(n / 2) * SECOND);

		const emitted = [...(await pollIds(settings))];
		restart();
		const arriving = deliver('During the burst', { sentDate: start + 200 * SECOND });
		emitted.push(...(await pollIds(settings)));
		restart();
		emitted.push(...(await pollIds(settings)));
		restart();
		expect(await poll(settings)).toBeNull();

		expect(emitted).toHaveLength(251);
		expect(new Set(emitted).size).toBe(251);
		expect(emitted.filter((id) => id !== arriving)).toEqual(mids);
		expect(emitted.at(-1)).toBe(arriving);
	});

	test('a backfill of N hours emits the older mail on the first poll, oldest first', async () => {
		const now = Date.now();
		deliver('Three hours ago', { sentDate: now - 3 * HOUR });
		deliver('Just before the backfill', { sentDate: now - 2 * HOUR - 10 * MINUTE });
		const hourAgo = deliver('An hour ago', { sentDate: now - HOUR });
		const recent = deliver('Five minutes ago', { sentDate: now - 5 * MINUTE });

		const settings = parameters({ backfillHours: 2 });
		expect(await pollIds(settings)).toEqual([hourAgo, recent]);
		expect(await poll(settings)).toBeNull();
	});

	test('Fetch Test Event returns the newest mail (filters applied) and leaves the cursor alone', async () => {
		const now = Date.now();
		deliver('Older', { sentDate: now - MINUTE });
		const newest = deliver('Newest', { sentDate: now - SECOND });
		const invoice = deliver('Invoice 42', { sentDate: now - 30 * SECOND });

		// Never activated: nothing is stored.
		expect((await poll(parameters(), 'manual'))?.map((mail) => mail.id)).toEqual([newest]);
		expect(staticData).toEqual({});

		await activate();
		const stored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const filtered = parameters({ filters: { subjectContains: 'invoice' } });
		expect((await poll(filtered, 'manual'))?.map((mail) => mail.id)).toEqual([invoice]);
		expect(staticData).toEqual(stored);
	});

	test('an idle poll costs one listMessages call per mailbox, all folders in it', async () => {
		const settings = parameters({ folders: [1, 5] }, 'liu.yang', 'wang.fang', 'zhang.wei');
		await activate(settings);
		expect(await poll(settings)).toBeNull();

		platform.sandbox.control.clearRequests();
		expect(await poll(settings)).toBeNull();
		const calls = platform.sandbox.control.requests();
		expect(calls.map(({ path }) => path)).toEqual([LIST, LIST, LIST]);
		expect(calls.map(({ body }) => body)).toEqual(
			['liu.yang', 'wang.fang', 'zhang.wei'].map((accountName) =>
				expect.objectContaining({ accountName, fid: '1,5', pageNum: 1, pageSize: 100 }),
			),
		);
	});

	test('mail in several mailboxes and folders comes in date order, each with its mailbox', async () => {
		const settings = parameters({ folders: [1, 5] }, 'liu.yang', 'wang.fang');
		await activate(settings);
		const now = Date.now();
		const spam = deliver('Spam', { sentDate: now + 3 * SECOND, fid: 5 }, 'wang.fang');
		const toWang = deliver('To Wang', { sentDate: now + SECOND }, 'wang.fang');
		const toLiu = deliver('To Liu', { sentDate: now + 2 * SECOND });
		deliver('Sent elsewhere', { sentDate: now + 4 * SECOND }, 'li.na');

		const mail = await poll(settings);
		expect(mail?.map(({ id, mailbox, folder }) => [id, mailbox, folder])).toEqual([
			[toWang, `wang.fang@${DOMAIN}`, 'inbox'],
			[toLiu, `liu.yang@${DOMAIN}`, 'inbox'],
			[spam, `wang.fang@${DOMAIN}`, 'spam'],
		]);
	});

	describe('filters', () => {
		test('From Contains, Subject Contains and Has Attachments pick the mail; the rest is passed over', async () => {
			const settings = parameters({
				filters: { fromContains: 'PARTNER', subjectContains: 'order', hasAttachments: true },
			});
			await activate(settings);
			const now = Date.now();
			const partner = { from: '合作伙伴 <sales@partner.example.org>' };
			const file = { attachments: [{ fileName: 'order.xlsx', size: 10 }] };
			deliver('Order 1', { ...file, sentDate: now + SECOND });
			deliver('Invoice', { ...partner, ...file, sentDate: now + 2 * SECOND });
			deliver('Order 2', { ...partner, sentDate: now + 3 * SECOND });
			const wanted = deliver('New ORDER 3', { ...partner, ...file, sentDate: now + 4 * SECOND });

			expect(await pollIds(settings)).toEqual([wanted]);
			expect(await poll(settings)).toBeNull();
		});

		test('filtered-out mail does not count towards Max Items per Poll, and still moves the cursor', async () => {
			const settings = parameters({ maxItems: 2, filters: { subjectContains: 'urgent' } });
			await activate(settings);
			const now = Date.now();
			burst(150, (n) => now + n * 10);
			const urgent = [
				deliver('Urgent 1', { sentDate: now + 2 * SECOND }),
				deliver('Urgent 2', { sentDate: now + 3 * SECOND }),
				deliver('Urgent 3', { sentDate: now + 4 * SECOND }),
			];
			burst(5, (n) => now + 5 * SECOND + n);

			expect(await pollIds(settings)).toEqual(urgent.slice(0, 2));
			expect(await pollIds(settings)).toEqual(urgent.slice(2));
			// The five after the last urgent one were passed over by that poll: nothing is left.
			expect(cursor().position).toBe(now + 5 * SECOND + 4);
			expect(await poll(settings)).toBeNull();
		});

		test('Unread Only: mail read before the poll is passed over for good', async () => {
			const settings = parameters({ filters: { unreadOnly: true } });
			await activate(settings);
			const now = Date.now();
			const read = deliver('Read at once', { sentDate: now + SECOND });
			const unread = deliver('Left unread', { sentDate: now + 2 * SECOND });
			await mark(true, [read]);

			expect(await pollIds(settings)).toEqual([unread]);
			await mark(false, [read]);
			expect(await poll(settings)).toBeNull();
		});
	});

	describe('options', () => {
		test('Download Body adds the bodies with one getMessage per mail emitted', async () => {
			const settings = parameters({ options: { downloadBody: true } });
			await activate(settings);
			const now = Date.now();
			deliver('Plain', { sentDate: now + SECOND, text: 'Hello' });
			deliver('Rich', { sentDate: now + 2 * SECOND, html: '<p>Hi</p>' });

			platform.sandbox.control.clearRequests();
			const mail = await poll(settings);
			expect(mail?.map(({ subject, text, html }) => [subject, text, html])).toEqual([
				['Plain', 'Hello', ''],
				['Rich', '', '<p>Hi</p>'],
			]);
			expect(callsTo(platform.sandbox, LIST)).toHaveLength(1);
			expect(callsTo(platform.sandbox, GET)).toHaveLength(2);
		});

		test('Simplify off emits the platform entry as listed, with the mailbox', async () => {
			const settings = parameters({ options: { simplify: false } });
			await activate(settings);
			const sentDate = Date.now() + SECOND;
			const mid = deliver('Raw', { sentDate, text: 'Raw body' });

			expect(await poll(settings)).toEqual([
				expect.objectContaining({
					mailbox: `liu.yang@${DOMAIN}`,
					mid,
					fid: 1,
					subject: 'Raw',
					sentDate,
					summary: 'Raw body',
				}),
			]);
		});

		test('mail dated before mail already emitted still comes within the Late Mail Window', async () => {
			await activate();
			const now = Date.now();
			const onTime = deliver('On time', { sentDate: now + MINUTE });
			expect(await pollIds()).toEqual([onTime]);

			const delayed = deliver('Delayed in transit', { sentDate: now + MINUTE - 20 * MINUTE });
			deliver('Far too late', { sentDate: now + MINUTE - 31 * MINUTE });
			expect(await pollIds()).toEqual([delayed]);
			expect(await poll()).toBeNull();
		});

		test('with the Late Mail Window off, mail dated before the cursor is not emitted', async () => {
			const settings = parameters({ options: { lateMinutes: 0 } });
			await activate(settings);
			const now = Date.now();
			const onTime = deliver('On time', { sentDate: now + MINUTE });
			expect(await pollIds(settings)).toEqual([onTime]);
			deliver('Delayed in transit', { sentDate: now });
			expect(await poll(settings)).toBeNull();
			expect(cursor()).toEqual({ position: now + MINUTE, seen: [`liu.yang@${DOMAIN}:${onTime}`] });
		});

		test('mail already there at activation is not taken for late mail', async () => {
			deliver('Just before activation', { sentDate: Date.now() - 5 * MINUTE });
			await activate();
			expect(await poll()).toBeNull();
		});
	});

	describe('errors', () => {
		async function expectFailure(settings: INodeParameters, words: RegExp) {
			const stored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
			const error = await poll(settings).then(
				() => undefined,
				(thrown: unknown) => thrown,
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as Error).message).toMatch(words);
			expect(staticData).toEqual(stored);
		}

		test('a platform failure beyond the retries throws in plain words; the waiting mail comes next poll', async () => {
			await activate();
			const mid = deliver('Waiting', { sentDate: Date.now() + SECOND });
			platform.sandbox.control.injectFault({ path: LIST, kind: 'code', code: -1, times: 5 });

			await expectFailure(parameters(), /The platform had an internal error \(code -1\)/);
			platform.sandbox.control.clearFaults();
			expect(await pollIds()).toEqual([mid]);
		});

		test('a refused API (-202) throws in plain words and keeps the cursor until it is allowed', async () => {
			await activate();
			const mid = deliver('Waiting', { sentDate: Date.now() + SECOND });
			platform.sandbox.control.configure({ deniedPaths: [LIST] });

			await expectFailure(parameters(), /This API is not authorized for the app \(code -202\)/);
			platform.sandbox.control.configure({ deniedPaths: [] });
			expect(await pollIds()).toEqual([mid]);
		});

		test('a body download failing half-way emits nothing and loses nothing', async () => {
			const settings = parameters({ options: { downloadBody: true } });
			await activate(settings);
			const now = Date.now();
			const mids = burst(3, (n) => now + (n + 1) * SECOND);
			platform.sandbox.control.injectFault({ path: GET, kind: 'code', code: -202, after: 1 });

			await expectFailure(settings, /not authorized/);
			expect(await pollIds(settings)).toEqual(mids);
		});

		test('bad settings fail before any call, naming the parameter', async () => {
			await expect(poll({ mailboxes: {} })).rejects.toThrow(NodeOperationError);
			await expect(poll({ mailboxes: {} })).rejects.toThrow('Mailboxes has none');
			await expect(poll(parameters({}, 'someone@elsewhere.example.org'))).rejects.toThrow(
				'Mailbox "someone@elsewhere.example.org" is not in the domain sandbox.example.com',
			);
			await expect(poll(parameters({ folders: [] }))).rejects.toThrow('Folders is empty');
			expect(callsTo(platform.sandbox, LIST)).toHaveLength(0);
			expect(staticData).toEqual({});
		});
	});
});
