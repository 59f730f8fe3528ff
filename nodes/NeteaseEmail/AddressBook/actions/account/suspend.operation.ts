import { accountAction } from './accountAction';

export const suspend = accountAction({
	operation: 'suspend',
	endpoint: 'account.suspend',
	applied: (account) => Number(account?.status) === 1,
	output: ({ accountName, email }) => ({ accountName, email, status: 'suspended' }),
});
