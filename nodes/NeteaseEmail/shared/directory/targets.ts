import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { departmentLocator } from '../descriptions/locators';
import type { Item } from '../framework/item';
import { checkCharacters, validateChoice } from '../helpers/validation';
import type { ApiContext } from '../transport';
import { defaultDomain } from '../transport';
import { departmentParam } from './departments';

/** Who a policy is for: a department (`unit` on the wire) or a role such as `employee`. */
export interface Target {
	domain: string;
	targetType: 'department' | 'role';
	targetId: string;
	/** The department's path, for department targets. */
	targetPath?: string;
}

const TARGET_TYPES = [
	{ name: 'Department', value: 'department', description: 'The members of a department' },
	{ name: 'Role', value: 'role', description: 'Every account holding a role' },
];

/** A role's ID as the platform names roles, e.g. employee. */
const ROLE_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Target Type, then the department or the role; `what` completes "The department whose …". */
export function targetProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Target Type',
			name: 'targetType',
			type: 'options',
			default: 'department',
			options: TARGET_TYPES,
		},
		departmentLocator({
			description: `The department whose ${what} is meant`,
			displayOptions: { show: { targetType: ['department'] } },
		}),
		{
			displayName: 'Role ID',
			name: 'role',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. employee',
			description: `The role whose ${what} is meant`,
			displayOptions: { show: { targetType: ['role'] } },
		},
	];
}

function roleIdOf(item: Item): string {
	const field = item.field('role');
	const role = checkCharacters(field, item.text('role', 128), 'identifier');
	if (!ROLE_ID.test(role)) {
		throw field.invalid(
			`"${role}" is not a role ID`,
			'Give the role\'s ID as the platform names it, e.g. employee: letters, digits, ".", "_", ":" or "-".',
		);
	}
	return role;
}

/** Reads Target Type and the department or role it names. */
export async function readTarget(this: ApiContext, item: Item): Promise<Target> {
	const domain = await defaultDomain.call(this);
	const targetType = validateChoice(
		item.field('targetType'),
		item.param('targetType'),
		TARGET_TYPES,
	);
	if (targetType === 'role') return { domain, targetType: 'role', targetId: roleIdOf(item) };
	const department = await departmentParam.call(this, item, 'department', domain);
	return { domain, targetType: 'department', targetId: department.id, targetPath: department.path };
}

/** The target as the platform's policy calls take it. */
export function wireTarget({ domain, targetType, targetId }: Target): IDataObject {
	return { domain, targetType: targetType === 'role' ? 'role' : 'unit', targetId };
}

/** The target as outputs show it. */
export function targetOutput({ targetType, targetId, targetPath }: Target): IDataObject {
	return { targetType, targetId, ...(targetPath === undefined ? {} : { targetPath }) };
}
