import { accountAction } from './accountAction';

export const restore = accountAction({
	operation: 'restore',
	endpoint: 'account.recover',
	applied: (account) => account !== undefined && Number(account.status) !== 2,
	output: ({ accountName, email }) => ({ accountName, email, restored: true }),
});
