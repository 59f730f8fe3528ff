import { accountAction } from './accountAction';

export const getAliases = accountAction({
	value: 'getAliases',
	name: 'Get Aliases',
	action: 'Get the aliases of an account',
	description: 'Get the alias addresses of an account',
	endpoint: 'account.aliases',
	output: ({ accountName, email }, data) => ({
		accountName,
		email,
		aliases: (data.alias as string[] | undefined) ?? (data.aliasList as string[] | undefined) ?? [],
	}),
});
