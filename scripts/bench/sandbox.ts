/**
 * The platform sandbox as `startSandbox` serves it, plus a quick way to fill it with accounts:
 * straight into its organisation state. Through the platform API every createAccount scans all
 * accounts for a clashing alias (sandbox/routes/lookup.ts, accountHolding), so creating 20,000
 * takes minutes (283 s measured on 2 cores) where this takes milliseconds.
 */
import type { AddressInfo } from 'node:net';

import type { Sandbox, SandboxConfigPatch } from '../../sandbox';
import { defaultConfig, mergeConfig } from '../../sandbox/config';
import { createControl } from '../../sandbox/control';
import { Runtime } from '../../sandbox/runtime';
import { createSandboxServer } from '../../sandbox/server';
import { md5Hex } from '../../sandbox/state';
import type { NewAccount } from './workflows';
import { PASSWORD } from './workflows';

export interface BenchSandbox extends Sandbox {
	/** Adds active accounts to the default department, as createAccount would, without the API. */
	addAccounts(accounts: NewAccount[]): void;
}

/** An empty organisation on 127.0.0.1, any free port, with this configuration. */
export async function startBenchSandbox(patch: SandboxConfigPatch): Promise<BenchSandbox> {
	const rt = new Runtime(mergeConfig(defaultConfig(), patch), 'empty');
	const control = createControl(rt);
	const server = createSandboxServer(rt, control);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	rt.baseUrl = `http://127.0.0.1:${port}`;
	const passwordMd5 = md5Hex(PASSWORD);
	return {
		url: rt.baseUrl,
		port,
		get identity() {
			return { ...rt.config.identity };
		},
		get credential() {
			return { ...rt.config.identity, baseUrl: rt.baseUrl };
		},
		control,
		addAccounts(accounts) {
			const { state } = rt;
			for (const { accountName, name } of accounts)
				state.createAccount({
					accountName,
					name,
					mobile: '',
					mobilePrefix: '',
					jobNumber: '',
					job: '',
					gender: 0,
					remark: '',
					unitId: state.defaultUnitId,
					status: 0,
					visibleInAddr: 1,
					passChangeFirstLogin: 1,
					createTime: rt.now(),
					passwordMd5,
				});
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				rt.close();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
