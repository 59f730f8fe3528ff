import type { INode, INodeProperties } from 'n8n-workflow';

import { resources as addressBook } from '../../nodes/NeteaseEmail/AddressBook/actions';
import { NeteaseEmailAddressBook } from '../../nodes/NeteaseEmail/AddressBook/NeteaseEmailAddressBook.node';
import { resources as email } from '../../nodes/NeteaseEmail/Email/actions';
import { NeteaseEmail } from '../../nodes/NeteaseEmail/Email/NeteaseEmail.node';
import { resources as logs } from '../../nodes/NeteaseEmail/Logs/actions';
import { NeteaseEmailLogs } from '../../nodes/NeteaseEmail/Logs/NeteaseEmailLogs.node';
import { resources as settings } from '../../nodes/NeteaseEmail/Settings/actions';
import { NeteaseEmailSettings } from '../../nodes/NeteaseEmail/Settings/NeteaseEmailSettings.node';
import { resources as sso } from '../../nodes/NeteaseEmail/Sso/actions';
import { NeteaseEmailSso } from '../../nodes/NeteaseEmail/Sso/NeteaseEmailSso.node';
import { changeClassOf, runsAsTool } from '../../nodes/NeteaseEmail/shared/framework/safety';
import { platformRequest } from '../../nodes/NeteaseEmail/shared/platformRequest';

const RESOURCES = [...addressBook, ...email, ...logs, ...settings, ...sso, platformRequest];
const OPERATIONS = RESOURCES.flatMap((resource) =>
	resource.operations.map((operation) => ({
		key: `${resource.value}.${operation.value}`,
		operation,
	})),
);
const ACTION_NODES = [
	new NeteaseEmailAddressBook(),
	new NeteaseEmail(),
	new NeteaseEmailLogs(),
	new NeteaseEmailSettings(),
	new NeteaseEmailSso(),
];

/**
 * Every operation's class, for a reviewer to see at a glance: Read Only lets only the first run,
 * and an AI agent must confirm the last. A new operation fails here until it is listed.
 */
const CLASSES = {
	nothing: [
		'account.findByJobNumber',
		'account.get',
		'account.getAliases',
		'account.getAll',
		'account.getMobile',
		'adminLog.getAll',
		'archiveRule.getAll',
		'autoReply.get',
		'changeFeed.getChanges',
		'changeFeed.getLatestRevision',
		'contact.getAll',
		'contactGroup.getAll',
		'department.find',
		'department.getAll',
		'directory.export',
		'forwarding.get',
		'ipLoginRestriction.get',
		'loginAccess.get',
		'loginLink.get',
		'loginLog.getAll',
		'loginPermissions.get',
		'mailApproval.get',
		'mailList.get',
		'mailList.getAll',
		'mailbox.getFolders',
		'mailbox.getHandOverStatus',
		'mailbox.getUnreadCount',
		'mailboxLimits.get',
		'message.get',
		'message.getAll',
		'receivedMailLog.getAll',
		'sendReceiveRestriction.get',
		'senderList.get',
		'sentMailLog.getAll',
		'signature.get',
		'subscription.get',
		'twoFactor.get',
		'visibility.getViewScope',
	],
	writes: [
		'account.addAlias',
		'account.bindMobile',
		'account.create',
		'account.move',
		'account.restore',
		'account.unsuspend',
		'account.update',
		'archiveRule.create',
		'contact.addToGroup',
		'contact.create',
		'contact.update',
		'contactGroup.create',
		'contactGroup.rename',
		'department.create',
		'department.ensurePath',
		'department.move',
		'department.setRank',
		'department.update',
		'directory.import',
		'employee.onboard',
		'mailList.addMembers',
		'mailList.create',
		'mailList.update',
		'mailbox.handOver',
		'message.markAsRead',
		'message.markAsUnread',
		'message.move',
		'message.reply',
		'message.send',
		'senderList.add',
		'subscription.subscribeMailbox',
		'visibility.setAccountVisibility',
	],
	destructive: [
		'account.delete',
		'account.removeAlias',
		'account.setLoginPermissions',
		'account.suspend',
		'account.updatePassword',
		'archiveRule.delete',
		'autoReply.set',
		'contact.delete',
		'contact.removeFromGroup',
		'contactGroup.delete',
		'department.delete',
		'employee.offboard',
		'employee.syncFromHr',
		'forwarding.set',
		'ipLoginRestriction.set',
		'loginAccess.set',
		'loginPermissions.set',
		'mailApproval.set',
		'mailList.delete',
		'mailList.removeMembers',
		'mailboxLimits.set',
		'message.delete',
		'message.recall',
		'platformRequest.send',
		'sendReceiveRestriction.set',
		'senderList.remove',
		'signature.set',
		'subscription.register',
		'twoFactor.set',
		'visibility.setViewScope',
	],
};

describe('every operation says what it changes', () => {
	test('each operation is in the class listed for it', () => {
		const actual = { nothing: [] as string[], writes: [] as string[], destructive: [] as string[] };
		for (const { key, operation } of OPERATIONS) actual[changeClassOf(operation)].push(key);
		for (const list of Object.values(actual)) list.sort();
		expect(actual).toEqual(CLASSES);
	});

	test('the value decides unless the operation declares otherwise', () => {
		expect(changeClassOf({ value: 'getAll' })).toBe('nothing');
		expect(changeClassOf({ value: 'findByName' })).toBe('nothing');
		expect(changeClassOf({ value: 'create' })).toBe('writes');
		expect(changeClassOf({ value: 'permanentDelete' })).toBe('destructive');
		expect(changeClassOf({ value: 'set' })).toBe('destructive');
		expect(changeClassOf({ value: 'setRank' })).toBe('writes');
		expect(changeClassOf({ value: 'getAll', changes: 'destructive' })).toBe('destructive');
	});

	test.each(OPERATIONS.map(({ key, operation }) => [key, operation] as const))(
		'%s describes itself in a sentence, a destructive one naming what it removes or changes',
		(_key, operation) => {
			expect(operation.description.length).toBeGreaterThanOrEqual(20);
			if (changeClassOf(operation) === 'destructive') {
				expect(operation.description).toMatch(
					/delet|remov|take|suspend|freez|recall|replac|chang|deny|lock|stops|closed|any .*endpoint/i,
				);
			}
		},
	);
});

describe('each action node offers Read Only and, for destructive operations, Confirm', () => {
	test.each(ACTION_NODES.map((node) => [node.description.displayName, node] as const))(
		'%s',
		(_name, node) => {
			const { properties } = node.description;
			const readOnly = properties.filter((property) => property.name === 'readOnly');
			expect(readOnly).toEqual([
				expect.objectContaining({ displayName: 'Read Only', type: 'boolean', default: false }),
			]);
			expect(readOnly[0].displayOptions).toBeUndefined();
			expect(readOnly[0].description).toMatch(/^Whether to refuse every operation that changes/);

			const confirms = properties.filter((property) => property.name === 'confirm');
			const shownFor = (property: INodeProperties) =>
				`${property.displayOptions!.show!.resource![0] as string}.${property.displayOptions!.show!.operation![0] as string}`;
			const destructiveHere = OPERATIONS.filter(
				({ key, operation }) =>
					changeClassOf(operation) === 'destructive' &&
					properties.some(
						(property) =>
							property.name === 'operation' &&
							property.displayOptions?.show?.resource?.includes(key.split('.')[0]) &&
							(property.options as Array<{ value: string }>).some(
								(option) => option.value === operation.value,
							),
					),
			).map(({ key }) => key);
			expect(confirms.map(shownFor).sort()).toEqual(destructiveHere.sort());
			for (const confirm of confirms) {
				expect(confirm).toMatchObject({ type: 'string', default: '' });
				expect(confirm.placeholder).toBe(shownFor(confirm).split('.')[1]);
			}
		},
	);
});

test('a node runs as an AI tool when n8n gave it the "Tool" type it generates for usableAsTool', () => {
	const node = (type: string) => ({ type }) as INode;
	expect(runsAsTool(node('n8n-nodes-netease-enterprise-email.neteaseEmailAddressBookTool'))).toBe(
		true,
	);
	expect(runsAsTool(node('n8n-nodes-netease-enterprise-email.neteaseEmailAddressBook'))).toBe(
		false,
	);
});
