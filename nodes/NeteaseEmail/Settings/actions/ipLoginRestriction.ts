import type { Item } from '../../shared/framework/item';
import { apiRequest } from '../../shared/transport';
import type { AccountSetting } from '../helpers/accountSetting';
import { settingResource } from '../helpers/accountSetting';
import type { IpRange } from '../helpers/cidr';
import { canonicalIpRanges, parseIpRange } from '../helpers/cidr';

const FIELD = 'allowedIpRanges';

/** The entries of the parameter: text separated by commas, semicolons or white space, or a list. */
function entriesOf(value: unknown): string[] {
	const texts = Array.isArray(value) ? value.map(String) : [String(value ?? '')];
	return texts.flatMap((text) => text.split(/[\s,;]+/)).filter((entry) => entry !== '');
}

function readWanted(item: Item) {
	const ranges: IpRange[] = [];
	for (const entry of entriesOf(item.param(FIELD))) {
		const range = parseIpRange(entry);
		if (!range) {
			throw item
				.field(FIELD)
				.invalid(
					`has "${entry}", which is not an IPv4 or IPv6 address or CIDR range`,
					'Write each as an address (203.0.113.7, 2001:db8::1) or a range with its prefix length (203.0.113.0/24, 2001:db8::/32), separated by commas; leave it empty for no restriction.',
				);
		}
		ranges.push(range);
	}
	return { allowedIpRanges: canonicalIpRanges(ranges) };
}

const setting: AccountSetting<{ allowedIpRanges: string[] }> = {
	value: 'ipLoginRestriction',
	name: 'IP Login Restriction',
	noun: 'the IP login restriction',
	properties: [
		{
			displayName: 'Allowed IP Ranges',
			name: FIELD,
			type: 'string',
			default: '',
			placeholder: 'e.g. 203.0.113.0/24, 198.51.100.7, 2001:db8::/32',
			description:
				'IPv4/IPv6 addresses or CIDR ranges the account may log in from, separated by commas or new lines. Empty = no restriction (any address). Replaces the current list; order and spelling do not matter.',
		},
	],
	readWanted,
	async read(address, itemIndex) {
		const body = { domain: address.domain, accountName: address.accountName };
		const data = await apiRequest.call(this, 'ipLimit.get', body, { itemIndex });
		const entries = entriesOf(data.ipRanges);
		const ranges = entries.map(parseIpRange);
		// What the platform holds is listed as it is when it does not parse here.
		const unparsed = entries.filter((_, index) => !ranges[index]);
		const parsed = ranges.filter((range): range is IpRange => range !== undefined);
		return { allowedIpRanges: [...canonicalIpRanges(parsed), ...unparsed] };
	},
	async write(address, { allowedIpRanges }, _current, itemIndex) {
		const body = {
			domain: address.domain,
			accountName: address.accountName,
			ipRanges: allowedIpRanges.join(','),
		};
		await apiRequest.call(this, 'ipLimit.update', body, { itemIndex });
	},
};

export const ipLoginRestriction = settingResource(setting);
