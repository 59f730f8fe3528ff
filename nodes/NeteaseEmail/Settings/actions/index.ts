import type { Resource } from '../../shared/framework/resource';
import { archiveRule } from './archiveRule';
import { autoReply } from './autoReply';
import { forwarding } from './forwarding';
import { ipLoginRestriction } from './ipLoginRestriction';
import { loginPermissions } from './loginPermissions';
import { mailApproval } from './mailApproval';
import { mailboxLimits } from './mailboxLimits';
import { senderList } from './senderList';
import { sendReceiveRestriction } from './sendReceiveRestriction';
import { signature } from './signature';
import { twoFactor } from './twoFactor';

/** The settings module's resources; the first is the one a new node starts on. */
export const resources: Resource[] = [
	mailboxLimits,
	sendReceiveRestriction,
	loginPermissions,
	twoFactor,
	ipLoginRestriction,
	signature,
	autoReply,
	forwarding,
	senderList,
	mailApproval,
	archiveRule,
];
