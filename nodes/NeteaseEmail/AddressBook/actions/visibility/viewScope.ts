import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import { departmentParam, getDepartments } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest, defaultDomain } from '../../../shared/transport';

/** The platform's scopes: the whole address book, the target's own department and below, a list. */
export type ScopeKind = 'all' | 'ownUnit' | 'units';

/** Whose view is meant: a department (`unit` on the wire) or a role such as `employee`. */
export interface ScopeTarget {
	domain: string;
	targetType: 'department' | 'role';
	targetId: string;
	/** The department's path, for department targets. */
	targetPath?: string;
}

export interface Scope {
	viewScope: ScopeKind;
	viewUnitIds: string[];
}

export const targetProperties: INodeProperties[] = [
	{
		displayName: 'Target Type',
		name: 'targetType',
		type: 'options',
		default: 'department',
		options: [
			{ name: 'Department', value: 'department', description: 'The members of a department' },
			{ name: 'Role', value: 'role', description: 'Every account holding a role' },
		],
	},
	departmentLocator({
		description: 'The department whose view of the address book is meant',
		displayOptions: { show: { targetType: ['department'] } },
	}),
	{
		displayName: 'Role ID',
		name: 'role',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. employee',
		description: 'The role whose view of the address book is meant',
		displayOptions: { show: { targetType: ['role'] } },
	},
];

/** Reads Target Type and the department or role it names. */
export async function readTarget(this: ApiContext, item: Item): Promise<ScopeTarget> {
	const domain = await defaultDomain.call(this);
	if (item.param('targetType') === 'role') {
		return { domain, targetType: 'role', targetId: item.text('role', 128) };
	}
	const department = await departmentParam.call(this, item, 'department', domain);
	return {
		domain,
		targetType: 'department',
		targetId: department.id,
		targetPath: department.path,
	};
}

function wireTarget({ domain, targetType, targetId }: ScopeTarget): IDataObject {
	return { domain, targetType: targetType === 'role' ? 'role' : 'unit', targetId };
}

export async function readScope(
	this: ApiContext,
	target: ScopeTarget,
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
	target: ScopeTarget,
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
	target: ScopeTarget,
	scope: Scope,
	itemIndex: number,
): Promise<IDataObject> {
	const departments =
		scope.viewUnitIds.length > 0
			? await getDepartments.call(this, target.domain, itemIndex)
			: undefined;
	return {
		targetType: target.targetType,
		targetId: target.targetId,
		...(target.targetPath === undefined ? {} : { targetPath: target.targetPath }),
		viewScope: scope.viewScope,
		viewDepartments: scope.viewUnitIds.map((id) => ({
			id,
			path: departments?.get(id)?.path ?? null,
		})),
	};
}
