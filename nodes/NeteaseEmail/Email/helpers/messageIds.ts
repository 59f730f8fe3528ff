import type { INodeProperties } from 'n8n-workflow';

import type { Field } from '../../shared/helpers/validation';

const MID = /^[A-Za-z0-9_.:=+/-]{1,128}$/;
const ID_HINT =
	'Use the message\'s "id" from Message → Get Many (e.g. ABsAMADBE3Y13ePXA4VlNaol); it belongs to that mailbox.';

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

function checkMid(field: Field, text: string): string {
	if (/^<.*@.*>$/.test(text)) {
		throw field.invalid(`"${text}" is a Message-ID header, not a message ID`, ID_HINT);
	}
	if (!MID.test(text)) throw field.invalid(`"${text}" is not a message ID`, ID_HINT);
	return text;
}

export function parseMid(field: Field, value: unknown): string {
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!text) throw field.invalid('is empty', ID_HINT);
	return checkMid(field, text);
}

/** One or several message IDs: comma-separated text or an array; repeats dropped. */
export function parseMids(field: Field, value: unknown): string[] {
	const entries = (Array.isArray(value) ? value : String(value ?? '').split(/[,;\s，；]+/))
		.map((entry) => String(entry ?? '').trim())
		.filter(Boolean);
	if (entries.length === 0) throw field.invalid('is empty', ID_HINT);
	return [...new Set(entries.map((entry) => checkMid(field, entry)))];
}
