import { textOf, validateBoolean } from '../../shared/helpers/validation';
import { apiRequest } from '../../shared/transport';
import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';
import { readSettingsToChange, settingsToChange } from '../helpers/settingsToChange';

const CONTENT_MAX_LENGTH = 10000;
const FORMATS = ['html', 'text'];

type Signature = { enabled?: boolean; format?: string; content?: string };

const setting: AccountSetting<Signature> = {
	value: 'signature',
	name: 'Signature',
	noun: 'the signature',
	properties: [
		settingsToChange([
			{
				displayName: 'Content',
				name: 'content',
				type: 'string',
				default: '',
				typeOptions: { rows: 4 },
				description: `The signature, at most ${CONTENT_MAX_LENGTH} characters; HTML markup when Format is HTML`,
			},
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description: 'Whether the signature is added to the mails the account writes',
			},
			{
				displayName: 'Format',
				name: 'format',
				type: 'options',
				default: 'text',
				options: [
					{ name: 'HTML', value: 'html' },
					{ name: 'Plain Text', value: 'text' },
				],
			},
		]),
	],
	readWanted(item) {
		const fields = readSettingsToChange<Record<keyof Signature, unknown>>(item);
		const wanted: Signature = {};
		if (fields.enabled !== undefined)
			wanted.enabled = validateBoolean(item.field('enabled'), fields.enabled);
		if (fields.format !== undefined) {
			if (!FORMATS.includes(String(fields.format))) {
				throw item
					.field('format')
					.invalid(`is "${String(fields.format)}"`, 'Choose HTML ("html") or Plain Text ("text").');
			}
			wanted.format = String(fields.format);
		}
		if (fields.content !== undefined) {
			const content = textOf(item.field('content'), fields.content);
			if (content.length > CONTENT_MAX_LENGTH) {
				throw item
					.field('content')
					.invalid(
						`is ${content.length} characters long, more than ${CONTENT_MAX_LENGTH}`,
						`Shorten the signature to ${CONTENT_MAX_LENGTH} characters or fewer.`,
					);
			}
			wanted.content = content;
		}
		return wanted;
	},
	async read(address, itemIndex) {
		const body = { domain: address.domain, accountName: address.accountName };
		const data = await apiRequest.call(this, 'signature.get', body, { itemIndex });
		return {
			enabled: Number(data.enabled) === 1,
			format: String(data.contentType ?? 'text'),
			content: String(data.content ?? ''),
		};
	},
	async write(address, wanted, _current, itemIndex) {
		const body = {
			domain: address.domain,
			accountName: address.accountName,
			...(wanted.enabled !== undefined ? { enabled: wanted.enabled ? 1 : 0 } : {}),
			...(wanted.format !== undefined ? { contentType: wanted.format } : {}),
			...(wanted.content !== undefined ? { content: wanted.content } : {}),
		};
		await apiRequest.call(this, 'signature.update', body, { itemIndex });
	},
};

export const signature = settingResource(setting);
