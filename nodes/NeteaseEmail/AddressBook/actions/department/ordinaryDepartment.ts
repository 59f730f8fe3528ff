import type { Department } from '../../../shared/directory/departments';
import { departmentParam } from '../../../shared/directory/departments';
import type { Item } from '../../../shared/framework/item';
import type { ApiContext } from '../../../shared/transport';

/** The department chosen in `name`, refused when it is the virtual default department. */
export async function ordinaryDepartmentParam(
	this: ApiContext,
	item: Item,
	name: string,
	domain: string,
	verb: 'deleted' | 'moved' | 'renamed',
): Promise<Department> {
	const department = await departmentParam.call(this, item, name, domain);
	if (department.isDefault) {
		throw item
			.field(name)
			.invalid('is the default department', `The default department cannot be ${verb}.`);
	}
	return department;
}
