import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import { bindMobile } from './bindMobile.operation';
import { create } from './create.operation';
import { remove } from './delete.operation';
import { findByJobNumber } from './findByJobNumber.operation';
import { get } from './get.operation';
import { getAliases } from './getAliases.operation';
import { getAll } from './getAll.operation';
import { getMobile } from './getMobile.operation';
import { move } from './move.operation';
import { restore } from './restore.operation';
import { setLoginPermissions } from './setLoginPermissions.operation';
import { suspend } from './suspend.operation';
import { update } from './update.operation';
import { updatePassword } from './updatePassword.operation';

export const operations: Record<string, Operation<unknown>> = {
	bindMobile,
	create,
	delete: remove,
	findByJobNumber,
	get,
	getAliases,
	getAll,
	getMobile,
	move,
	restore,
	setLoginPermissions,
	suspend,
	update,
	updatePassword,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Bind Mobile',
				value: 'bindMobile',
				description: 'Bind a mobile number to an account',
				action: 'Bind a mobile number to an account',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a mail account',
				action: 'Create an account',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an account (recoverable unless permanent)',
				action: 'Delete an account',
			},
			{
				name: 'Find by Job Number',
				value: 'findByJobNumber',
				description: 'Find accounts by employee number',
				action: 'Find accounts by job number',
			},
			{ name: 'Get', value: 'get', description: 'Get an account', action: 'Get an account' },
			{
				name: 'Get Aliases',
				value: 'getAliases',
				description: 'Get the alias addresses of an account',
				action: 'Get the aliases of an account',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List accounts, optionally of one department',
				action: 'Get many accounts',
			},
			{
				name: 'Get Mobile',
				value: 'getMobile',
				description: 'Get the mobile number bound to an account',
				action: 'Get the mobile number of an account',
			},
			{
				name: 'Move',
				value: 'move',
				description: 'Move an account to another department',
				action: 'Move an account',
			},
			{
				name: 'Restore',
				value: 'restore',
				description: 'Bring back a deleted account',
				action: 'Restore an account',
			},
			{
				name: 'Set Login Permissions',
				value: 'setLoginPermissions',
				description: 'Allow or deny web, IMAP, POP, SMTP and client logins',
				action: 'Set login permissions of an account',
			},
			{
				name: 'Suspend',
				value: 'suspend',
				description: 'Freeze an account',
				action: 'Suspend an account',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Update an account's details",
				action: 'Update an account',
			},
			{
				name: 'Update Password',
				value: 'updatePassword',
				description: 'Set a new password',
				action: 'Update the password of an account',
			},
		],
		default: 'get',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
