import type { IDataObject } from 'n8n-workflow';

import { formatChinaTime, parseChinaTime } from '../helpers/chinaTime';

/**
 * What every simplified log entry starts with. Entries are for databases and SIEMs: every key is
 * there on every entry of a log type, `null` when the platform gave nothing.
 */
export interface LogEntry extends IDataObject {
	/** ISO 8601 in China time, e.g. `2026-11-29T18:04:05+08:00`. */
	time: string | null;
	/** Epoch milliseconds. */
	timestamp: number | null;
}

/** The platform's `yyyy-MM-dd HH:mm:ss` China time as `time` and `timestamp`. */
export function entryTime(value: unknown): LogEntry {
	const timestamp = parseChinaTime(typeof value === 'string' ? value : '');
	if (Number.isNaN(timestamp)) return { time: null, timestamp: null };
	return { time: `${formatChinaTime(timestamp).replace(' ', 'T')}+08:00`, timestamp };
}

/** A text field, `null` when absent or empty. */
export function textOrNull(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	const text = value.trim();
	return text === '' ? null : text;
}

/** A text field lower-cased, for the enumerations (`success`, `imap`…). */
export function codeOrNull(value: unknown): string | null {
	return textOrNull(value)?.toLowerCase() ?? null;
}

export function numberOrNull(value: unknown): number | null {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

/** Addresses given comma- (or semicolon-) separated, or already as a list. */
export function addressList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,;]/) : [];
	return parts.map(textOrNull).filter((address): address is string => address !== null);
}

/** `account@domain` for an account name, `null` without one. */
export function emailOf(accountName: string | null, domain: string): string | null {
	return accountName === null ? null : `${accountName}@${domain}`;
}

/** The local part of an address or account name. */
export function accountOf(value: unknown): string | null {
	const text = textOrNull(value);
	return text === null ? null : text.replace(/@.*$/, '').toLowerCase();
}
