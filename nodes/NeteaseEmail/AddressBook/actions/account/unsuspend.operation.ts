import { accountAction } from './accountAction';

export const unsuspend = accountAction({
	value: 'unsuspend',
	name: 'Unsuspend',
	action: 'Unsuspend an account',
	description: 'Let a suspended account log in again',
	endpoint: 'account.resume',
	output: ({ accountName, email }) => ({ accountName, email, status: 'normal' }),
});
