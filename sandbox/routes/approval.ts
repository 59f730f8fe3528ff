import { paramError } from '../envelope';
import { optionalChoice, optionalOneOf, optionalString, requiredString } from '../params';
import { APPROVAL_SCOPES, type ApprovalScope } from '../rules';
import type { MailApproval } from '../state';
import { activeAccountAddress, existingUnit, requireDomain } from './lookup';
import type { RouteContext, RouteTable } from './route';

/** The unit named by `unitId` (`"default"` accepted; unknown → UNIT.NOTEXIST) and its approval setting. */
function approvalOf(ctx: RouteContext): MailApproval {
	requireDomain(ctx);
	const { state } = ctx.rt;
	const unit = existingUnit(state, requiredString(ctx.body, 'unitId').trim());
	return (
		state.mailApprovals.get(unit.unitId) ?? {
			unitId: unit.unitId,
			enabled: 0,
			approver: '',
			scope: 'external',
		}
	);
}

/**
 * Department-level mail approval: inferred paths (not publicly documented, reference §11). Stored
 * only; mail is never held for approval in the sandbox.
 */
export const approvalRoutes: RouteTable = {
	'/api/open/unit/getMailApproval': (ctx) => ({ ...approvalOf(ctx) }),

	/**
	 * Only the parameters present change. `approver` (an active account's local part or address of the
	 * domain, stored as the address; `""` clears it) is required once the merged setting is enabled.
	 */
	'/api/open/unit/updateMailApproval': (ctx) => {
		const { state } = ctx.rt;
		const current = approvalOf(ctx);
		const enabled = optionalChoice(ctx.body, 'enabled', [0, 1] as const);
		const approverParam = optionalString(ctx.body, 'approver')?.trim();
		const approver =
			approverParam === undefined || approverParam === ''
				? approverParam
				: activeAccountAddress(state, approverParam, 'approver');
		const scope = optionalOneOf<ApprovalScope>(ctx.body, 'scope', APPROVAL_SCOPES);
		const next: MailApproval = {
			unitId: current.unitId,
			enabled: enabled ?? current.enabled,
			approver: approver ?? current.approver,
			scope: scope ?? current.scope,
		};
		if (next.enabled === 1 && next.approver === '') throw paramError('approver');
		state.mailApprovals.set(next.unitId, next);
		return null;
	},
};
