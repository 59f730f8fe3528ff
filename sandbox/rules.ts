/**
 * Validation rules the sandbox enforces where the platform's own rules are undocumented
 * (sandbox choices). Dependency-free so node code can import or mirror them.
 */

export const ACCOUNT_NAME_MAX_LENGTH = 64;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 32;
export const NAME_MAX_LENGTH = 64;
export const UNIT_NAME_MAX_LENGTH = 64;
/** Inferred endpoints (reference §11): aliases per account, contact-group name length. */
export const ALIAS_MAX_PER_ACCOUNT = 10;
export const PUB_GROUP_NAME_MAX_LENGTH = 64;

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

export const LOGIN_TYPES = ['web', 'flashmail', 'yixin', 'imap', 'pop', 'smtp'] as const;
export type LoginType = (typeof LOGIN_TYPES)[number];
export const RS_LIMIT_TYPES = [17, 18, 19, -1] as const;
export const MAIL_LIST_USER_TYPES = [0, 2, 3, 4] as const;
export const PASS_TYPES = [0, 1] as const;
export const PASS_CHANGE_FIRST_LOGIN_VALUES = [0, 1, 2] as const;
export const GENDERS = [0, 1, 2] as const;
export const FOLDER_IDS = [1, 2, 3, 4, 5] as const;
/** System folder names, by `fid` (§10.5; the names are the sandbox's). */
export const FOLDER_NAMES: Readonly<Record<(typeof FOLDER_IDS)[number], string>> = {
	1: '收件箱',
	2: '草稿箱',
	3: '已发送',
	4: '已删除',
	5: '垃圾邮件',
};
/** Inferred `sendMail`: the attachments of one mail may total this many bytes (50 MiB), no more. */
export const MAIL_ATTACHMENTS_MAX_BYTES = 52428800;
/** Inferred SSO login access: the modules a target may reach, in this order; a target never set has all. */
export const LOGIN_ACCESS_MODULES = [
	'mail',
	'contacts',
	'calendar',
	'netdisk',
	'settings',
] as const;
export type LoginAccessModule = (typeof LOGIN_ACCESS_MODULES)[number];

/** 1–64 chars of `[a-z0-9._-]`, starting and ending with a letter or digit, no `..`. */
export function isValidAccountName(name: string): boolean {
	return (
		name.length >= 1 &&
		name.length <= ACCOUNT_NAME_MAX_LENGTH &&
		/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/.test(name) &&
		!name.includes('..')
	);
}

/**
 * Plaintext password rule: 8–32 chars, no whitespace, at least two of {letters, digits, symbols},
 * must not contain the account name. Returns the reason it is rejected, or null when acceptable.
 */
export function passwordProblem(password: string, accountName: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
		return `密码长度应为${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH}位`;
	}
	if (/\s/.test(password)) return '密码不能包含空白字符';
	const classes = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) =>
		pattern.test(password),
	).length;
	if (classes < 2) return '密码须包含字母、数字、符号中的至少两类';
	if (accountName && password.toLowerCase().includes(accountName.toLowerCase()))
		return '密码不能包含账号名';
	return null;
}

/** passType 1: the password is an MD5 hex digest. */
export function isValidMd5Password(password: string): boolean {
	return /^[0-9a-fA-F]{32}$/.test(password);
}

/** Mainland mobile (`1[3-9]` + 9 digits); with a country prefix, any 5–15 digits. */
export function isValidMobile(mobile: string, mobilePrefix?: string): boolean {
	return mobilePrefix ? /^\d{5,15}$/.test(mobile) : /^1[3-9]\d{9}$/.test(mobile);
}

export function isValidEmail(address: string): boolean {
	return /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(address);
}

// ---------------------------------------------------------------------------------------------
// Logs and settings (inferred paths, reference §11, except the two confirmed log queries)

/** Every log query refuses a `startTime`–`endTime` range longer than this (`LOG.TIMERANGE.TOOLONG`). */
export const LOG_MAX_RANGE_DAYS = 31;
export const WEB_LOGIN_TYPES = ['web', 'sso', 'app'] as const;
export type WebLoginType = (typeof WEB_LOGIN_TYPES)[number];
export const LOGIN_RESULTS = ['success', 'failure'] as const;
export type LoginResult = (typeof LOGIN_RESULTS)[number];
export const CLIENT_LOGIN_PROTOCOLS = ['imap', 'pop', 'smtp'] as const;
export type ClientLoginProtocol = (typeof CLIENT_LOGIN_PROTOCOLS)[number];
export const RECEIVED_MAIL_STATUSES = ['delivered', 'spam'] as const;
export type ReceivedMailStatus = (typeof RECEIVED_MAIL_STATUSES)[number];
export const SENT_MAIL_STATUSES = ['delivered', 'rejected', 'deferred'] as const;
export type SentMailStatus = (typeof SENT_MAIL_STATUSES)[number];

/** Mailbox quota in MB (`updateMailLimits`): 1–1048576, default 5120. */
export const QUOTA_MB_MIN = 1;
export const QUOTA_MB_MAX = 1048576;
export const DEFAULT_QUOTA_MB = 5120;
/** Sends per China-time day (`updateMailLimits`); 0 = the platform default (no limit in the sandbox). */
export const DAILY_SEND_LIMIT_MAX = 100000;
export const SIGNATURE_CONTENT_TYPES = ['text', 'html'] as const;
export type SignatureContentType = (typeof SIGNATURE_CONTENT_TYPES)[number];
export const SIGNATURE_MAX_LENGTH = 10000;
export const AUTO_REPLY_SCOPES = ['all', 'internal', 'external'] as const;
export type AutoReplyScope = (typeof AUTO_REPLY_SCOPES)[number];
export const FORWARD_MAX_ADDRESSES = 5;
export const SENDER_LIST_TYPES = ['black', 'white'] as const;
export type SenderListType = (typeof SENDER_LIST_TYPES)[number];
export const SENDER_LIST_MAX_ENTRIES = 500;
export const APPROVAL_SCOPES = ['external', 'all'] as const;
export type ApprovalScope = (typeof APPROVAL_SCOPES)[number];
export const ARCHIVE_RULE_NAME_MAX_LENGTH = 64;

/** A black/white-list entry: an address, or a whole domain written `@domain` (e.g. `@spam.example`). */
export function isValidSenderListEntry(entry: string): boolean {
	return entry.startsWith('@') ? isValidDomainName(entry.slice(1)) : isValidEmail(entry);
}

/** `example.com`, `mail.spam.example`: dot-separated labels of letters, digits and hyphens. */
export function isValidDomainName(domain: string): boolean {
	return (
		domain.length <= 253 &&
		/^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))+$/.test(domain)
	);
}
