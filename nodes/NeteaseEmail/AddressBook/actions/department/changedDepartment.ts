import type { IDataObject } from 'n8n-workflow';

import type { Department } from '../../../shared/directory/departments';
import {
	forgetDepartments,
	getDepartments,
	simplifyDepartment,
} from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { ApiContext } from '../../../shared/transport';

/** A department after a change, read back, in the shape every department operation outputs. */
export async function changedDepartment(
	this: ApiContext,
	domain: string,
	department: Department,
	item: Item,
): Promise<IDataObject> {
	forgetDepartments.call(this, domain);
	const changed = (await getDepartments.call(this, domain, item.index)).get(department.id);
	return simplifyDepartment(changed ?? department);
}
