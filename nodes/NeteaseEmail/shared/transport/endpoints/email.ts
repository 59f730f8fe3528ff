import type { Endpoint } from './endpoint';
import { IDEMPOTENT, INFERRED, read, write } from './endpoint';

/** The email module (reference §6.9, §6.12, §7.4 and §11). */
export const EMAIL_ENDPOINTS = {
	'mailbox.unread': read('/api/open/mailbox/getUnreadMsg'),
	'mailbox.listMessages': read('/api/open/mailbox/listMessages'),
	'mailbox.folders': read('/api/open/mailbox/getFolders', INFERRED),
	'mailbox.handOver': write('/api/open/account/handOverMail', INFERRED),
	'mailbox.handOverStatus': read('/api/open/account/getHandOverStatus', INFERRED),

	'message.send': write('/api/open/mail/sendMail', { ...INFERRED, body: 'upload' }),
	'message.get': read('/api/open/mailbox/getMessage', INFERRED),
	'message.attachment': read('/api/open/mailbox/getAttachment', INFERRED),
	'message.recall': write('/api/open/mail/recallMail', { ...INFERRED, ...IDEMPOTENT }),
	'message.markRead': write('/api/open/mailbox/markMessages', { ...INFERRED, ...IDEMPOTENT }),
	'message.move': write('/api/open/mailbox/moveMessages', { ...INFERRED, ...IDEMPOTENT }),
	'message.delete': write('/api/open/mailbox/deleteMessages', INFERRED),

	'subscription.register': write('/api/open/push/addDynamicSubscribe', IDEMPOTENT),
	'subscription.get': read('/api/open/push/getDynamicSubscribe'),
	'subscription.subscribeMailbox': write('/api/open/push/addPushMailSubscribe', IDEMPOTENT),
	// No public source documents a way to remove a subscription (§7.4): path and body are inferred.
	'subscription.remove': write('/api/open/push/deleteDynamicSubscribe', {
		...INFERRED,
		...IDEMPOTENT,
	}),
} satisfies Record<string, Endpoint>;
