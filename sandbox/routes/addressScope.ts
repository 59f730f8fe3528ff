import { paramError } from '../envelope';
import { optionalList, requiredString, type Params } from '../params';
import {
	VIEW_SCOPE_TARGET_TYPES,
	VIEW_SCOPES,
	viewScopeKey,
	type OrgState,
	type ViewScopeKind,
	type ViewScopeTargetType,
} from '../state';
import { existingUnit, requireDomain } from './lookup';
import type { RouteTable } from './route';

function oneOf<T extends string>(params: Params, name: string, allowed: readonly T[]): T {
	const value = requiredString(params, name);
	if (!(allowed as readonly string[]).includes(value)) throw paramError(name);
	return value as T;
}

/** `targetType` `unit` (an existing unitId, `"default"` accepted) or `role` (any non-empty id). */
function target(
	state: OrgState,
	params: Params,
): { targetType: ViewScopeTargetType; targetId: string } {
	const targetType = oneOf(params, 'targetType', VIEW_SCOPE_TARGET_TYPES);
	const targetId = requiredString(params, 'targetId').trim();
	return {
		targetType,
		targetId: targetType === 'unit' ? existingUnit(state, targetId).unitId : targetId,
	};
}

/**
 * Address-book view scope: which part of the address book a department or a role sees.
 * Inferred paths (not publicly documented, reference §11); a target never set sees `all`.
 */
export const addressScopeRoutes: RouteTable = {
	'/api/open/address/getViewScope': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const { targetType, targetId } = target(state, ctx.body);
		const scope = state.viewScopes.get(viewScopeKey(targetType, targetId));
		return {
			targetType,
			targetId,
			viewScope: scope?.viewScope ?? 'all',
			viewUnitIds: [...(scope?.viewUnitIds ?? [])],
		};
	},

	/** `viewUnitIds` (existing unitIds) is required with `units` and ignored otherwise. */
	'/api/open/address/updateViewScope': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const { targetType, targetId } = target(state, ctx.body);
		const viewScope = oneOf<ViewScopeKind>(ctx.body, 'viewScope', VIEW_SCOPES);
		let viewUnitIds: string[] = [];
		if (viewScope === 'units') {
			const ids = optionalList(ctx.body, 'viewUnitIds');
			if (!ids?.length) throw paramError('viewUnitIds');
			viewUnitIds = [...new Set(ids.map((unitId) => existingUnit(state, unitId).unitId))];
		}
		state.viewScopes.set(viewScopeKey(targetType, targetId), {
			targetType,
			targetId,
			viewScope,
			viewUnitIds,
		});
		return null;
	},
};
