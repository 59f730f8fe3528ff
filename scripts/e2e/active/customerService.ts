/**
 * customer-service-auto-reply: mail arrives in service@'s Inbox — three customers (two outside the
 * organisation, one inside) and six mails that must get no answer (an automated sender, a bounce,
 * two auto-replies, a mailing list, the mailbox itself). Exactly one reply per customer, in the
 * mail's thread, quoting its subject; nothing to the others.
 */
import type { OrgSnapshot } from '../../../sandbox';
import { assert } from '../report';
import type { ActiveCase } from './context';
import { assertAllSucceeded, reactions, until } from './context';
import { allItems } from './executions';

const MAILBOX = 'service';
const SENT = 3;

interface TestMail {
	from: string;
	subject: string;
	/** The address a reply would go to; undefined: it must get none. */
	customer?: string;
	messageId?: string;
}

function testMails(domain: string): TestMail[] {
	return [
		{
			from: '"王先生" <wang.buyer@shop-buyer.example>',
			subject: '订单 #1024 还没有发货',
			customer: 'wang.buyer@shop-buyer.example',
		},
		{
			from: 'anna@client.example',
			subject: 'Invoice request for order 7781',
			customer: 'anna@client.example',
		},
		{
			from: `"刘洋" <liu.yang@${domain}>`,
			subject: '打印机坏了 / printer broken',
			customer: `liu.yang@${domain}`,
		},
		{ from: '"Shop" <noreply@shop.example>', subject: 'Your order has shipped' },
		{ from: 'MAILER-DAEMON@mx.partner.example', subject: 'Undeliverable: Invoice 7781' },
		{ from: '"李伟" <li.wei@partner.example>', subject: '自动回复: 我正在休假' },
		{ from: 'bob@partner.example', subject: 'Out of Office: back on Monday' },
		{ from: '"Vendor news" <digest@lists.vendor.example>', subject: 'Weekly digest' },
		{ from: `客服中心 <${MAILBOX}@${domain}>`, subject: 'Ticket #42 closed' },
	];
}

/** Replies service@ sent since the step began: its Sent copies answering one of our mails. */
function repliesIn(state: OrgSnapshot, mails: TestMail[]) {
	const ids = new Set(mails.map((mail) => mail.messageId));
	return (state.mailboxes[MAILBOX] ?? []).filter(
		(message) => message.fid === SENT && ids.has(message.inReplyTo),
	);
}

export function customerServiceCase(): ActiveCase {
	let mails: TestMail[] = [];
	return {
		example: 'customer-service-auto-reply',

		async cause(ctx) {
			mails = testMails(ctx.domain);
			for (const [index, mail] of mails.entries()) {
				const messageId = `<e2e-customer-${index}.${Date.now()}@e2e.example>`;
				ctx.suite.sandbox.control.deliverMail({
					to: MAILBOX,
					from: mail.from,
					subject: mail.subject,
					text: `Test mail ${index}: ${mail.subject}`,
					messageId,
				});
				mail.messageId = messageId;
			}
		},

		async verify(ctx) {
			const customers = mails.filter((mail) => mail.customer);
			const reacted = await ctx.suite.check(
				`customer-service-auto-reply: the trigger emitted each of the ${mails.length} new mails once; the workflow replied to ${customers.length}`,
				async () => {
					const done = await reactions(
						ctx,
						'customer-service-auto-reply',
						`${mails.length} mails emitted by "New mail to service@"`,
						(runs) => allItems(runs, 'New mail to service@').length >= mails.length,
					);
					assertAllSucceeded(done);
					const emitted = allItems(done, 'New mail to service@').map((item) =>
						String(item.json.subject),
					);
					const twice = emitted.filter((subject, i) => emitted.indexOf(subject) !== i);
					assert(
						emitted.length === mails.length,
						`emitted ${emitted.length} items for ${mails.length} mails`,
					);
					assert(twice.length === 0, `emitted twice: ${twice.join(', ')}`);
					const replied = allItems(done, 'Reply with template').length;
					assert(replied === customers.length, `"Reply with template" output ${replied} items`);
					return `${done.length} execution(s), ${emitted.length} items in, ${replied} replies out`;
				},
			);
			if (!reacted) return;
			await ctx.suite.check(
				'customer-service-auto-reply: one reply per customer mail, in its thread, quoting its subject; none to the mailbox itself, an auto-reply, a bounce, a list or a no-reply sender',
				async () => {
					const replies = await until('a reply in service@ Sent for each customer mail', () => {
						const found = repliesIn(ctx.suite.state(), mails);
						return found.length >= customers.length ? found : undefined;
					});
					for (const mail of mails) {
						const answers = replies.filter((reply) => reply.inReplyTo === mail.messageId);
						if (!mail.customer) {
							assert(answers.length === 0, `"${mail.subject}" (from ${mail.from}) was answered`);
							continue;
						}
						assert(answers.length === 1, `"${mail.subject}" got ${answers.length} replies`);
						const [reply] = answers;
						assert(
							reply.to.length === 1 && reply.to[0].toLowerCase().includes(mail.customer),
							`the reply to "${mail.subject}" went to ${reply.to.join(', ')}`,
						);
						assert(reply.subject === `Re: ${mail.subject}`, `reply subject "${reply.subject}"`);
						assert(
							reply.text.includes(`“${mail.subject}”`) && reply.text.includes(`"${mail.subject}"`),
							`the reply to "${mail.subject}" does not quote its subject: ${reply.text.slice(0, 120)}`,
						);
					}
					const inside = customers.find((mail) => mail.customer?.endsWith(`@${ctx.domain}`));
					const local = inside?.customer?.split('@')[0] ?? '';
					const delivered = (ctx.suite.state().mailboxes[local] ?? []).filter(
						(message) => message.inReplyTo === inside?.messageId,
					);
					assert(delivered.length === 1, `${local}'s inbox holds ${delivered.length} replies`);
					return `${replies.length} replies (Sent of ${MAILBOX}@), one landed in ${local}'s inbox; ${mails.length - customers.length} mails unanswered as they should be`;
				},
			);
		},
	};
}
