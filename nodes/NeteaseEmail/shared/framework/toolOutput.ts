import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { htmlToText } from '../helpers/htmlToText';
import type { MailBodyFields, Operation } from './operation';
import { NodeParameters } from './parameters';

/*
 * What an AI agent reads when it runs a node as a tool (safety.ts, runsAsTool) is compact: the
 * output simplified whatever Options → Simplify says, a mail body as plain text of at most
 * BODY_LIMIT characters, and no file contents in the JSON. Files an operation's own option asked
 * for (Download Attachments) stay on the item as binary data, which n8n does not give the model.
 */

/** Characters of a mail body a model reads; the rest is cut off with a marker saying how much. */
export const BODY_LIMIT = 4_000;

/** A string this long of nothing but base64 is file content, not words. */
const FILE_CONTENT_MIN_LENGTH = 256;
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;

const hasSimplifyOption = (properties: INodeProperties[]) =>
	properties.some(
		(property) =>
			property.name === 'options' &&
			(property.options as INodeProperties[] | undefined)?.some(
				(option) => option.name === 'simplify',
			),
	);

/** An operation's parameters as an AI tool reads them: Options → Simplify is on. */
export class ToolParameters extends NodeParameters {
	private readonly simplifies: boolean;

	constructor(context: IExecuteFunctions, properties: INodeProperties[]) {
		super(context, properties);
		this.simplifies = hasSimplifyOption(properties);
	}

	override get(name: string, index: number, fallback?: unknown): unknown {
		const value = super.get(name, index, fallback);
		if (name !== 'options' || !this.simplifies) return value;
		const options = value !== null && typeof value === 'object' ? (value as IDataObject) : {};
		return { ...options, simplify: true };
	}
}

/** Where a cut may end, best first: after a line, a sentence, a word or a clause. */
const BREAKS = [/\n/g, /[。！？]|[.!?](?=\s)/g, /[\s，、；,;]/g];

/** Text cut to `limit` characters, at the best break in its last tenth, with a marker. */
export function clip(text: string, limit = BODY_LIMIT): string {
	if (text.length <= limit) return text;
	const from = Math.floor(limit * 0.9);
	const tail = text.slice(from, limit);
	let end = limit;
	for (const pattern of BREAKS) {
		const last = [...tail.matchAll(pattern)].pop();
		if (last) {
			end = from + last.index + last[0].length;
			break;
		}
	}
	// Never between the two halves of a character outside the BMP (an emoji, a rare Han character).
	if (end === limit && /[\ud800-\udbff]/.test(text[end - 1])) end--;
	const kept = text.slice(0, end).trimEnd();
	const more = [...text.slice(kept.length)].length;
	return `${kept}… [truncated, ${more} more characters]`;
}

/** The body as one plain text: the text body, else the HTML body as text; no HTML field. */
function plainBody(json: IDataObject, fields: MailBodyFields): IDataObject {
	const { [fields.html]: html, ...rest } = json;
	const text = typeof json[fields.text] === 'string' ? (json[fields.text] as string).trim() : '';
	const body = text || htmlToText(typeof html === 'string' ? html : '');
	return { ...rest, [fields.text]: clip(body) };
}

function withoutFileContent(value: unknown): unknown {
	if (typeof value === 'string') {
		if (value.length < FILE_CONTENT_MIN_LENGTH || !BASE64.test(value)) return value;
		const bytes = Math.floor((value.replace(/[\r\n=]/g, '').length * 3) / 4);
		return `[file content left out: ${bytes} bytes]`;
	}
	if (Array.isArray(value)) return value.map(withoutFileContent);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, field]) => [key, withoutFileContent(field)]),
		);
	}
	return value;
}

/** An output item's JSON as a model reads it (it was simplified when the operation ran). */
export function forModel(operation: Operation, json: IDataObject): IDataObject {
	const compact = operation.mailBody ? plainBody(json, operation.mailBody) : json;
	return withoutFileContent(compact) as IDataObject;
}
