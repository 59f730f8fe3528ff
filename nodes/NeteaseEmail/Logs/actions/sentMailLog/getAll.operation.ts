import { mailLogGetAll } from '../../helpers/mailLog';

export const getAll = mailLogGetAll({
	key: 'log.sentMail',
	kind: 'sent',
	action: 'Get many sent mail log entries',
	description: 'List the mail that mailboxes of the domain sent in a time range, newest first',
	defaultStatus: 'rejected',
	statuses: [
		{ name: 'Deferred', value: 'deferred', description: 'Not delivered yet; delivery is retried' },
		{ name: 'Delivered', value: 'delivered', description: 'Accepted by the recipient servers' },
		{ name: 'Rejected', value: 'rejected', description: 'Refused; will not be delivered' },
	],
});
