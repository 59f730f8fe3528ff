import type { IDataObject } from 'n8n-workflow';

import type { LogEntry } from './entries';
import { entryTime, textOrNull } from './entries';

export interface AdminEntry extends LogEntry {
	/** The app ID that called the open API, or the administrator's account name. */
	operator: string | null;
	ip: string | null;
	/** The area acted on: `account`, `unit`, `maillist`, `mailaccount`, `mail`… */
	module: string | null;
	/** What was done, e.g. `createAccount`. */
	action: string | null;
	/** The account, department, list… acted on. */
	target: string | null;
	/** The parameters: an object when the log gives JSON, else the text. */
	detail: IDataObject | string | null;
}

function parseDetail(value: unknown): IDataObject | string | null {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		return value as IDataObject;
	}
	const text = textOrNull(value);
	if (text === null || !text.startsWith('{')) return text;
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: text;
	} catch {
		return text;
	}
}

/** An entry of the admin operation log (`log.adminOperation`, inferred). */
export function adminEntry(raw: IDataObject): AdminEntry {
	return {
		...entryTime(raw.time),
		operator: textOrNull(raw.operator),
		ip: textOrNull(raw.ip),
		module: textOrNull(raw.module),
		action: textOrNull(raw.action),
		target: textOrNull(raw.target),
		detail: parseDetail(raw.detail),
	};
}
