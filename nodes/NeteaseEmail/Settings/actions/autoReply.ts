import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Item } from '../../shared/framework/item';
import { parseDateTime } from '../../shared/helpers/dateTimes';
import type { AccountAddress } from '../../shared/helpers/validation';
import { itemField, textOf, validateBoolean } from '../../shared/helpers/validation';
import type { ApiContext } from '../../shared/transport';
import type { AutoReply } from '../../shared/settings/autoReply';
import { autoReplyIo, REPLY_TO } from '../../shared/settings/autoReply';
import { readSettingsToChange, settingsToChange } from '../helpers/settingsToChange';
import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';

type Wanted = AutoReply;

interface Fields {
	enabled?: boolean;
	content?: string;
	periodStart?: unknown;
	periodEnd?: unknown;
	replyTo?: string;
}

/** A period bound as outputs show it: whole seconds (the wire has no more), or `null` for none. */
function boundOf(item: Item, name: 'periodStart' | 'periodEnd', value: unknown, zone: string) {
	const epoch = parseDateTime(item.field(name), value, zone);
	return epoch === undefined ? null : new Date(Math.floor(epoch / 1000) * 1000).toISOString();
}

function readWanted(this: IExecuteFunctions, item: Item): Wanted {
	const timeZone = this.getTimezone();
	const fields = readSettingsToChange<Fields>(item);
	const wanted: Wanted = {};
	if (fields.enabled !== undefined)
		wanted.enabled = validateBoolean(item.field('enabled'), fields.enabled);
	if (fields.content !== undefined) wanted.content = textOf(item.field('content'), fields.content);
	if ('periodStart' in fields)
		wanted.periodStart = boundOf(item, 'periodStart', fields.periodStart, timeZone);
	if ('periodEnd' in fields)
		wanted.periodEnd = boundOf(item, 'periodEnd', fields.periodEnd, timeZone);
	if (fields.replyTo !== undefined) {
		if (!REPLY_TO[fields.replyTo]) {
			throw item
				.field('replyTo')
				.invalid(
					`"${fields.replyTo}" is not a choice`,
					'Use everyone, insideDomain or outsideDomain.',
				);
		}
		wanted.replyTo = fields.replyTo;
	}
	const { periodStart, periodEnd } = wanted;
	if (periodStart && periodEnd && Date.parse(periodEnd) < Date.parse(periodStart)) {
		throw item
			.field('periodEnd')
			.invalid(
				`(${periodEnd}) is before Period Start (${periodStart})`,
				'Choose an end after the start, or leave Period End empty for a reply without an end.',
			);
	}
	return wanted;
}

/**
 * When only one end of the period changes, the other is the account's own: an end before the start
 * would be refused with a bare "endTime"; say which it is instead.
 */
/** With only one end of the period given, the other is the account's current one. */
function checkPeriod(
	this: ApiContext,
	address: AccountAddress,
	wanted: Wanted,
	current: IDataObject,
	itemIndex: number,
) {
	if ('periodStart' in wanted === 'periodEnd' in wanted) return;
	const start =
		'periodStart' in wanted ? wanted.periodStart : (current.periodStart as string | null);
	const end = 'periodEnd' in wanted ? wanted.periodEnd : (current.periodEnd as string | null);
	if (!start || !end || Date.parse(end) >= Date.parse(start)) return;
	const changed = 'periodStart' in wanted ? 'Period Start' : 'Period End';
	throw itemField(this.getNode(), itemIndex, changed).invalid(
		`would leave ${address.email} with a period ending (${end}) before it starts (${start})`,
		'Set both Period Start and Period End, or choose a time that fits the period the account has.',
	);
}

const setting: AccountSetting<Wanted> = {
	value: 'autoReply',
	name: 'Auto-Reply',
	noun: 'the automatic reply',
	properties: [
		settingsToChange([
			{
				displayName: 'Content',
				name: 'content',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'The text of the automatic reply',
			},
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description: 'Whether incoming mail gets the automatic reply',
			},
			{
				displayName: 'Period End',
				name: 'periodEnd',
				type: 'dateTime',
				default: '',
				description:
					"When the automatic reply stops, in the workflow's time zone unless the value names one; empty: it does not stop",
			},
			{
				displayName: 'Period Start',
				name: 'periodStart',
				type: 'dateTime',
				default: '',
				description:
					"When the automatic reply starts, in the workflow's time zone unless the value names one; empty: right away",
			},
			{
				displayName: 'Reply To',
				name: 'replyTo',
				type: 'options',
				default: 'everyone',
				description: 'Whose mail gets the automatic reply',
				options: [
					{ name: 'Everyone', value: 'everyone' },
					{ name: 'Inside the Domain', value: 'insideDomain' },
					{ name: 'Outside the Domain', value: 'outsideDomain' },
				],
			},
		]),
	],
	readWanted,
	read: autoReplyIo.read,
	async write(address, wanted, current, itemIndex) {
		checkPeriod.call(this, address, wanted, current, itemIndex);
		await autoReplyIo.write.call(this, address, wanted, current, itemIndex);
	},
};

export const autoReply = settingResource(setting);
