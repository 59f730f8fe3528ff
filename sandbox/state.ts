import { createHash } from 'node:crypto';
import {
	DEFAULT_QUOTA_MB,
	type ApprovalScope,
	type AutoReplyScope,
	type ClientLoginProtocol,
	type LoginAccessModule,
	type LoginResult,
	type LoginType,
	type ReceivedMailStatus,
	type SenderListType,
	type SentMailStatus,
	type SignatureContentType,
	type WebLoginType,
} from './rules';
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
	status: ReceivedMailStatus;
}

export interface WebLoginLog {
	time: number;
	accountName: string;
	ip: string;
	loginType: WebLoginType;
	result: LoginResult;
}

/** IMAP / POP / SMTP logins (inferred `logquery/clientLogin`). */
export interface ClientLoginLog {
	time: number;
	accountName: string;
	ip: string;
	protocol: ClientLoginProtocol;
	/** The client program, e.g. `Foxmail 7.2`; `""` when unknown. */
	client: string;
	result: LoginResult;
}

/** One entry per mail sent (inferred `logquery/sentMail`); `sendMail` records one. */
export interface SentMailLog {
	time: number;
	/** The sender's accountName. */
	account: string;
	/** The sender's Sent copy. */
	mid: string;
	messageId: string;
	/** Every recipient (to, cc, bcc), comma-separated. */
	to: string;
	subject: string;
	size: number;
	status: SentMailStatus;
}

/** One successful write call through the open API (inferred `logquery/adminOperation`). */
export interface AdminOperationLog {
	time: number;
	/** The calling app id (or, for seeded entries, an admin account name). */
	operator: string;
	ip: string;
	/** The path's second-to-last segment: `account`, `unit`, `maillist`, `mailaccount`, `mail`, … */
	module: string;
	/** The path's last segment, e.g. `createAccount`. */
	action: string;
	/** The account, unit, list, contact, rule… acted on; `""` when none. */
	target: string;
	/** The parameters as a short JSON string, without passwords or file content. */
	detail: string;
}

/** Per-account settings (inferred `mailaccount/get*` / `update*`); an account never updated has the defaults. */
export interface AccountSettings {
	limits: {
		quotaMb: number;
		sendAllowed: 0 | 1;
		/** Sends per China-time day; 0 = the platform default (no limit in the sandbox). */
		dailySendLimit: number;
		largeAttachmentAllowed: 0 | 1;
	};
	secondFactor: { enabled: 0 | 1 };
	ipLimit: { ipRanges: string[] };
	signature: { enabled: 0 | 1; contentType: SignatureContentType; content: string };
	autoReply: {
		enabled: 0 | 1;
		content: string;
		/** `yyyy-MM-dd HH:mm:ss` China time, or `""` for open. */
		startTime: string;
		endTime: string;
		scope: AutoReplyScope;
	};
	forward: { enabled: 0 | 1; addresses: string[]; keepCopy: 0 | 1 };
	senderLists: Record<SenderListType, string[]>;
}

export function defaultAccountSettings(): AccountSettings {
	return {
		limits: {
			quotaMb: DEFAULT_QUOTA_MB,
			sendAllowed: 1,
			dailySendLimit: 0,
			largeAttachmentAllowed: 0,
		},
		secondFactor: { enabled: 0 },
		ipLimit: { ipRanges: [] },
		signature: { enabled: 0, contentType: 'text', content: '' },
		autoReply: { enabled: 0, content: '', startTime: '', endTime: '', scope: 'all' },
		forward: { enabled: 0, addresses: [], keepCopy: 1 },
		senderLists: { black: [], white: [] },
	};
}

/** How many mails an account sent through `sendMail` on one China-time day (for `dailySendLimit`). */
export interface DailySendCount {
	/** `yyyy-MM-dd`, China time. */
	day: string;
	count: number;
}

/** Department-level mail approval (inferred `unit/updateMailApproval`). */
export interface MailApproval {
	unitId: string;
	enabled: 0 | 1;
	/** An address of the domain, or `""`. */
	approver: string;
	scope: ApprovalScope;
}

/** A mail-archiving rule (inferred `archive/createRule`). */
export interface ArchiveRule {
	ruleId: string;
	name: string;
	/** `""` = no condition on that field. */
	conditions: { sender: string; recipient: string; domain: string; keyword: string };
	archiveMailbox: string;
	createTime: number;
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
	readonly clientLoginLogs: ClientLoginLog[] = [];
	readonly sentMailLogs: SentMailLog[] = [];
	readonly adminOperationLogs: AdminOperationLog[] = [];
	/** Keyed by accountName; only accounts whose settings were written (the others have the defaults). */
	readonly accountSettings = new Map<string, AccountSettings>();
	/** Keyed by accountName: `sendMail` calls on the current China-time day. */
	readonly dailySends = new Map<string, DailySendCount>();
	/** Keyed by unitId (the real one, never the `default` alias); a unit never set has approval disabled. */
	readonly mailApprovals = new Map<string, MailApproval>();
	/** Keyed by ruleId; insertion order = creation order. */
	readonly archiveRules = new Map<string, ArchiveRule>();
	readonly revisions: RevisionRecord[] = [];
	readonly subscriptions: Partial<Record<PushSource, string>> = {};
	readonly pushMailAccounts = new Set<string>();
	/** Accounts the lists show, in creation order, as of `accountsGeneration`. */
	private listing?: { generation: number; accounts: readonly Account[] };
	private accountsGeneration = 0;
	private readonly counters = {
		unit: 0,
		account: 0,
		message: 0,
		address: 0,
		group: 0,
		handOver: 0,
		archiveRule: 0,
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
		this.accountsMayHaveChanged();
		return account;
	}

	removeAccount(accountName: string): void {
		this.accounts.delete(accountName);
		this.accountsMayHaveChanged();
		this.mailboxes.delete(accountName);
		this.pushMailAccounts.delete(accountName);
		this.handOvers.delete(accountName);
		this.accountSettings.delete(accountName);
		this.dailySends.delete(accountName);
	}

	/** The account's settings as stored, or the defaults (not stored) for an account never updated. */
	settingsOf(accountName: string): AccountSettings {
		return this.accountSettings.get(accountName) ?? defaultAccountSettings();
	}

	/** The account's settings, stored from now on so they can be changed. */
	writableSettingsOf(accountName: string): AccountSettings {
		let settings = this.accountSettings.get(accountName);
		if (!settings) {
			settings = defaultAccountSettings();
			this.accountSettings.set(accountName, settings);
		}
		return settings;
	}

	addArchiveRule(fields: Omit<ArchiveRule, 'ruleId'>): ArchiveRule {
		const rule: ArchiveRule = { ruleId: String(400000 + ++this.counters.archiveRule), ...fields };
		this.archiveRules.set(rule.ruleId, rule);
		return rule;
	}

	/**
	 * Which accounts the lists show may have changed: the routes soft-delete and recover accounts by
	 * setting `status`, so every write through the platform API calls this (routes/index.ts).
	 */
	accountsMayHaveChanged(): void {
		this.accountsGeneration++;
	}

	/** What `getAccountList` shows: every account but the soft-deleted, in creation order; cached. */
	listedAccounts(): readonly Account[] {
		if (this.listing?.generation !== this.accountsGeneration) {
			const accounts = [...this.accounts.values()].filter((account) => account.status !== 2);
			this.listing = { generation: this.accountsGeneration, accounts };
		}
		return this.listing.accounts;
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
			clientLoginLogs: this.clientLoginLogs,
			sentMailLogs: this.sentMailLogs,
			adminOperationLogs: this.adminOperationLogs,
			accountSettings: Object.fromEntries(this.accountSettings),
			dailySends: Object.fromEntries(this.dailySends),
			mailApprovals: [...this.mailApprovals.values()],
			archiveRules: [...this.archiveRules.values()].map((rule) => ({
				...rule,
				createTime: formatChinaTime(rule.createTime),
			})),
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
