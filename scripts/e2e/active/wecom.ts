/**
 * new-mail-to-wecom: the push trigger registered its production URL (with a secret token) and
 * subscribed the chosen mailboxes when it was activated. A mail to each chosen mailbox gives
 * exactly one well-formed WeCom robot message (sender, subject, summary, a working one-click
 * link); a mail to another mailbox gives none, and a callback without the token is refused.
 */
import { assert, oneLine } from '../report';
import type { ActiveCase, ActiveContext } from './context';
import { assertAllSucceeded, firstUrl, openLoginLink, reactions, until } from './context';
import { nodeOfType } from './workflows';

/** The test's robot key (the catcher accepts only it). */
export const ROBOT_KEY = 'e2e-robot-key-0f3a';

interface TestMail {
	to: string;
	from: string;
	subject: string;
	text: string;
	watched: boolean;
}

/** The mailboxes the example watches, as shipped. */
export function watchedMailboxes(ctx: Pick<ActiveContext, 'workflows'>): string[] {
	const trigger = nodeOfType(ctx.workflows['new-mail-to-wecom'], 'neteaseEmailPushTrigger');
	const { mailbox = [] } = trigger.parameters.mailboxes as {
		mailbox?: Array<{ mailbox: { value: string } }>;
	};
	return mailbox.map((entry) => entry.mailbox.value);
}

/** Mail delivered to the watched mailboxes after `since` (epoch ms), whoever sent it. */
export function mailToWatched(
	ctx: ActiveContext,
	since: number,
): Array<{ mailbox: string; subject: string }> {
	const state = ctx.suite.state();
	return watchedMailboxes(ctx).flatMap((mailbox) =>
		(state.mailboxes[mailbox] ?? [])
			.filter((message) => message.fid === 1 && message.sentDate >= since)
			.map((message) => ({ mailbox, subject: message.subject })),
	);
}

/** The production webhook URL the sandbox posts new mail to (with its token), or undefined. */
export function registeredPushUrl(ctx: Pick<ActiveContext, 'suite'>): string | undefined {
	const subscriptions = ctx.suite.state().subscriptions as { pushmail?: string };
	return subscriptions.pushmail;
}

export function wecomCase(): ActiveCase {
	let mails: TestMail[] = [];
	let since = 0;
	return {
		example: 'new-mail-to-wecom',

		async cause(ctx) {
			const [first, second] = watchedMailboxes(ctx);
			since = Date.now();
			mails = [
				{
					to: first,
					from: '"财务部 CFO Office" <cfo@partner.example>',
					subject: '季度预算审批 / Q3 budget approval',
					text: '请在周五前审批附件中的第三季度预算。Please approve the Q3 budget by Friday.',
					watched: true,
				},
				{
					to: second,
					from: 'monitor@ops.example',
					subject: 'Disk usage 91% on mail-gw-2',
					text: 'The volume /var/spool is 91% full.',
					watched: true,
				},
				{
					to: 'liu.yang',
					from: 'friend@elsewhere.example',
					subject: 'Not for the robot: lunch?',
					text: 'Lunch at noon?',
					watched: false,
				},
			];
			for (const mail of mails)
				ctx.suite.sandbox.control.deliverMail({
					to: mail.to,
					from: mail.from,
					subject: mail.subject,
					text: mail.text,
				});
		},

		async verify(ctx) {
			const watched = mails.filter((mail) => mail.watched);
			await ctx.suite.check(
				`new-mail-to-wecom: one well-formed robot message per mail to ${watched.map((m) => m.to).join(' and ')} (sender, subject, summary, a working link); none for liu.yang's`,
				async () => {
					const messages = await until(`${watched.length} robot messages`, () => {
						const got = ctx.catcher.robotMessages();
						return got.length >= watched.length ? got : undefined;
					});
					const refused = ctx.catcher.refused();
					assert(
						refused.length === 0,
						`the robot refused: ${refused.map((r) => `${r.errcode} ${r.errmsg}`).join(', ')}`,
					);
					// Every mail that reached a watched mailbox in this step (ours, and any reply or
					// welcome mail that went there) is one message; ours are found by subject.
					const arrived = mailToWatched(ctx, since);
					assert(
						messages.length === arrived.length,
						`${messages.length} robot messages for ${arrived.length} mails to watched mailboxes`,
					);
					for (const mail of mails) {
						const about = messages.filter((m) => m.content.includes(mail.subject));
						if (!mail.watched) {
							assert(
								about.length === 0,
								`a robot message mentions "${mail.subject}" (to ${mail.to})`,
							);
							continue;
						}
						assert(about.length === 1, `${about.length} robot messages about "${mail.subject}"`);
						const { content } = about[0];
						const address = `${mail.to}@${ctx.domain}`;
						for (const part of [
							address,
							mail.from.replace(/^.*</, '').replace('>', ''),
							mail.text.slice(0, 20),
						])
							assert(
								content.includes(part),
								`the message about "${mail.subject}" lacks ${part}: ${oneLine(content, 200)}`,
							);
						assert(
							Buffer.byteLength(content) <= 4096,
							`content of ${Buffer.byteLength(content)} bytes`,
						);
						const url = firstUrl(content);
						assert(url, `the message about "${mail.subject}" has no link`);
						const signedIn = await openLoginLink(url);
						assert(signedIn === address, `its link signs in ${signedIn}, not ${address}`);
					}
					const done = await reactions(
						ctx,
						'new-mail-to-wecom',
						'the push executions',
						(runs) => runs.length >= arrived.length,
					);
					assertAllSucceeded(done);
					const bytes = messages.map((m) => Buffer.byteLength(m.content));
					return `${messages.length} messages (${Math.min(...bytes)}–${Math.max(...bytes)} bytes of markdown), each link opened its mailbox; ${done.length} webhook executions`;
				},
			);
			await ctx.suite.check(
				'new-mail-to-wecom: a callback without the token, or with a wrong one, gets 401 and starts nothing',
				async () => {
					const registered = registeredPushUrl(ctx);
					assert(registered, 'no pushmail URL is registered');
					const bare = new URL(registered);
					bare.searchParams.delete('token');
					const wrong = new URL(bare);
					wrong.searchParams.set('token', 'f'.repeat(64));
					const before = (await ctx.executions.list(ctx.workflows['new-mail-to-wecom'].id)).length;
					for (const url of [bare, wrong]) {
						const res = await fetch(url, {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify({
								From: 'spoof@evil.example',
								To: 'zhang.wei',
								Subject: 'spoofed',
							}),
							signal: AbortSignal.timeout(10_000),
						});
						assert(res.status === 401, `${url.search || '(no token)'}: HTTP ${res.status}`);
					}
					const after = (await ctx.executions.list(ctx.workflows['new-mail-to-wecom'].id)).length;
					assert(after === before, `${after - before} executions started`);
				},
			);
		},
	};
}
