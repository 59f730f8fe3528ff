import { accountAction } from './accountAction';

export const getAliases = accountAction({
	operation: 'getAliases',
	endpoint: 'account.aliases',
	output: ({ accountName, email }, data) => ({
		accountName,
		email,
		aliases: (data.alias as string[] | undefined) ?? (data.aliasList as string[] | undefined) ?? [],
	}),
});
