import { accountAction } from './accountAction';

export const getMobile = accountAction({
	operation: 'getMobile',
	endpoint: 'mobile.get',
	output: ({ accountName, email }, data) => ({ accountName, email, mobile: data.mobile ?? '' }),
});
