import type { Endpoint } from './endpoint';
import { IDEMPOTENT, INFERRED, read, write } from './endpoint';

const SETTING = { ...INFERRED, ...IDEMPOTENT };

/** The functional configuration module (reference §6.11 and §11). */
export const SETTINGS_ENDPOINTS = {
	'mailAccount.get': read('/api/open/mailaccount/getMailAccount'),
	'mailAccount.updateRsLimit': write('/api/open/mailaccount/updateRsLimit', IDEMPOTENT),
	'limits.get': read('/api/open/mailaccount/getMailLimits', INFERRED),
	'limits.update': write('/api/open/mailaccount/updateMailLimits', SETTING),
	'secondFactor.get': read('/api/open/mailaccount/getSecondFactor', INFERRED),
	'secondFactor.update': write('/api/open/mailaccount/updateSecondFactor', SETTING),
	'ipLimit.get': read('/api/open/mailaccount/getIpLimit', INFERRED),
	'ipLimit.update': write('/api/open/mailaccount/updateIpLimit', SETTING),
	'signature.get': read('/api/open/mailaccount/getSignature', INFERRED),
	'signature.update': write('/api/open/mailaccount/updateSignature', SETTING),
	'autoReply.get': read('/api/open/mailaccount/getAutoReply', INFERRED),
	'autoReply.update': write('/api/open/mailaccount/updateAutoReply', SETTING),
	'forward.get': read('/api/open/mailaccount/getForward', INFERRED),
	'forward.update': write('/api/open/mailaccount/updateForward', SETTING),
	'senderList.get': read('/api/open/mailaccount/getSenderList', INFERRED),
	'senderList.add': write('/api/open/mailaccount/addSenderList', SETTING),
	'senderList.remove': write('/api/open/mailaccount/deleteSenderList', SETTING),
	'approval.get': read('/api/open/unit/getMailApproval', INFERRED),
	'approval.update': write('/api/open/unit/updateMailApproval', SETTING),
	'archive.list': read('/api/open/archive/getRuleList', INFERRED),
	'archive.create': write('/api/open/archive/createRule', INFERRED),
	'archive.delete': write('/api/open/archive/deleteRule', INFERRED),
} satisfies Record<string, Endpoint>;
