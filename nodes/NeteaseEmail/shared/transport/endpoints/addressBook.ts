import type { Endpoint } from './endpoint';
import { IDEMPOTENT, INFERRED, read, write } from './endpoint';

/** The address-book module (reference §6.2–§6.7 and §11). */
export const ADDRESS_BOOK_ENDPOINTS = {
	'unit.list': read('/api/open/unit/getUnitList'),
	'unit.create': write('/api/open/unit/createUnit'),
	'unit.update': write('/api/open/unit/updateUnit', { ...INFERRED, ...IDEMPOTENT }),
	'unit.move': write('/api/open/unit/moveUnit', IDEMPOTENT),
	'unit.delete': write('/api/open/unit/deleteUnit'),
	'unit.updateRank': write('/api/open/unit/updateUnitRank', IDEMPOTENT),
	'unit.accounts': read('/api/open/unit/getAccountList'),

	'account.get': read('/api/open/account/getAccount'),
	'account.create': write('/api/open/account/createAccount'),
	'account.update': write('/api/open/account/updateAccount', IDEMPOTENT),
	'account.updatePassword': write('/api/open/account/updatePassword', IDEMPOTENT),
	'account.updateLoginPermission': write('/api/open/account/updateAccountLoginPerm', IDEMPOTENT),
	'account.suspend': write('/api/open/account/suspendAccount'),
	'account.resume': write('/api/open/account/resumeAccount', { ...INFERRED, ...IDEMPOTENT }),
	'account.deleteRecoverable': write('/api/open/account/deleteAccountSim'),
	'account.deletePermanent': write('/api/open/account/deleteAccount'),
	'account.recover': write('/api/open/account/recoverAccount'),
	'account.moveUnit': write('/api/open/account/moveUnit', IDEMPOTENT),
	'account.findByJobNumber': read('/api/open/account/getAccountListByNicknameAndJobNo'),
	'account.aliases': read('/api/open/account/getAccountAliasList'),
	'account.addAlias': write('/api/open/account/addAccountAlias', { ...INFERRED, ...IDEMPOTENT }),
	'account.deleteAlias': write('/api/open/account/deleteAccountAlias', INFERRED),

	'mobile.bind': write('/api/open/mobile/addMobile', IDEMPOTENT),
	'mobile.get': read('/api/open/mobile/getMobile'),

	'mailList.create': write('/api/open/maillist/createMaillist', INFERRED),
	'mailList.get': read('/api/open/maillist/getMaillist', INFERRED),
	'mailList.list': read('/api/open/maillist/getMaillistList', INFERRED),
	'mailList.update': write('/api/open/maillist/updateMaillist', IDEMPOTENT),
	'mailList.addMembers': write('/api/open/maillist/addMaillistForwardList', IDEMPOTENT),
	'mailList.removeMembers': write('/api/open/maillist/deleteMaillistForwardList', {
		...INFERRED,
		...IDEMPOTENT,
	}),
	'mailList.delete': write('/api/open/maillist/deleteMaillist', INFERRED),

	'contact.create': write('/api/open/pubaddress/createPubAddress'),
	'contact.list': read('/api/open/pubaddress/getPubAddressList', INFERRED),
	'contact.update': write('/api/open/pubaddress/updatePubAddress', { ...INFERRED, ...IDEMPOTENT }),
	'contact.delete': write('/api/open/pubaddress/deletePubAddress'),
	'contactGroup.create': write('/api/open/pubaddress/createPubAddressGroup', INFERRED),
	'contactGroup.list': read('/api/open/pubaddress/getPubAddressGroupList', INFERRED),
	'contactGroup.update': write('/api/open/pubaddress/updatePubAddressGroup', {
		...INFERRED,
		...IDEMPOTENT,
	}),
	'contactGroup.delete': write('/api/open/pubaddress/deletePubAddressGroup', INFERRED),

	'viewScope.get': read('/api/open/address/getViewScope', INFERRED),
	'viewScope.update': write('/api/open/address/updateViewScope', { ...INFERRED, ...IDEMPOTENT }),

	'changes.maxRevision': read('/api/open/address/getMaxRevision'),
	'changes.revision': read('/api/open/address/getRevisionData'),
} satisfies Record<string, Endpoint>;
