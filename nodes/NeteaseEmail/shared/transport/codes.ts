/**
 * The platform's response codes and business markers, in plain words with a fix for each.
 * Every error this package reports about the platform is worded from here.
 */
interface CodeInfo {
	name: string;
	meaning: string;
	hint: string;
}

export const PLATFORM_CODES: Record<number, CodeInfo> = {
	[-1]: {
		name: 'SYSTEM_ERROR',
		meaning: 'The platform had an internal error',
		hint: 'Try again in a moment.',
	},
	[-2]: {
		name: 'SYSTEM_INNER_SERVICE_ERROR',
		meaning: 'An internal platform service failed',
		hint: 'Try again in a moment.',
	},
	[-3]: {
		name: 'SYSTEM_COMMON_BIZ_FAILURE',
		meaning: 'The platform refused the operation',
		hint: 'See the reason above.',
	},
	[-4]: {
		name: 'SYSTEM_DATA_NOT_EXISTS',
		meaning: 'The requested data does not exist',
		hint: 'Check the ID or name you passed.',
	},
	[-100]: {
		name: 'AUTH_FAILURE',
		meaning: 'Authentication failed',
		hint: 'Check the CorpID, App ID and AppKey in the credential; the AppKey changes whenever the app is re-authorized in the admin console.',
	},
	[-101]: {
		name: 'AUTH_DATA_NOT_FOUND',
		meaning: 'The platform has no authentication data for this token',
		hint: 'The token is renewed automatically; if this persists, re-save the credential.',
	},
	[-200]: {
		name: 'ACCESS_DENY',
		meaning: 'Access denied',
		hint: "Ask the mail administrator to check the app's permissions.",
	},
	[-201]: {
		name: 'IP_DENY',
		meaning: "This n8n server's IP address is not on the app's IP whitelist",
		hint: "Add the public (egress) IP address of your n8n server to the app's IP whitelist under 企业设置 / 自建应用管理 in the NetEase admin console.",
	},
	[-202]: {
		name: 'PERMISSION_NOT_REGISTER',
		meaning: 'This API is not authorized for the app',
		hint: 'Ask the mail administrator (or NetEase support) to authorize this API for the app, then paste the new AppKey it issues into the credential.',
	},
	[-300]: {
		name: 'TOKEN_NOT_AVAILABLE',
		meaning: 'The access token is not valid',
		hint: 'The token is renewed automatically; if this persists, re-save the credential.',
	},
	[-301]: {
		name: 'TOKEN_ACCESS_EXPIRED',
		meaning: 'The access token expired',
		hint: 'The token is renewed automatically; if this persists, re-save the credential.',
	},
	[-302]: {
		name: 'TOKEN_REFRESH_EXPIRED',
		meaning: 'The refresh token expired',
		hint: 'A new token is acquired with the AppKey automatically; if this persists, check the AppKey.',
	},
	[-303]: {
		name: 'TOKEN_GENERATE_ERROR',
		meaning: 'The platform could not issue a token',
		hint: 'Try again in a moment.',
	},
	[-304]: {
		name: 'AUTH_EXPIRED',
		meaning: "The app's authorization expired",
		hint: 'Ask the mail administrator to re-authorize the app and paste the new AppKey into the credential.',
	},
	[-305]: {
		name: 'APP_EXPIRED',
		meaning: 'The app is no longer valid',
		hint: 'Ask the mail administrator to re-enable the app in the NetEase admin console.',
	},
	[-320]: {
		name: 'TOKEN_SSO_GENREATE_ERROR',
		meaning: 'The platform could not issue a single sign-on token',
		hint: 'Try again in a moment.',
	},
	[-321]: {
		name: 'TOKEN_SSO_VERIFY_ERROR',
		meaning: 'The single sign-on token was rejected',
		hint: 'Try again; a new single sign-on token is requested automatically.',
	},
	[-322]: {
		name: 'TOKEN_SSO_EXPIRED',
		meaning: 'The single sign-on token expired',
		hint: 'Try again; a new single sign-on token is requested automatically.',
	},
	[-400]: {
		name: 'REQUEST_ERROR',
		meaning: 'The platform could not read the request',
		hint: 'Check the Base URL and any endpoint path override in the credential.',
	},
	[-401]: {
		name: 'PARAM_ERROR',
		meaning: 'A parameter was rejected',
		hint: 'Check the value named above.',
	},
	[-421]: {
		name: 'REQUEST_REPEAT',
		meaning: 'The platform saw this request twice',
		hint: 'Check whether the first attempt took effect before running it again.',
	},
	[-422]: {
		name: 'REQUEST_FREQUENCY_TOO_HIGH',
		meaning: 'Too many requests',
		hint: 'The request was retried with back-off; lower the number of items per run or spread runs out.',
	},
	[-423]: {
		name: 'REQUEST_FREQUENCY_TOO_HIGH_APP',
		meaning: 'Too many requests for this app',
		hint: 'The request was retried with back-off; lower the number of items per run or spread runs out.',
	},
	[-424]: {
		name: 'HEADER_ERROR',
		meaning: 'The request headers were rejected',
		hint: 'Check the CorpID and App ID in the credential.',
	},
	[-500]: {
		name: 'THIRD_ACCESS_ERROR',
		meaning: 'A service the platform depends on failed',
		hint: 'Try again in a moment.',
	},
};

/** The platform is refusing calls for now; the same call may be sent again after a pause. */
export const RATE_LIMIT_CODES = new Set([-422, -423]);

/** Detail markers the platform puts in `message` on code -3 (and some -401s). */
const MARKERS: Record<string, { meaning: string; hint: string }> = {
	'UNIT.EXIST': {
		meaning: 'A department with this name already exists there',
		hint: 'Choose another name, or set "If It Already Exists" to "Return the Existing Department".',
	},
	'UNIT.NOTEXIST': {
		meaning: 'The department does not exist',
		hint: 'Pick the department from the list, or check its ID.',
	},
	'UNIT.HASCHILD': {
		meaning: 'The department still has sub-departments',
		hint: 'Move or delete its sub-departments first.',
	},
	'UNIT.HASACCOUNT': {
		meaning: 'The department still has accounts',
		hint: 'Move its accounts to another department first.',
	},
	'UNIT.MOVEERROR': {
		meaning: 'A department cannot be moved under itself or one of its sub-departments',
		hint: 'Choose another parent department.',
	},
	'ACCOUNT.NOTEXIST': {
		meaning: 'The account does not exist',
		hint: 'Check the account name and domain.',
	},
	'ACCOUNT.STATUSERROR': {
		meaning: "The account's status does not allow this operation",
		hint: 'Restore a deleted account before changing it; only deleted accounts can be restored.',
	},
	'MAILACCOUNT.NAMEEXIST': {
		meaning: 'An account with this name already exists',
		hint: 'Choose another account name, or set "If It Already Exists" to "Return the Existing Account".',
	},
	'PASSWORD.INVALID': {
		meaning: "The password does not meet the platform's rules",
		hint: 'Use 8–32 characters without spaces, mixing at least two of letters, digits and symbols, not containing the account name.',
	},
	'DOMAIN.NOTEXIST': {
		meaning: 'The mail domain does not belong to this enterprise',
		hint: "Check the domain in the credential or in the operation's options.",
	},
	'ACCOUNT.DELETED': {
		meaning: 'The account is deleted',
		hint: 'Restore it with Account → Restore first.',
	},
	'ALIAS.EXIST': {
		meaning: 'This alias is already an address in the organisation',
		hint: 'Choose an alias that is not an account, mail list or another alias.',
	},
	'ALIAS.NOTEXIST': {
		meaning: 'The account has no such alias',
		hint: 'Use Account → Get Aliases to see its aliases.',
	},
	'ALIAS.LIMIT': {
		meaning: 'The account has the most aliases allowed',
		hint: 'Remove an alias before adding another.',
	},
	'MAILLIST.NOTEXIST': {
		meaning: 'The mail list does not exist',
		hint: 'Check the mail list address.',
	},
	'MAILLIST.EXIST': {
		meaning: 'A mail list with this address already exists',
		hint: 'Choose another address, or set "If It Already Exists" to "Return the Existing Mail List".',
	},
	'MAILLIST.MEMBERNOTEXIST': {
		meaning: 'A member address is not an account or mail list of the organisation',
		hint: 'Check the member addresses; addresses outside your domains are accepted as they are.',
	},
	'PUBADDRESS.NOTEXIST': {
		meaning: 'The contact does not exist',
		hint: 'Use Contact → Get Many to see the contact IDs.',
	},
	'PUBADDRESS.EXIST': {
		meaning: 'A contact with this address already exists',
		hint: 'Update the existing contact instead.',
	},
	'PUBGROUP.EXIST': {
		meaning: 'A contact group with this name already exists',
		hint: 'Choose another name.',
	},
	'PUBGROUP.NOTEXIST': {
		meaning: 'The contact group does not exist',
		hint: 'Use Contact Group → Get Many to see the group IDs.',
	},
	'ACCOUNT.HANDOVER.EXIST': {
		meaning: 'The mailbox is already being handed over, or was handed over',
		hint: 'Use Mailbox → Get Hand-Over Status to see to whom and how far.',
	},
	'MAIL.NOTEXIST': {
		meaning: 'The mailbox holds no message with this ID',
		hint: 'Message IDs belong to one mailbox: take them from Message → Get Many of the same mailbox.',
	},
	'MAIL.NOTSENT': {
		meaning: 'The message is not one this mailbox sent',
		hint: "Only messages in the mailbox's Sent folder can be recalled: use the mid that Send or Reply returned.",
	},
	'MAIL.ATTACHMENT.TOOLARGE': {
		meaning: 'The attachments together are larger than one message may carry (50 MiB)',
		hint: 'Attach fewer or smaller files, or share large files as links.',
	},
	'LOG.TIMERANGE.TOOLONG': {
		meaning: 'The time range is longer than the platform allows for one log query',
		hint: 'The NetEase Email Logs node splits long ranges by itself; through Platform Request, query at most 31 days at a time.',
	},
	'SENDERLIST.LIMIT': {
		meaning: 'The sender list would hold more than 500 entries',
		hint: 'Remove entries first, or block or allow whole domains with @domain entries.',
	},
	'ARCHIVE.RULE.EXIST': {
		meaning: 'An archive rule with this name already exists',
		hint: 'Choose another name, or set "If It Already Exists" to "Return the Existing Rule".',
	},
	'ARCHIVE.RULE.NOTEXIST': {
		meaning: 'The archive rule does not exist',
		hint: 'Use Archive Rule → Get Many to see the rules.',
	},
};

/**
 * Thrown by the credential's preAuthentication when the platform issues no token. Its message
 * carries the fix too, since n8n's credential test shows only the message; `summary` and
 * `description` are the two halves for node errors.
 */
export class TokenRefusedError extends Error {
	override name = 'TokenRefusedError';

	readonly summary: string;

	readonly description: string;

	constructor(
		readonly platformCode: number,
		platformMessage = '',
		token = 'an access token',
	) {
		const { message, description } = describePlatformCode(platformCode, platformMessage);
		super(`NetEase refused to issue ${token}: ${message}. ${description}`);
		this.summary = `NetEase refused to issue ${token}: ${message}`;
		this.description = description;
	}
}

/** The token refusal behind an error n8n wrapped (possibly more than once), if any. */
export function findTokenRefusal(error: unknown): TokenRefusedError | undefined {
	const seen = new Set<unknown>();
	for (
		let current = error;
		current && typeof current === 'object' && !seen.has(current);
		current = (current as { cause?: unknown }).cause
	) {
		seen.add(current);
		// Matched by shape, not class: n8n may hand the error over from another module instance.
		const candidate = current as Partial<TokenRefusedError>;
		if (candidate.name === 'TokenRefusedError' && typeof candidate.platformCode === 'number') {
			return candidate as TokenRefusedError;
		}
	}
	return undefined;
}

export interface PlatformErrorText {
	message: string;
	description: string;
	marker?: string;
}

/** Reads `<description>: <MARKER>[:detail]` as the platform formats business failures. */
export function parseMarker(platformMessage: string): { marker?: string } {
	const match = /:\s*([A-Z][A-Z0-9_]*\.[A-Z0-9_.]+)(?::|$)/.exec(platformMessage.trim());
	return match ? { marker: match[1] } : {};
}

export function describePlatformCode(code: number, platformMessage = ''): PlatformErrorText {
	const info = PLATFORM_CODES[code];
	const { marker } = parseMarker(platformMessage);
	const known = marker ? MARKERS[marker] : undefined;
	const meaning = known?.meaning ?? info?.meaning ?? 'The platform answered with an unknown code';
	const tag = [marker, `code ${code}`].filter(Boolean).join(', ');
	const hint =
		known?.hint ?? info?.hint ?? 'Check the NetEase Open Platform documentation for this code.';
	const said = platformMessage ? ` The platform said: "${platformMessage}".` : '';
	return { message: `${meaning} (${tag})`, description: `${hint}${said}`, marker };
}
