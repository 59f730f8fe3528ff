import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import type { UploadFile } from '../../shared/transport';

/** What the platform lets one message carry in attachments, all files together (50 MiB). */
export const MAX_ATTACHMENT_BYTES = 52_428_800;

export const attachmentsOption: INodeProperties = {
	displayName: 'Attachments',
	name: 'attachments',
	type: 'string',
	default: '',
	placeholder: 'e.g. data, invoice',
	description:
		'Names of binary properties of the input item to attach, comma-separated; together at most 50 MiB',
};

/** An input file to attach, checked in prepare; its bytes are read again when the mail is sent. */
export interface AttachmentRef {
	property: string;
	fileName: string;
	mimeType: string;
	size: number;
}

const mib = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(1))} MiB (${bytes} bytes)`;

/**
 * Reads the Attachments option (`data, invoice`): every named binary property must be on the item,
 * and the files together within MAX_ATTACHMENT_BYTES, so a bad attachment fails before anything is
 * sent.
 */
export async function checkAttachments(
	this: IExecuteFunctions,
	item: Item,
	value: unknown,
): Promise<AttachmentRef[]> {
	const field = item.field('attachments');
	const names = [
		...new Set(
			(Array.isArray(value) ? value.map(String) : String(value ?? '').split(','))
				.map((name) => name.trim())
				.filter(Boolean),
		),
	];
	const refs: AttachmentRef[] = [];
	for (const property of names) {
		let binary;
		try {
			binary = this.helpers.assertBinaryData(item.index, property);
		} catch {
			const present = Object.keys(this.getInputData()[item.index]?.binary ?? {});
			throw field.invalid(
				`names "${property}", but the input item has no binary property of that name`,
				present.length > 0
					? `The item's binary properties are: ${present.join(', ')}.`
					: 'The item carries no files: put one on it first (e.g. with Read/Write Files from Disk or HTTP Request).',
			);
		}
		const bytes = await this.helpers.getBinaryDataBuffer(item.index, property);
		refs.push({
			property,
			fileName: binary.fileName || property,
			mimeType: binary.mimeType || 'application/octet-stream',
			size: bytes.length,
		});
	}
	const total = refs.reduce((sum, ref) => sum + ref.size, 0);
	if (total > MAX_ATTACHMENT_BYTES) {
		throw field.invalid(
			`total ${mib(total)}, more than the ${mib(MAX_ATTACHMENT_BYTES)} one message may carry`,
			'Attach fewer or smaller files, or share large files as links.',
		);
	}
	return refs;
}

/** The files as upload parts named `attachments`. */
export async function readAttachments(
	this: IExecuteFunctions,
	itemIndex: number,
	refs: AttachmentRef[],
): Promise<UploadFile[]> {
	const files: UploadFile[] = [];
	for (const { property, fileName, mimeType } of refs) {
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		files.push({ field: 'attachments', fileName, mimeType, data });
	}
	return files;
}
