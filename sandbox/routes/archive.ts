import { businessError, paramError } from '../envelope';
import { optionalString, requiredString } from '../params';
import { ARCHIVE_RULE_NAME_MAX_LENGTH } from '../rules';
import type { ArchiveRule } from '../state';
import { formatChinaTime } from '../time';
import { activeAccountAddress, requireDomain } from './lookup';
import type { RouteTable } from './route';

const ruleView = (rule: ArchiveRule) => ({
	ruleId: rule.ruleId,
	name: rule.name,
	conditions: { ...rule.conditions },
	archiveMailbox: rule.archiveMailbox,
	createTime: formatChinaTime(rule.createTime),
});

/**
 * Mail-archiving rules: inferred paths (not publicly documented, reference §11). Stored only; no
 * mail is archived in the sandbox.
 */
export const archiveRoutes: RouteTable = {
	/** Not paged, creation order. */
	'/api/open/archive/getRuleList': (ctx) => {
		requireDomain(ctx);
		return [...ctx.rt.state.archiveRules.values()].map(ruleView);
	},

	/**
	 * `name` (1–64, unique); conditions `sender`, `recipient`, `conditionDomain` (the body's `domain` is
	 * the organisation's, so the domain condition travels under this name), `keyword` — at least one
	 * non-empty (-401 `conditions`); `archiveMailbox` an active account of the domain.
	 */
	'/api/open/archive/createRule': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const name = requiredString(ctx.body, 'name').trim();
		if (name.length > ARCHIVE_RULE_NAME_MAX_LENGTH) throw paramError('name');
		const condition = (param: string) => (optionalString(ctx.body, param) ?? '').trim();
		const conditions = {
			sender: condition('sender'),
			recipient: condition('recipient'),
			domain: condition('conditionDomain'),
			keyword: condition('keyword'),
		};
		if (Object.values(conditions).every((value) => value === '')) throw paramError('conditions');
		const archiveMailbox = activeAccountAddress(
			state,
			requiredString(ctx.body, 'archiveMailbox'),
			'archiveMailbox',
		);
		if ([...state.archiveRules.values()].some((rule) => rule.name === name))
			throw businessError('ARCHIVE.RULE.EXIST');
		const rule = state.addArchiveRule({
			name,
			conditions,
			archiveMailbox,
			createTime: ctx.rt.now(),
		});
		return { ruleId: rule.ruleId };
	},

	'/api/open/archive/deleteRule': (ctx) => {
		requireDomain(ctx);
		const { archiveRules } = ctx.rt.state;
		const ruleId = requiredString(ctx.body, 'ruleId').trim();
		if (!archiveRules.delete(ruleId)) throw businessError('ARCHIVE.RULE.NOTEXIST');
		return null;
	},
};
