/**
 * welcome-on-onboarding: an account created in 研发中心/后端组 through the platform API leads to
 * exactly one welcome mail from hr@ to the department's manager (li.na, from the example's
 * mapping of 研发中心), whose link signs in to the new mailbox.
 */
import { DEMO_PASSWORD } from '../../../sandbox';
import { assert } from '../report';
import type { ActiveCase, ActiveContext } from './context';
import { assertAllSucceeded, firstUrl, openLoginLink, reactions, until } from './context';
import { allItems } from './executions';

/** The mailbox the example sends from; the suite creates it before the trigger is activated. */
export const SENDER = 'hr';
const NEWCOMER = { accountName: 'sun.li', name: '孙立' };
const DEPARTMENT = ['研发中心', '后端组'];
const MANAGER = 'li.na';

function unitIdOf(ctx: ActiveContext, path: string[]): string {
	let parent = '';
	let unitId = '';
	for (const name of path) {
		const unit = ctx.suite
			.state()
			.units.find((u) => u.unitName === name && (parent === '' || u.unitParentId === parent));
		assert(unit, `the sandbox has no department ${path.join('/')}`);
		unitId = unit.unitId;
		parent = unit.unitId;
	}
	return unitId;
}

/** Creates the sender mailbox unless it exists (before the workflows are activated). */
export async function ensureSender(ctx: Pick<ActiveContext, 'suite' | 'driver'>): Promise<boolean> {
	if (ctx.suite.state().accounts.some((account) => account.accountName === SENDER)) return false;
	await ctx.driver.call('/api/open/account/createAccount', {
		accountName: SENDER,
		name: '人力资源部',
		password: DEMO_PASSWORD,
		passType: 0,
		passChangeFirstLogin: 0,
		visibleInAddr: 1,
	});
	return true;
}

export function onboardingCase(): ActiveCase {
	return {
		example: 'welcome-on-onboarding',

		async cause(ctx) {
			await ctx.driver.call('/api/open/account/createAccount', {
				...NEWCOMER,
				password: DEMO_PASSWORD,
				passType: 0,
				passChangeFirstLogin: 1,
				visibleInAddr: 1,
				unitId: unitIdOf(ctx, DEPARTMENT),
			});
		},

		async verify(ctx) {
			const newcomer = `${NEWCOMER.accountName}@${ctx.domain}`;
			const sender = `${SENDER}@${ctx.domain}`;
			await ctx.suite.check(
				`welcome-on-onboarding: ${newcomer} created in ${DEPARTMENT.join('/')} → one execution, one welcome mail sent to ${MANAGER}@`,
				async () => {
					const done = await reactions(
						ctx,
						'welcome-on-onboarding',
						'a welcome mail sent',
						(runs) => allItems(runs, 'Welcome mail to the manager').length >= 1,
					);
					assertAllSucceeded(done);
					const created = allItems(done, 'Account created').map((item) => item.json);
					assert(
						created.length === 1 &&
							created[0].email === newcomer &&
							created[0].event === 'accountCreated',
						`"Account created" emitted ${JSON.stringify(created.map((c) => c.email))}`,
					);
					const picked = allItems(done, 'Pick manager').map((item) => item.json.manager);
					assert(
						JSON.stringify(picked) === JSON.stringify([`${MANAGER}@${ctx.domain}`]),
						`"Pick manager" chose ${JSON.stringify(picked)}`,
					);
					return `${done.length} execution, department ${String(allItems(done, 'Pick manager')[0].json.department)}`;
				},
			);
			await ctx.suite.check(
				`welcome-on-onboarding: exactly one welcome mail in ${MANAGER}'s inbox, from ${sender}, whose link signs in to ${newcomer}`,
				async () => {
					const welcome = (state = ctx.suite.state()) =>
						(state.mailboxes[MANAGER] ?? []).filter(
							(message) => message.from.includes(sender) && message.subject.includes(NEWCOMER.name),
						);
					const [mail] = await until('the welcome mail in the inbox', () => {
						const found = welcome();
						return found.length > 0 ? found : undefined;
					});
					assert(welcome().length === 1, `${welcome().length} welcome mails`);
					assert(mail.text.includes(newcomer), `the mail does not name ${newcomer}`);
					const url = firstUrl(mail.text);
					assert(url, 'the welcome mail holds no link');
					const signedIn = await openLoginLink(url);
					assert(signedIn === newcomer, `the link signs in ${signedIn}`);
					return `"${mail.subject}"; its link opened ${newcomer}'s mailbox (200)`;
				},
			);
		},
	};
}
