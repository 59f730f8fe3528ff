import { createHash } from 'node:crypto';
import type { LoginAccessModule, LoginType } from './rules';
import { formatChinaTime } from './time';

export const DEFAULT_UNIT_ALIAS = 'default';
export const DEFAULT_UNIT_NAME = '默认部门';
export const DEFAULT_RANK = 99999;

export interface Unit {
	unitId: string;
	unitOpenId: string | null;
	unitParentId: string;
	unitName: string;
	unitDesc: string;
	rank: number;
	isDefault: boolean;
}

/** Account status (§10.1): 0 normal, 1 disabled, 2 deleted (recoverable), 4 resigned, 5/6 handover. */
export type AccountStatus = 0 | 1 | 2 | 4 | 5 | 6;

export interface Account {
	accountName: string;
	accountOpenId: string;
	name: string;
	mobile: string;
	mobilePrefix: string;
	jobNumber: string;
	job: string;
	gender: number;
	remark: string;
	unitId: string;
	status: AccountStatus;
	visibleInAddr: number;
	passChangeFirstLogin: number;
	createTime: number;
	loginPerms: Record<LoginType, number>;
	/** Local parts; shown as full addresses. */
	aliases: string[];
	passwordMd5: string;
	rsLimitType: number;
}

export interface Message {
	mid: string;
	fid: number;
	/** RFC 5322 Message-ID, `<…@…>`; every copy of one mail has the same. */
	messageId: string;
	from: string;
	/** Addresses, as the headers show them. */
	to: string[];
	cc: string[];
	/** Only on the sender's Sent copy (never in another copy, never in an answer). */
	bcc: string[];
	/** An address, or `""`. */
	replyTo: string;
	subject: string;
	sentDate: number;
	size: number;
	read: boolean;
	summary: string;
	contentType: string;
	/** Plain-text and HTML bodies, `""` when absent. */
	text: string;
	html: string;
	/** A Message-ID, or `""`. */
	inReplyTo: string;
	/** Message-IDs, space-separated, or `""`. */
	references: string;
	attachments: MessageAttachment[];
	/** On a Sent copy made by `sendMail`: what became of each recipient (for `recallMail`). */
	recipients?: SentRecipient[];
}

export interface MessageAttachment {
	/** `"2"`, `"3"`, … in attachment order (as in the push payload's `AttachmentEx`). */
	partId: string;
	fileName: string;
	mimeType: string;
	size: number;
	/** Hex SHA-256 of `content`. */
	sha256: string;
	/** The exact bytes (shared by every copy of the mail). */
	content: Buffer;
}

/** A recipient of a mail sent through `sendMail`, as its Sent copy remembers it. */
export type SentRecipient =
	/** An in-domain mailbox that got a copy (`address` = the account's own address). */
	| { kind: 'mailbox'; address: string; accountName: string; mid: string; recalled: boolean }
	/** Outside the domain: accepted, never recallable. */
	| { kind: 'external'; address: string }
	/** In the domain but refused (`reason` a marker such as `ACCOUNT.NOTEXIST`). */
	| { kind: 'rejected'; address: string; reason: string };

/** A mailbox hand-over (inferred `handOverMail`), keyed by the leaver. */
export interface HandOverTask {
	taskId: string;
	accountName: string;
	targetAccountName: string;
	state: 'handingOver' | 'handedOver';
	/** The leaver's messages when the hand-over started; those still there at completion are copied. */
	mids: string[];
	copied: number;
	startedAt: number;
	completedAt: number | null;
}

/** The modules a department or role may reach through SSO (inferred `updateLoginAccess`). */
export interface LoginAccess {
	targetType: ViewScopeTargetType;
	targetId: string;
	modules: LoginAccessModule[];
}

export interface MailList {
	accountName: string;
	name: string;
	visibleInAddr: number;
	mailListUserType: number;
	members: string[];
	memberUnits: string[];
	authMembers: string[];
}

export interface PubAddress {
	addressId: string;
	email: string;
	name: string;
	mobile: string;
	company: string;
	department: string;
	fax: string;
	birthday: number | null;
	groupIds: string[];
}

/** A public-contact group (inferred: not publicly documented, reference §11). */
export interface PubAddressGroup {
	groupId: string;
	groupName: string;
}

export const VIEW_SCOPE_TARGET_TYPES = ['unit', 'role'] as const;
export type ViewScopeTargetType = (typeof VIEW_SCOPE_TARGET_TYPES)[number];
/** `all` the whole address book, `ownUnit` own department and below, `units` only `viewUnitIds`. */
export const VIEW_SCOPES = ['all', 'ownUnit', 'units'] as const;
export type ViewScopeKind = (typeof VIEW_SCOPES)[number];

/** Who sees what of the address book (inferred: not publicly documented, reference §11). */
export interface ViewScope {
	targetType: ViewScopeTargetType;
	targetId: string;
	viewScope: ViewScopeKind;
	viewUnitIds: string[];
}

export interface ReceivedMailLog {
	time: number;
	account: string;
	mid: string;
	from: string;
	to: string;
	subject: string;
	size: number;
	status: 'delivered' | 'spam';
}

export interface WebLoginLog {
	time: number;
	accountName: string;
	ip: string;
	loginType: 'web' | 'sso';
	result: 'success' | 'failure';
}

export type RevisionOp = 'ADD' | 'UPDATE' | 'DELETE';

interface RevisionBase {
	domain: string;
	revision: number;
	op: RevisionOp;
	orgOpenId: string;
}

/** The documented shape (§6.5). */
export interface AccountRevisionRecord extends RevisionBase {
	account: AccountView;
}

/** Sandbox choice (inferred): the reference does not say whether unit changes enter the feed. */
export interface UnitRevisionRecord extends RevisionBase {
	unit: UnitView;
}

export type RevisionRecord = AccountRevisionRecord | UnitRevisionRecord;

export type PushSource = 'pushmail' | 'orgevent';

export type AccountView = ReturnType<OrgState['accountView']>;
export type UnitView = ReturnType<OrgState['unitView']>;

export function md5Hex(text: string): string {
	return createHash('md5').update(text, 'utf8').digest('hex');
}

export function viewScopeKey(targetType: ViewScopeTargetType, targetId: string): string {
	return `${targetType}:${targetId}`;
}

function pad(value: number, width: number): string {
	return String(value).padStart(width, '0');
}

/** The in-memory organisation. Ids derive from counters so a given seed always yields the same ids. */
export class OrgState {
	readonly units = new Map<string, Unit>();
	/** Keyed by accountName; permanently deleted accounts are removed. Insertion order = creation order. */
	readonly accounts = new Map<string, Account>();
	readonly mailLists = new Map<string, MailList>();
	readonly pubAddresses = new Map<string, PubAddress>();
	/** Keyed by groupId; insertion order = creation order. */
	readonly pubAddressGroups = new Map<string, PubAddressGroup>();
	/** Keyed by `<targetType>:<targetId>`; a target never set has scope `all`. */
	readonly viewScopes = new Map<string, ViewScope>();
	readonly mailboxes = new Map<string, Message[]>();
	/** Keyed by the leaver's accountName. */
	readonly handOvers = new Map<string, HandOverTask>();
	/** Keyed by `<targetType>:<targetId>`; a target never set may reach every module. */
	readonly loginAccess = new Map<string, LoginAccess>();
	readonly receivedMailLogs: ReceivedMailLog[] = [];
	readonly webLoginLogs: WebLoginLog[] = [];
	readonly revisions: RevisionRecord[] = [];
	readonly subscriptions: Partial<Record<PushSource, string>> = {};
	readonly pushMailAccounts = new Set<string>();
	private readonly counters = {
		unit: 0,
		account: 0,
		message: 0,
		address: 0,
		group: 0,
		handOver: 0,
	};

	constructor(
		public domain: string,
		public orgOpenId: string,
	) {
		const unitId = `${orgOpenId}_default`;
		this.units.set(unitId, {
			unitId,
			unitOpenId: null,
			unitParentId: '0',
			unitName: DEFAULT_UNIT_NAME,
			unitDesc: '',
			rank: DEFAULT_RANK,
			isDefault: true,
		});
	}

	get defaultUnitId(): string {
		return `${this.orgOpenId}_default`;
	}

	/** Accepts `"default"` as an alias for the default department. */
	findUnit(unitId: string): Unit | undefined {
		return this.units.get(unitId === DEFAULT_UNIT_ALIAS ? this.defaultUnitId : unitId);
	}

	childUnits(unitId: string): Unit[] {
		return [...this.units.values()].filter(
			(unit) => !unit.isDefault && unit.unitParentId === unitId,
		);
	}

	/** The unit and every unit below it. */
	subtreeIds(unitId: string): Set<string> {
		const ids = new Set([unitId]);
		for (const id of ids) for (const child of this.childUnits(id)) ids.add(child.unitId);
		return ids;
	}

	createUnit(unitName: string, unitDesc: string, unitParentId: string): Unit {
		const seq = ++this.counters.unit;
		const unit: Unit = {
			unitId: String(100000000000000 + seq),
			unitOpenId: `sbxu${pad(seq, 6)}`,
			unitParentId,
			unitName,
			unitDesc,
			rank: DEFAULT_RANK,
			isDefault: false,
		};
		this.units.set(unit.unitId, unit);
		return unit;
	}

	createAccount(
		fields: Omit<Account, 'accountOpenId' | 'loginPerms' | 'aliases' | 'rsLimitType'>,
	): Account {
		const account: Account = {
			...fields,
			accountOpenId: `sbxa${pad(++this.counters.account, 12)}`,
			loginPerms: { web: 1, flashmail: 1, yixin: 1, imap: 1, pop: 1, smtp: 1 },
			aliases: [],
			rsLimitType: -1,
		};
		this.accounts.set(account.accountName, account);
		this.mailboxes.set(account.accountName, []);
		return account;
	}

	removeAccount(accountName: string): void {
		this.accounts.delete(accountName);
		this.mailboxes.delete(accountName);
		this.pushMailAccounts.delete(accountName);
		this.handOvers.delete(accountName);
	}

	accountsInUnits(unitIds: Set<string>): Account[] {
		return [...this.accounts.values()].filter((account) => unitIds.has(account.unitId));
	}

	addMessage(accountName: string, fields: Omit<Message, 'mid'>): Message {
		const message: Message = { mid: `SBXM${pad(++this.counters.message, 20)}`, ...fields };
		const mailbox = this.mailboxes.get(accountName);
		if (!mailbox) throw new Error(`no mailbox for ${accountName}`);
		mailbox.push(message);
		return message;
	}

	/** The message `mid` in `accountName`'s mailbox, if any. */
	findMessage(accountName: string, mid: string): Message | undefined {
		return this.mailboxes.get(accountName)?.find((message) => message.mid === mid);
	}

	/** Removes the message for good; false if it was not there. */
	removeMessage(accountName: string, mid: string): boolean {
		const mailbox = this.mailboxes.get(accountName);
		const index = mailbox ? mailbox.findIndex((message) => message.mid === mid) : -1;
		if (index < 0) return false;
		mailbox!.splice(index, 1);
		return true;
	}

	nextHandOverTaskId(): string {
		return `sbxt${pad(++this.counters.handOver, 12)}`;
	}

	addPubAddress(fields: Omit<PubAddress, 'addressId'>): PubAddress {
		const address: PubAddress = { addressId: String(200000 + ++this.counters.address), ...fields };
		this.pubAddresses.set(address.addressId, address);
		return address;
	}

	addPubAddressGroup(groupName: string): PubAddressGroup {
		const group: PubAddressGroup = { groupId: String(300000 + ++this.counters.group), groupName };
		this.pubAddressGroups.set(group.groupId, group);
		return group;
	}

	/** A deleted unit leaves every view scope: its own is dropped, and it leaves `viewUnitIds`. */
	forgetUnitInViewScopes(unitId: string): void {
		this.viewScopes.delete(viewScopeKey('unit', unitId));
		for (const scope of this.viewScopes.values())
			scope.viewUnitIds = scope.viewUnitIds.filter((id) => id !== unitId);
	}

	appendRevision(op: RevisionOp, account: Account): AccountRevisionRecord {
		const record = { ...this.revisionBase(op), account: this.accountView(account) };
		this.revisions.push(record);
		return record;
	}

	/** Sandbox choice (inferred): unit changes enter the feed too, with `unit` instead of `account`. */
	appendUnitRevision(op: RevisionOp, unit: Unit): UnitRevisionRecord {
		const record = { ...this.revisionBase(op), unit: this.unitView(unit) };
		this.revisions.push(record);
		return record;
	}

	private revisionBase(op: RevisionOp): RevisionBase {
		return {
			domain: this.domain,
			revision: this.maxRevision + 1,
			op,
			orgOpenId: this.orgOpenId,
		};
	}

	get maxRevision(): number {
		return this.revisions.length === 0 ? 0 : this.revisions[this.revisions.length - 1].revision;
	}

	email(localPart: string): string {
		return `${localPart}@${this.domain}`;
	}

	unitView(unit: Unit) {
		const { unitId, unitOpenId, unitParentId, unitName, unitDesc, rank } = unit;
		return { unitId, unitOpenId, unitParentId, unitName, unitDesc, rank };
	}

	/** The account as the platform shows it: no password, aliases as addresses. */
	accountView(account: Account) {
		return {
			accountName: account.accountName,
			accountOpenId: account.accountOpenId,
			name: account.name,
			mobile: account.mobile,
			mobilePrefix: account.mobilePrefix,
			jobNumber: account.jobNumber,
			job: account.job,
			gender: account.gender,
			remark: account.remark,
			unitId: account.unitId,
			unitName: this.units.get(account.unitId)?.unitName ?? '',
			unitList: [account.unitId],
			status: account.status,
			domain: this.domain,
			visibleInAddr: account.visibleInAddr,
			passChangeFirstLogin: account.passChangeFirstLogin,
			createTime: formatChinaTime(account.createTime),
			loginPerms: { ...account.loginPerms },
			aliasList: account.aliases.map((alias) => this.email(alias)),
		};
	}

	/** Everything, as plain JSON, for the control API. */
	snapshot() {
		return {
			domain: this.domain,
			orgOpenId: this.orgOpenId,
			units: [...this.units.values()].map((unit) => this.unitView(unit)),
			accounts: [...this.accounts.values()].map((account) => ({
				...this.accountView(account),
				passwordMd5: account.passwordMd5,
				rsLimitType: account.rsLimitType,
			})),
			mailLists: [...this.mailLists.values()],
			pubAddresses: [...this.pubAddresses.values()],
			pubAddressGroups: [...this.pubAddressGroups.values()],
			viewScopes: [...this.viewScopes.values()],
			mailboxes: Object.fromEntries(
				[...this.mailboxes].map(([accountName, messages]) => [
					accountName,
					messages.map(messageSnapshot),
				]),
			),
			handOvers: [...this.handOvers.values()],
			loginAccess: [...this.loginAccess.values()],
			receivedMailLogs: this.receivedMailLogs,
			webLoginLogs: this.webLoginLogs,
			revisions: this.revisions,
			subscriptions: { ...this.subscriptions, pushMailAccounts: [...this.pushMailAccounts] },
		};
	}
}

/** A message as the control snapshot shows it: every field, attachments without their bytes. */
function messageSnapshot(message: Message) {
	return {
		...message,
		attachments: message.attachments.map(({ partId, fileName, mimeType, size, sha256 }) => ({
			partId,
			fileName,
			mimeType,
			size,
			sha256,
		})),
	};
}
