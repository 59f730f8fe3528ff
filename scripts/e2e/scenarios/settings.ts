/**
 * Step 11: the Settings node's examples.
 * - sales-gets-more: the sandbox's demo organisation has no 销售部, so it is created first (two
 *   levels, seven accounts) through the platform API, as an administrator's console would. The
 *   example raises the mailbox limits of every account below 销售部 and of nobody else; run again,
 *   every account is unchanged and nothing is written.
 * - everyone-on-2fa: as shipped a dry run (every account would change, nothing written); a copy
 *   with Dry Run off turns two-factor authentication on for every account; run again, unchanged.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ExampleWorkflow } from '../../lib/examples';
import { ENDPOINTS } from '../../../nodes/NeteaseEmail/shared/transport/endpoints';
import type { OrgSnapshot } from '../../../sandbox';
import { unchanged, unitAtPath, unitPath } from '../org-state';
import { isWrite } from '../platform-calls';
import { assert, nodeItems } from '../report';
import type { Execution, Suite } from '../suite';

const LIMITS_UPDATE = ENDPOINTS['limits.update'].path;
const SECOND_FACTOR_UPDATE = ENDPOINTS['secondFactor.update'].path;

/** The sales department the example names, and who is in it. */
const SALES = '销售部';
const SALES_ACCOUNTS: Record<string, string[]> = {
	销售部: ['sales.lead', 'sales.a', 'sales.b', 'sales.c'],
	东区: ['sales.east1', 'sales.east2', 'sales.east3'],
};

const writesOf = (run: Execution) => run.calls.filter(isWrite);
const outputOf = (run: Execution, node: string) =>
	nodeItems(run.json, node).map((item) => item.json);
const nameOf = (email: unknown) => String(email).split('@')[0];

/** Listed (not deleted) accounts, by name. */
function listedAccounts(state: OrgSnapshot): string[] {
	return state.accounts
		.filter((account) => account.status !== 2)
		.map((account) => account.accountName)
		.sort();
}

function outcomes(items: Array<Record<string, unknown>>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of items) counts[String(item.outcome)] = (counts[String(item.outcome)] ?? 0) + 1;
	return counts;
}

/** Every write is `path` and each listed account is written exactly once. */
function assertOneWriteEach(run: Execution, path: string, accounts: string[]): void {
	const writes = writesOf(run);
	const other = writes.find((call) => call.path !== path);
	assert(!other, `unexpected write ${other?.path}`);
	const written = writes.map((call) => String((call.body as IDataObject).accountName)).sort();
	assert(
		JSON.stringify(written) === JSON.stringify([...accounts].sort()),
		`written ${written.length}× (${written.slice(0, 5).join(', ')}…) for ${accounts.length} accounts`,
	);
}

/**
 * 销售部 and 销售部/东区 with their accounts, created through the platform API (the example's
 * precondition, not part of it).
 */
async function createSalesDepartment(suite: Suite): Promise<string[]> {
	const { url, identity } = suite.sandbox;
	const post = async (path: string, body: IDataObject, headers: Record<string, string> = {}) => {
		const res = await fetch(`${url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(body),
		});
		const answer = (await res.json()) as { code: number; data?: IDataObject };
		assert(answer.code === 0, `${path} answered ${JSON.stringify(answer)}`);
		return answer.data ?? {};
	};
	const { appId, authCode, orgOpenId, domain } = identity;
	const token = await post('/api/pub/token/acquireToken', { appId, authCode, orgOpenId });
	const headers = {
		'qiye-access-token': String(token.accessToken),
		'qiye-app-id': appId,
		'qiye-org-open-id': orgOpenId,
	};
	const sales = await post('/api/open/unit/createUnit', { domain, unitName: SALES }, headers);
	const east = await post(
		'/api/open/unit/createUnit',
		{ domain, unitName: '东区', parentId: String(sales.unitId) },
		headers,
	);
	const unitIds: Record<string, string> = {
		销售部: String(sales.unitId),
		东区: String(east.unitId),
	};
	for (const [unit, names] of Object.entries(SALES_ACCOUNTS)) {
		for (const accountName of names) {
			await post(
				'/api/open/account/createAccount',
				{
					domain,
					accountName,
					name: accountName,
					password: 'Welcome#2026',
					passType: 0,
					passChangeFirstLogin: 1,
					visibleInAddr: 1,
					unitId: unitIds[unit],
				},
				headers,
			);
		}
	}
	return Object.values(SALES_ACCOUNTS).flat().sort();
}

export async function salesGetsMore(suite: Suite, workflow: ExampleWorkflow): Promise<void> {
	const node = 'Raise limits of 销售部';
	let sales: string[] = [];
	const ready = await suite.check(
		`${SALES} created with 7 accounts in two levels (through the platform API)`,
		async () => {
			assert(!unitAtPath(suite.state(), SALES), `${SALES} exists already`);
			sales = await createSalesDepartment(suite);
			const state = suite.state();
			const inSales = state.accounts.filter((account) =>
				unitPath(state, account.unitId).startsWith(SALES),
			);
			assert(inSales.length === sales.length, `${inSales.length} accounts below ${SALES}`);
			return `${SALES}: ${SALES_ACCOUNTS[SALES].length}, ${SALES}/东区: ${SALES_ACCOUNTS['东区'].length}`;
		},
	);
	if (!ready) return;

	const before = suite.state();
	const first = await suite.execute('sales-gets-more', workflow.id);
	await suite.check(
		`sales-gets-more: every ${SALES} account changed (2000 mails a day, large attachments), one write each`,
		() => {
			const items = outputOf(first, node);
			const names = items.map((item) => nameOf(item.email)).sort();
			assert(JSON.stringify(names) === JSON.stringify(sales), `items for ${names.join(', ')}`);
			const wrong = items.find(
				(item) =>
					item.outcome !== 'changed' ||
					JSON.stringify(item.changes) !==
						JSON.stringify({
							dailySendingLimit: { from: 0, to: 2000 },
							largeAttachmentsAllowed: { from: false, to: true },
						}),
			);
			assert(!wrong, `item ${JSON.stringify(wrong)}`);
			assertOneWriteEach(first, LIMITS_UPDATE, sales);
			return `${items.length} × changed, ${writesOf(first).length} writes`;
		},
	);
	await suite.check(`sales-gets-more: the sandbox holds the new limits for ${SALES} only`, () => {
		const after = suite.state();
		for (const name of sales) {
			const limits = after.accountSettings[name]?.limits;
			assert(
				JSON.stringify(limits) ===
					JSON.stringify({
						quotaMb: 5120,
						sendAllowed: 1,
						dailySendLimit: 2000,
						largeAttachmentAllowed: 1,
					}),
				`${name}: ${JSON.stringify(limits)}`,
			);
		}
		const others = Object.keys(after.accountSettings).filter((name) => !sales.includes(name));
		for (const name of new Set([...others, ...Object.keys(before.accountSettings)])) {
			assert(
				unchanged(before.accountSettings[name], after.accountSettings[name]),
				`${name}'s settings changed`,
			);
		}
		assert(unchanged(before.accounts, after.accounts), 'the accounts changed');
		assert(unchanged(before.units, after.units), 'the departments changed');
		return `${sales.length} accounts with dailySendLimit 2000 and large attachments; the other ${listedAccounts(after).length - sales.length} as they were`;
	});

	const again = await suite.execute('sales-gets-more run again', workflow.id);
	await suite.check('sales-gets-more again: every account unchanged, no write sent', () => {
		const items = outputOf(again, node);
		const counts = outcomes(items);
		assert(
			items.length === sales.length && counts.unchanged === sales.length,
			`outcomes ${JSON.stringify(counts)}`,
		);
		const writes = writesOf(again);
		assert(writes.length === 0, `${writes.length} writes sent`);
		return `${items.length} × unchanged, 0 writes`;
	});
}

/** The same workflow with Dry Run off, under its own id. */
function applying(workflow: ExampleWorkflow, node: string): ExampleWorkflow {
	const copy = JSON.parse(JSON.stringify(workflow)) as ExampleWorkflow;
	copy.id = `${workflow.id}-apply`;
	copy.name = `${workflow.name} (applied)`;
	const settings = copy.nodes.find((n) => n.name === node);
	assert(settings?.parameters.dryRun === true, `${workflow.id}: ${node} is not a dry run`);
	settings.parameters.dryRun = false;
	return copy;
}

export async function everyoneOn2fa(suite: Suite, workflow: ExampleWorkflow): Promise<void> {
	const node = 'Two-factor for everyone';
	const before = suite.state();
	const everyone = listedAccounts(before);
	const enabledOf = (state: OrgSnapshot, name: string) =>
		state.accountSettings[name]?.secondFactor.enabled ?? 0;
	assert(
		everyone.every((name) => enabledOf(before, name) === 0),
		'some account has two-factor authentication on already',
	);

	const preview = await suite.execute('everyone-on-2fa (as shipped: dry run)', workflow.id);
	await suite.check(
		'everyone-on-2fa dry run: every account would change, no write sent, nothing changed',
		() => {
			const items = outputOf(preview, node);
			const counts = outcomes(items);
			assert(
				items.length === everyone.length && counts.wouldChange === everyone.length,
				`${items.length} items for ${everyone.length} accounts: ${JSON.stringify(counts)}`,
			);
			assert(writesOf(preview).length === 0, `${writesOf(preview).length} writes sent`);
			assert(unchanged(before, suite.state()), 'the organisation changed');
			return `${items.length} × wouldChange (${JSON.stringify(items[0].changes)}), 0 writes`;
		},
	);

	const variant = applying(workflow, node);
	await suite.command('import:workflow (everyone-on-2fa, Dry Run off)', () =>
		suite.n8n.importWorkflow([variant]),
	);
	const applied = await suite.execute('everyone-on-2fa with Dry Run off', variant.id);
	await suite.check(
		'everyone-on-2fa applied: every account changed, written once, two-factor on in the sandbox',
		() => {
			const items = outputOf(applied, node);
			const counts = outcomes(items);
			assert(
				items.length === everyone.length && counts.changed === everyone.length,
				`outcomes ${JSON.stringify(counts)}`,
			);
			assertOneWriteEach(applied, SECOND_FACTOR_UPDATE, everyone);
			const after = suite.state();
			const off = everyone.filter((name) => enabledOf(after, name) !== 1);
			assert(off.length === 0, `two-factor still off for ${off.slice(0, 5).join(', ')}`);
			return `${items.length} × changed, ${writesOf(applied).length} writes`;
		},
	);

	const again = await suite.execute('everyone-on-2fa applied again', variant.id);
	await suite.check('everyone-on-2fa applied again: every account unchanged, no write sent', () => {
		const items = outputOf(again, node);
		const counts = outcomes(items);
		assert(counts.unchanged === everyone.length, `outcomes ${JSON.stringify(counts)}`);
		assert(writesOf(again).length === 0, `${writesOf(again).length} writes sent`);
		return `${items.length} × unchanged, 0 writes`;
	});
}
