import type { ApiContext } from '../transport';
import type { Department } from './departments';
import { createDepartment, getDepartments } from './departments';

/**
 * The department at a path such as 研发中心/后端组: each missing level is created, existing ones are
 * reused. Returns the last level and the paths this call created.
 */
export async function ensureDepartmentPath(
	this: ApiContext,
	domain: string,
	names: string[],
	itemIndex: number,
): Promise<{ department: Department; createdPaths: string[] }> {
	const directory = await getDepartments.call(this, domain, itemIndex);
	const createdPaths: string[] = [];
	let parent = null as Department | null;
	for (const name of names) {
		const existing: Department | undefined = directory
			.children(parent?.id ?? null)
			.find((child) => child.name === name);
		// Below a level this call created, nothing can exist yet in the directory read before it.
		if (existing && createdPaths.length === 0) {
			parent = existing;
			continue;
		}
		const { department, created } = await createDepartment.call(
			this,
			domain,
			name,
			parent,
			'',
			itemIndex,
			true,
		);
		if (created) createdPaths.push(department.path);
		parent = department;
	}
	return { department: parent!, createdPaths };
}
