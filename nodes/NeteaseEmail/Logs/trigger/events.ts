import type { INodePropertyOptions } from 'n8n-workflow';

export type LogEvent = 'newAdminOperation' | 'newLogin' | 'newReceivedMail' | 'newSentMail';

export const EVENTS: INodePropertyOptions[] = [
	{
		name: 'New Admin Operation',
		value: 'newAdminOperation',
		description:
			'An administrator or an app changed something: accounts, departments, lists, settings…',
	},
	{
		name: 'New Login',
		value: 'newLogin',
		description: 'A login to webmail or from a mail program, optionally only suspicious ones',
	},
	{
		name: 'New Received Mail',
		value: 'newReceivedMail',
		description: 'A mail reached a mailbox of the domain',
	},
	{
		name: 'New Sent Mail',
		value: 'newSentMail',
		description: 'A mailbox of the domain sent a mail',
	},
];

export const CHANNELS: INodePropertyOptions[] = [
	{
		name: 'Both',
		value: 'both',
		description: 'Web and mail-program logins: two calls per poll',
	},
	{
		name: 'Client (IMAP, POP, SMTP)',
		value: 'client',
		description: 'Logins of mail programs such as Outlook or Foxmail',
	},
	{
		name: 'Web',
		value: 'web',
		description: 'Logins to webmail: by password, single sign-on or the mobile app',
	},
];

export type Channel = 'web' | 'client' | 'both';
