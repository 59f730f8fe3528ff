/**
 * Step 3: every access token expired between executions, then offboarding suspends the leaver,
 * hands their mail over to the successor (NetEase Email node, waiting until it is complete) and
 * soft-deletes them: the -301 is answered by renewing the token, and n8n stores the new one.
 */
import type { ExampleWorkflow } from '../../lib/examples';
import { setNodeOutput } from '../../lib/examples';
import { accountNamed, unchanged } from '../org-state';
import {
	businessAnswered,
	failedBusinessCalls,
	isBusiness,
	isTokenCall,
	listCalls,
	tokenOf,
} from '../platform-calls';
import { assert, assertMatches, short, singleJson } from '../report';
import type { Suite } from '../suite';

/** `tokenBefore`: the token the previous execution stored, which is the one that expires. */
export async function offboarding(
	suite: Suite,
	workflow: ExampleWorkflow,
	tokenBefore: string | undefined,
): Promise<void> {
	const input = setNodeOutput(workflow.nodes.find((node) => node.name === 'Leaver')!);
	const jobNumber = String(input.jobNumber);
	const successor = String(input.successor);
	const seeded = suite.state().accounts.find((account) => account.jobNumber === jobNumber);
	// Mail in the leaver's mailbox, for the hand-over to copy.
	const subjects = ['客户需求确认', '发票寄送地址'];
	for (const subject of seeded ? subjects : []) {
		suite.sandbox.control.deliverMail({
			to: seeded!.accountName,
			from: 'customer@client.example.net',
			subject,
		});
	}
	const before = suite.state();
	const matches = before.accounts.filter((account) => account.jobNumber === jobNumber);
	const leaver = matches[0];
	const email = leaver ? `${leaver.accountName}@${before.domain}` : `(job number ${jobNumber})`;

	const expired = suite.sandbox.control.expireAccessTokens(-301);
	const run = await suite.execute(
		'offboarding after every access token expired (-301) between executions',
		workflow.id,
	);
	const after = suite.state();

	const mailOf = (state: typeof before, accountName: string | undefined) =>
		state.mailboxes[accountName ?? ''] ?? [];
	const leaverMail = mailOf(before, leaver?.accountName);

	await suite.check(
		`offboarding: ${leaver?.accountName ?? jobNumber} (${jobNumber}) suspended, mail handed over, then soft-deleted (status 2)`,
		() => {
			assert(
				matches.length === 1,
				`${matches.length} accounts with job number ${jobNumber} before the run`,
			);
			assert(
				leaver.status === 0,
				`${leaver.accountName} had status ${leaver.status} before the run`,
			);
			const now = accountNamed(after, leaver.accountName);
			assert(now, `${leaver.accountName} no longer exists (deleted permanently?)`);
			assert(
				now.status === 2,
				`${leaver.accountName} has status ${now.status}, expected 2 (soft-deleted)`,
			);
			const done = (p: string) =>
				run.calls.find(
					(c) =>
						c.path === p &&
						c.code === 0 &&
						(c.body as { accountName?: string }).accountName === leaver.accountName,
				);
			const suspend = done('/api/open/account/suspendAccount');
			const handOver = done('/api/open/account/handOverMail');
			const remove = done('/api/open/account/deleteAccountSim');
			assert(suspend, 'no successful suspendAccount call for the leaver');
			assert(handOver, 'no successful handOverMail call for the leaver');
			assert(remove, 'no successful deleteAccountSim call for the leaver');
			assert(suspend.seq < handOver.seq, 'mail handed over before the account was suspended');
			assert(handOver.seq < remove.seq, 'deleted before the mail was handed over');
			assert(
				!run.calls.some((c) => c.path === '/api/open/account/deleteAccount'),
				'deleteAccount (permanent) was called',
			);
			const others = after.accounts.filter((a) => a.accountName !== leaver.accountName);
			const changed = others.find((a) => !unchanged(accountNamed(before, a.accountName), a));
			assert(!changed, `${changed?.accountName} changed too`);
			return `suspendAccount (seq ${suspend.seq}), handOverMail (seq ${handOver.seq}), then deleteAccountSim (seq ${remove.seq}); no other account touched`;
		},
	);
	await suite.check(
		`offboarding: ${leaver?.accountName}'s ${leaverMail.length} messages copied into ${successor}'s inbox before the delete`,
		() => {
			assert(leaver, `no account with job number ${jobNumber}`);
			const task = after.handOvers.find((t) => t.accountName === leaver.accountName);
			assert(task, `the sandbox holds no hand-over of ${leaver.accountName}`);
			assert(
				task.targetAccountName === successor,
				`handed over to ${task.targetAccountName}, expected ${successor}`,
			);
			assert(task.state === 'handedOver', `the hand-over is ${task.state}`);
			const remove = run.calls.find((c) => c.path === '/api/open/account/deleteAccountSim');
			assert(
				remove && task.completedAt !== null && task.completedAt <= Date.parse(remove.time),
				'the hand-over completed after the delete',
			);
			const inbox = mailOf(after, successor).filter((message) => message.fid === 1);
			const missing = leaverMail.filter(
				(message) =>
					!inbox.some(
						(copy) =>
							copy.subject === `[交接:${leaver.accountName}] ${message.subject}` && copy.read,
					),
			);
			assert(leaverMail.length >= subjects.length, `the leaver had ${leaverMail.length} messages`);
			assert(
				missing.length === 0,
				`not in ${successor}'s inbox: ${missing.map((m) => m.subject).join(', ')}`,
			);
			return `${task.copied} of ${leaverMail.length} copied (read, "[交接:${leaver.accountName}]" subjects), task ${task.taskId}`;
		},
	);
	await suite.check(
		'offboarding: node output — found by job number, suspended, handed over, deleted recoverably',
		() => {
			const found = singleJson(run.json, 'Find account by job number');
			const suspended = singleJson(run.json, 'Suspend account');
			const handedOver = singleJson(run.json, 'Hand over mailbox');
			const deleted = singleJson(run.json, 'Delete account (recoverable)');
			assertMatches('Find account by job number', found, {
				accountName: leaver?.accountName,
				email,
				jobNumber,
			});
			assertMatches('Suspend account', suspended, { email, status: 'suspended' });
			assertMatches('Hand over mailbox', handedOver, {
				email,
				successor: `${successor}@${before.domain}`,
				state: 'handedOver',
				copied: leaverMail.length,
				total: leaverMail.length,
				started: true,
			});
			assertMatches('Delete account (recoverable)', deleted, {
				email,
				deleted: true,
				recoverable: true,
			});
			return `${email}: suspended, handed over to ${String(handedOver.successor)}, deleted, recoverable true`;
		},
	);
	await suite.check(
		'token expiry between executions: -301 answered, token renewed, the execution carried on',
		() => {
			assert(expired >= 1, `expireAccessTokens expired ${expired} tokens`);
			assert(tokenBefore, 'no token known from the previous execution');
			const [rejected] = businessAnswered(run.calls, -301);
			assert(rejected, 'the sandbox answered no -301: the expired token was not used?');
			assert(
				tokenOf(rejected) === tokenBefore,
				`the -301 was for ${short(tokenOf(rejected))}, not the stored ${short(tokenBefore)}`,
			);
			const renewal = run.calls.find((c) => isTokenCall(c) && c.seq > rejected.seq && c.code === 0);
			assert(renewal, 'no successful token call after the -301');
			const later = run.calls.filter((c) => isBusiness(c) && c.seq > renewal.seq);
			const bad = later.find((c) => c.code !== 0 || tokenOf(c) === tokenBefore);
			assert(
				later.length > 0 && !bad,
				bad
					? `${bad.path} answered ${bad.code} with ${short(tokenOf(bad))}`
					: 'no call after renewal',
			);
			const failures = failedBusinessCalls(run.calls);
			assert(
				failures.length === 1,
				`${failures.length} failed business calls: ${listCalls(failures)}`,
			);
			return `${rejected.path} -301, ${renewal.path.split('/').pop()}, then ${later.length} calls ok`;
		},
	);
	await suite.checkStoredToken(
		'token expiry between executions: n8n stored the renewed token',
		run,
		tokenBefore,
	);
}
