/**
 * What every scenario shares: the n8n session and the sandbox, the check lines, executing a
 * workflow together with the platform calls it caused, and the credential n8n stored.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

import type { OrgSnapshot, RequestRecord, Sandbox } from '../../sandbox';
import { CREDENTIAL_TYPE } from '../lib/examples';
import { CREDENTIAL } from './fixtures';
import type { CommandResult, ExecuteResult, N8nSession } from './n8n';
import { createN8nSession } from './n8n';
import { lastGoodToken } from './platform-calls';
import type { ExecutionJson, Report } from './report';
import { asExecution, assert, diagnostics, executionFailure, short } from './report';

export interface Execution {
	json: ExecutionJson | undefined;
	/** Platform calls the sandbox recorded during this execution. */
	calls: RequestRecord[];
	result: ExecuteResult;
}

/** How the sandbox behaves during one execution; both are off again afterwards. */
export interface PlatformConditions {
	callsPerSecond?: number;
	tokenExpiresAfterCalls?: number;
}

export class Suite {
	/** stdout + stderr of every execution, scanned for secrets at the end. */
	readonly outputs: string[] = [];
	private commands = 0;

	constructor(
		private readonly report: Report,
		readonly n8n: N8nSession,
		readonly sandbox: Sandbox,
		/** N8N_CUSTOM_EXTENSIONS: the copy of dist/ the session loads. */
		readonly extensionDir: string,
	) {}

	get commandCount(): number {
		return this.commands;
	}

	state(): OrgSnapshot {
		return this.sandbox.control.state();
	}

	lastSeq(): number {
		const requests = this.sandbox.control.requests();
		return requests.length ? requests[requests.length - 1].seq : 0;
	}

	callsSince(seq: number): RequestRecord[] {
		return this.sandbox.control.requests().filter((call) => call.seq > seq);
	}

	check(name: string, body: () => string | void | Promise<string | void>): Promise<boolean> {
		return this.report.check(name, body);
	}

	/** An n8n command other than execute, which has to exit 0; its output goes to stderr if not. */
	async command(name: string, start: () => Promise<CommandResult>): Promise<CommandResult> {
		this.commands++;
		const res = await start();
		if (res.exitCode !== 0) console.error(diagnostics(name, res.stdout, res.stderr));
		assert(res.exitCode === 0, `${name} exited ${res.exitCode ?? res.signal}`);
		return res;
	}

	/**
	 * `n8n execute --id` with no check of its own; the output is kept for the secrets check (and,
	 * with E2E_KEEP=1, on disk).
	 */
	async executeUnchecked(
		label: string,
		workflowId: string,
		session = this.n8n,
	): Promise<ExecuteResult> {
		const number = ++this.commands;
		const result = await session.execute(workflowId);
		this.outputs.push(result.stdout, result.stderr);
		if (process.env.E2E_KEEP === '1') {
			const base = path.join(this.n8n.userFolder, `execute-${number}-${workflowId}`);
			await fs.writeFile(`${base}.stdout.txt`, result.stdout);
			await fs.writeFile(`${base}.stderr.txt`, result.stderr);
		}
		if (executionFailure(result))
			console.error(
				diagnostics(`${label}: n8n execute --id=${workflowId}`, result.stdout, result.stderr),
			);
		return result;
	}

	/** `n8n execute --id`, one check for its outcome; the calls the sandbox saw meanwhile. */
	async execute(label: string, workflowId: string, session = this.n8n): Promise<Execution> {
		const fromSeq = this.lastSeq();
		const result = await this.executeUnchecked(label, workflowId, session);
		const calls = this.callsSince(fromSeq);
		const failure = executionFailure(result);
		await this.check(`${label}: execution succeeded`, () => {
			assert(!failure, failure ?? '');
			return `exit 0, ${(result.durationMs / 1000).toFixed(1)} s, ${calls.length} platform calls`;
		});
		return { json: asExecution(result.json), calls, result };
	}

	async executeUnder(
		conditions: PlatformConditions,
		label: string,
		workflowId: string,
		session = this.n8n,
	): Promise<Execution> {
		this.sandbox.control.configure({
			rateLimit: { perSecond: conditions.callsPerSecond ?? 0 },
			expireAccessTokenAfterCalls: conditions.tokenExpiresAfterCalls ?? 0,
		});
		try {
			return await this.execute(label, workflowId, session);
		} finally {
			this.sandbox.control.configure({
				rateLimit: { perSecond: 0 },
				expireAccessTokenAfterCalls: 0,
			});
		}
	}

	/** Another n8n process on the same user folder (each gets its own task-broker port). */
	newSession(timeoutMs?: number): Promise<N8nSession> {
		return createN8nSession({
			customExtensions: this.extensionDir,
			provided: this.n8n.provided,
			userFolder: this.n8n.userFolder,
			env: { N8N_RESTRICT_FILE_ACCESS_TO: this.n8n.env.N8N_RESTRICT_FILE_ACCESS_TO ?? '' },
			timeoutMs,
		});
	}

	/** The stored access token equals the token of the run's last successful business call. */
	async checkStoredToken(
		name: string,
		run: Execution,
		previous?: string,
	): Promise<string | undefined> {
		let stored: string | undefined;
		await this.check(name, async () => {
			const lastUsed = lastGoodToken(run.calls);
			assert(lastUsed, 'the sandbox saw no successful business call in this execution');
			const data = await this.storedCredential();
			stored = data.accessToken as string | undefined;
			assert(stored, 'the stored credential has no accessToken');
			if (previous !== undefined) {
				assert(
					stored !== previous,
					`the stored token is still the expired one (${short(previous)})`,
				);
			}
			assert(
				stored === lastUsed,
				`stored accessToken ${short(stored)} ≠ token of the last successful call ${short(lastUsed)}`,
			);
			return `stored ${short(stored)} = last token the sandbox saw${previous ? `, was ${short(previous)}` : ''}`;
		});
		return stored;
	}

	private async storedCredential(): Promise<Record<string, unknown>> {
		this.commands++;
		const all = await this.n8n.exportCredentialsDecrypted();
		const credential = all.find((c) => c.id === CREDENTIAL.id);
		assert(
			credential,
			`export:credentials has no credential ${CREDENTIAL.id} (found ${all.map((c) => c.id).join(', ') || 'none'})`,
		);
		assert(
			credential.type === CREDENTIAL_TYPE,
			`stored credential type is ${credential.type}, expected ${CREDENTIAL_TYPE}`,
		);
		return credential.data;
	}
}
