import { accountAction } from './accountAction';

export const suspend = accountAction({
	value: 'suspend',
	name: 'Suspend',
	action: 'Suspend an account',
	description: 'Freeze an account; Unsuspend lets it log in again',
	endpoint: 'account.suspend',
	applied: (account) => Number(account?.status) === 1,
	output: ({ accountName, email }) => ({ accountName, email, status: 'suspended' }),
});
