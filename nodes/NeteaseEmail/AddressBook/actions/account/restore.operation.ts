import { DELETED_STATUS } from '../../../shared/directory/accounts';
import { accountAction } from './accountAction';

export const restore = accountAction({
	value: 'restore',
	name: 'Restore',
	action: 'Restore an account',
	description: 'Bring back a deleted account',
	endpoint: 'account.recover',
	applies: (before) => Number(before?.status) === DELETED_STATUS,
	applied: (account) => account !== undefined && Number(account.status) !== DELETED_STATUS,
	output: ({ accountName, email }) => ({ accountName, email, restored: true }),
});
