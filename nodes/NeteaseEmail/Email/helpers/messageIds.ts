import type { INodeProperties } from 'n8n-workflow';

import type { Field } from '../../shared/helpers/validation';
import { MESSAGE_ID_HINT, validateMessageId } from '../../shared/helpers/validation';

export const midParameter: INodeProperties = {
	displayName: 'Message ID',
	name: 'mid',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. ABsAMADBE3Y13ePXA4VlNaol',
	description:
		"The message's ID in this mailbox (the ID field of Get Many's output), not its Message-ID header",
};

export const midsParameter: INodeProperties = {
	displayName: 'Message IDs',
	name: 'mids',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. ABsAMADBE3Y13ePXA4VlNaol, ABsAMADBE3Y13ePXA4VlNbpm',
	description:
		"IDs of messages in this mailbox (the ID field of Get Many's output), comma-separated or an array from an expression",
};

export function parseMid(field: Field, value: unknown): string {
	return validateMessageId(field, value);
}

/** One or several message IDs: comma-separated text or an array; repeats dropped. */
export function parseMids(field: Field, value: unknown): string[] {
	const entries = (Array.isArray(value) ? value : String(value ?? '').split(/[,;\s，；]+/))
		.map((entry) => String(entry ?? '').trim())
		.filter(Boolean);
	if (entries.length === 0) throw field.invalid('is empty', MESSAGE_ID_HINT);
	return [...new Set(entries.map((entry) => validateMessageId(field, entry)))];
}
