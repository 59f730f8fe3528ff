import type { IDataObject } from 'n8n-workflow';

import { getDepartments } from '../../../shared/directory/departments';
import type { Target } from '../../../shared/directory/targets';
import { targetOutput, wireTarget } from '../../../shared/directory/targets';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest } from '../../../shared/transport';

/** The platform's scopes: the whole address book, the target's own department and below, a list. */
export type ScopeKind = 'all' | 'ownUnit' | 'units';

export interface Scope {
	viewScope: ScopeKind;
	viewUnitIds: string[];
}

export async function readScope(
	this: ApiContext,
	target: Target,
	itemIndex: number,
): Promise<Scope> {
	const data = await apiRequest.call(this, 'viewScope.get', wireTarget(target), { itemIndex });
	const ids = Array.isArray(data?.viewUnitIds) ? (data.viewUnitIds as unknown[]) : [];
	return {
		viewScope: (data?.viewScope as ScopeKind | undefined) ?? 'all',
		viewUnitIds: ids.map(String),
	};
}

export async function writeScope(
	this: ApiContext,
	target: Target,
	{ viewScope, viewUnitIds }: Scope,
	itemIndex: number,
): Promise<void> {
	const body: IDataObject = { ...wireTarget(target), viewScope };
	if (viewScope === 'units') body.viewUnitIds = viewUnitIds;
	await apiRequest.call(this, 'viewScope.update', body, { itemIndex });
}

export function sameScope(a: Scope, b: Scope): boolean {
	if (a.viewScope !== b.viewScope) return false;
	if (a.viewScope !== 'units') return true;
	const ids = new Set(a.viewUnitIds);
	return ids.size === new Set(b.viewUnitIds).size && b.viewUnitIds.every((id) => ids.has(id));
}

/** The simplified output: who, which scope, and the departments of a list with their paths. */
export async function scopeOutput(
	this: ApiContext,
	target: Target,
	scope: Scope,
	itemIndex: number,
): Promise<IDataObject> {
	const departments =
		scope.viewUnitIds.length > 0
			? await getDepartments.call(this, target.domain, itemIndex)
			: undefined;
	return {
		...targetOutput(target),
		viewScope: scope.viewScope,
		viewDepartments: scope.viewUnitIds.map((id) => ({
			id,
			path: departments?.get(id)?.path ?? null,
		})),
	};
}
