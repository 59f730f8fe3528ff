import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeRun, RunOptions, TestPlatform } from '../support/netease';
import { callsTo, locator, SETTINGS_NODE_TYPE } from '../support/netease';

export const DOMAIN = 'sandbox.example.com';
export const email = (name: string) => `${name}@${DOMAIN}`;

/** The demo organisation's listed accounts (zhao.lei is deleted, so not listed). */
export const ORGANISATION = ['zhang.wei', 'li.na', 'wang.fang', 'liu.yang', 'chen.jing', 'service'];
/** 研发中心 with its sub-departments 后端组 and 前端组. */
export const RD_TREE = ['li.na', 'wang.fang', 'liu.yang'];

export const target = {
	account: (name: string): IDataObject => ({
		applyTo: 'account',
		account: locator(email(name), 'address'),
	}),
	department: (path: string, recursive = true): IDataObject => ({
		applyTo: 'department',
		department: locator(path, 'path'),
		recursive,
	}),
	organisation: (): IDataObject => ({ applyTo: 'organisation', confirmOrganisation: true }),
};

const sorted = (values: unknown[]) => values.map(String).sort();

/** The Settings node on the platform, and what it sent. */
export function settingsNode(platform: TestPlatform) {
	const control = () => platform.sandbox.control;
	const run = (parameters: IDataObject, options: RunOptions = {}): Promise<NodeRun> =>
		platform.run(parameters as INodeParameters, { nodeType: SETTINGS_NODE_TYPE, ...options });
	/** The account name of each call on `path`, in order. */
	const writtenAccounts = (path: string) =>
		callsTo(platform.sandbox, path).map((call) => (call.body as IDataObject).accountName);

	/**
	 * Dry run (no write, `wouldChange` exactly for `changing`), then the run itself (each of
	 * `changing` written once, nobody else: `written` are the bodies), then again (all `unchanged`, no
	 * write).
	 */
	async function dryApplyAgain(parameters: IDataObject, writePath: string, changing: string[]) {
		control().clearRequests();
		const dry = await run({ ...parameters, confirmOrganisation: false, dryRun: true });
		expect(dry.error).toBeUndefined();
		expect(writtenAccounts(writePath)).toEqual([]);
		const would = dry.json.filter((json) => json.outcome === 'wouldChange');
		expect(sorted(would.map((json) => json.email))).toEqual(sorted(changing.map(email)));

		const applied = await run(parameters);
		expect(applied.error).toBeUndefined();
		expect(sorted(writtenAccounts(writePath))).toEqual(sorted(changing));
		const changed = applied.json.filter((json) => json.outcome === 'changed');
		expect(sorted(changed.map((json) => json.email))).toEqual(sorted(changing.map(email)));
		expect(applied.json.filter((json) => json.outcome !== 'unchanged')).toEqual(changed);
		const written = callsTo(platform.sandbox, writePath).map((call) => call.body as IDataObject);

		control().clearRequests();
		const again = await run(parameters);
		expect(again.error).toBeUndefined();
		expect(again.json.map((json) => json.outcome)).toEqual(again.json.map(() => 'unchanged'));
		expect(writtenAccounts(writePath)).toEqual([]);
		return { dry, applied, again, written };
	}

	/** A run that fails before sending anything, with this message. */
	async function failsUpFront(parameters: IDataObject, message: string) {
		control().clearRequests();
		const result = await run(parameters);
		expect(result.error?.message).toBe(message);
		expect(control().requests()).toEqual([]);
	}

	return { control, run, writtenAccounts, dryApplyAgain, failsUpFront };
}
