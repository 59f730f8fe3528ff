import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { departmentLocator } from '../../../shared/descriptions/locators';
import type { Department } from '../../../shared/directory/departments';
import { departmentParam, getDepartments } from '../../../shared/directory/departments';
import { mapWithConcurrency } from '../../../shared/framework/concurrency';
import type { Item } from '../../../shared/framework/item';
import type { ApiContext } from '../../../shared/transport';
import { apiRequest, defaultDomain } from '../../../shared/transport';

/** Departments read or written at once. */
const DEPARTMENTS_AT_ONCE = 5;

/** A department's mail approval as outputs show it. */
export interface Approval extends IDataObject {
	enabled: boolean;
	/** The approving account's address, `null` when none is set. */
	approver: string | null;
	scope: string;
}

export const departmentProperties: INodeProperties[] = [
	departmentLocator({ description: 'The department whose outgoing mail is approved' }),
	{
		displayName: 'Include Sub-Departments',
		name: 'recursive',
		type: 'boolean',
		default: false,
		description: 'Whether the departments below it count too, each with its own setting',
	},
];

export interface Departments {
	domain: string;
	departments: Department[];
	/** One department: its failure is the item's; several: each gets its own item. */
	single: boolean;
}

export async function readDepartments(this: ApiContext, item: Item): Promise<Departments> {
	const domain = await defaultDomain.call(this);
	const department = await departmentParam.call(this, item, 'department', domain);
	if (item.param<boolean>('recursive') !== true) {
		return { domain, departments: [department], single: true };
	}
	const directory = await getDepartments.call(this, domain, item.index);
	return { domain, departments: directory.subtree(department.id), single: false };
}

export const departmentOf = (department: Department) => ({
	departmentId: department.id,
	departmentPath: department.path,
});

/** Runs `task` for each department; with several, a failed one becomes an item saying why. */
export async function forEachDepartment(
	{ departments, single }: Departments,
	task: (department: Department) => Promise<IDataObject>,
): Promise<IDataObject[]> {
	if (single) return [await task(departments[0])];
	const indexes = departments.map((_, index) => index);
	const results = await mapWithConcurrency(indexes, DEPARTMENTS_AT_ONCE, async (index) => {
		try {
			return await task(departments[index]);
		} catch (error) {
			const { message, description } = error as { message: string; description?: string };
			return {
				...departmentOf(departments[index]),
				outcome: 'failed',
				error: message,
				...(description ? { fix: description } : {}),
			};
		}
	});
	return indexes.map((index) => results.get(index)!);
}

export async function readApproval(
	this: ApiContext,
	domain: string,
	department: Department,
	itemIndex: number,
): Promise<Approval> {
	const body = { domain, unitId: department.id };
	const data = await apiRequest.call(this, 'approval.get', body, { itemIndex });
	const approver = String(data.approver ?? '').toLowerCase();
	return {
		enabled: Number(data.enabled) === 1,
		approver: approver || null,
		scope: String(data.scope || 'external'),
	};
}
