import { businessError, paramError } from '../envelope';
import {
	optionalBoolean,
	optionalString,
	paginate,
	paging,
	requiredInteger,
	requiredString,
} from '../params';
import { unitChanged } from '../orgEvents';
import { UNIT_NAME_MAX_LENGTH } from '../rules';
import type { OrgState } from '../state';
import { existingUnit, ordinaryUnit, parentUnitId, requireDomain } from './lookup';
import type { RouteTable } from './route';

function checkNameFree(state: OrgState, parentId: string, unitName: string, except?: string): void {
	const clash = state
		.childUnits(parentId)
		.some((unit) => unit.unitName === unitName && unit.unitId !== except);
	if (clash) throw businessError('UNIT.EXIST');
}

export const unitRoutes: RouteTable = {
	/** Flat, not paged: the default department first, then units in creation order. */
	'/api/open/unit/getUnitList': (ctx) => {
		requireDomain(ctx);
		return [...ctx.rt.state.units.values()].map((unit) => ctx.rt.state.unitView(unit));
	},

	'/api/open/unit/createUnit': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const unitName = requiredString(ctx.body, 'unitName').trim();
		if (unitName.length > UNIT_NAME_MAX_LENGTH) throw paramError('unitName');
		const unitDesc = optionalString(ctx.body, 'unitDesc') ?? '';
		const parentId = parentUnitId(state, optionalString(ctx.body, 'parentId'), 'parentId');
		checkNameFree(state, parentId, unitName);
		const unit = state.createUnit(unitName, unitDesc, parentId);
		unitChanged(ctx.rt, 'ADD', unit);
		return { unitId: unit.unitId };
	},

	/** New parent in `unitParentId` (or LDAP's `parentId: "root"`); one of them must be present. */
	'/api/open/unit/moveUnit': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const unit = ordinaryUnit(state, ctx.body);
		const unitParentId = optionalString(ctx.body, 'unitParentId');
		const parentId = optionalString(ctx.body, 'parentId');
		if (unitParentId === undefined && parentId === undefined) throw paramError('unitParentId');
		const target = parentUnitId(state, unitParentId || parentId, 'unitParentId');
		if (state.subtreeIds(unit.unitId).has(target)) throw businessError('UNIT.MOVEERROR');
		checkNameFree(state, target, unit.unitName, unit.unitId);
		unit.unitParentId = target;
		unitChanged(ctx.rt, 'UPDATE', unit);
		return { unitId: unit.unitId };
	},

	/**
	 * Inferred path (not publicly documented, reference §11): renames or re-describes an ordinary
	 * unit; only the fields present change, at least one is required.
	 */
	'/api/open/unit/updateUnit': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const unit = ordinaryUnit(state, ctx.body);
		const unitName = optionalString(ctx.body, 'unitName')?.trim();
		const unitDesc = optionalString(ctx.body, 'unitDesc');
		if (unitName === undefined && unitDesc === undefined) throw paramError('unitName');
		if (unitName !== undefined) {
			if (unitName === '' || unitName.length > UNIT_NAME_MAX_LENGTH) throw paramError('unitName');
			checkNameFree(state, unit.unitParentId, unitName, unit.unitId);
			unit.unitName = unitName;
		}
		if (unitDesc !== undefined) unit.unitDesc = unitDesc;
		unitChanged(ctx.rt, 'UPDATE', unit);
		return { unitId: unit.unitId };
	},

	'/api/open/unit/deleteUnit': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const unit = ordinaryUnit(state, ctx.body);
		if (state.childUnits(unit.unitId).length > 0) throw businessError('UNIT.HASCHILD');
		if (state.accountsInUnits(new Set([unit.unitId])).length > 0)
			throw businessError('UNIT.HASACCOUNT');
		state.units.delete(unit.unitId);
		state.forgetUnitInViewScopes(unit.unitId);
		state.mailApprovals.delete(unit.unitId);
		unitChanged(ctx.rt, 'DELETE', unit);
		return null;
	},

	'/api/open/unit/updateUnitRank': (ctx) => {
		requireDomain(ctx);
		const unit = ordinaryUnit(ctx.rt.state, ctx.body);
		const rank = requiredInteger(ctx.body, 'rank');
		if (rank < 1) throw paramError('rank');
		unit.rank = rank;
		unitChanged(ctx.rt, 'UPDATE', unit);
		return null;
	},

	/** Whole domain, or one unit (with `recursion`, its sub-units too); soft-deleted accounts are left out. */
	'/api/open/unit/getAccountList': (ctx) => {
		requireDomain(ctx);
		const { state } = ctx.rt;
		const unitId = optionalString(ctx.body, 'unitId');
		const recursion = optionalBoolean(ctx.body, 'recursion') ?? false;
		const page = paging(ctx.body);
		// Only the page's accounts are turned into views: viewing all 20,000 for every page of 100
		// took ~150 ms a page.
		let listed = state.listedAccounts();
		if (unitId) {
			const unit = existingUnit(state, unitId);
			const scope = recursion ? state.subtreeIds(unit.unitId) : new Set([unit.unitId]);
			listed = listed.filter((account) => scope.has(account.unitId));
		}
		const { list, count } = paginate(listed, page);
		return { list: list.map((account) => state.accountView(account)), count };
	},
};
