import { mailLogGetAll } from '../../helpers/mailLog';

export const getAll = mailLogGetAll({
	key: 'log.receivedMail',
	kind: 'received',
	action: 'Get many received mail log entries',
	description: 'List the mail that reached mailboxes of the domain in a time range, newest first',
	defaultStatus: 'spam',
	statuses: [
		{ name: 'Delivered', value: 'delivered', description: 'Delivered to the inbox' },
		{ name: 'Spam', value: 'spam', description: 'Delivered to the spam folder' },
	],
});
