import { accountAction } from './accountAction';

export const getMobile = accountAction({
	value: 'getMobile',
	name: 'Get Mobile',
	action: 'Get the mobile number of an account',
	description: 'Get the mobile number bound to an account',
	endpoint: 'mobile.get',
	output: ({ accountName, email }, data) => ({ accountName, email, mobile: data.mobile ?? '' }),
});
