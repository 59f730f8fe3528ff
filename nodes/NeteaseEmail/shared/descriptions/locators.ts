import type { INodeProperties } from 'n8n-workflow';

export function departmentLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Department',
		name: 'department',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDepartments', searchable: true },
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: 'e.g. 研发中心/后端组',
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 590584007076600',
			},
		],
		...overrides,
	};
}

export function accountLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Account',
		name: 'account',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchAccounts', searchable: true },
			},
			{
				displayName: 'By Address',
				name: 'address',
				type: 'string',
				placeholder: 'e.g. zhang.san@example.com or zhang.san',
			},
		],
		...overrides,
	};
}
