import {
	canonicalIpRanges,
	normaliseIpRange,
	parseIpRange,
} from '../../nodes/NeteaseEmail/Settings/helpers/cidr';
import type { IpRange } from '../../nodes/NeteaseEmail/Settings/helpers/cidr';

describe('IP ranges (CIDR)', () => {
	test.each([
		['192.0.2.7', '192.0.2.7'],
		['192.0.2.7/32', '192.0.2.7'],
		['192.0.2.0/24', '192.0.2.0/24'],
		['192.0.2.77/24', '192.0.2.0/24'],
		['10.1.2.3/9', '10.0.0.0/9'],
		['0.0.0.0/0', '0.0.0.0/0'],
		['255.255.255.255', '255.255.255.255'],
		[' 198.51.100.0/22 ', '198.51.100.0/22'],
	])('IPv4 %s → %s', (text, canonical) => {
		expect(normaliseIpRange(text)).toBe(canonical);
	});

	test.each([
		['2001:db8::1', '2001:db8::1'],
		['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
		['2001:0db8:0000:0000:0000:0000:0000:0001/128', '2001:db8::1'],
		['2001:db8::/32', '2001:db8::/32'],
		['2001:db8:ffff::1/32', '2001:db8::/32'],
		['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
		['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
		['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
		['::', '::'],
		['::/0', '::/0'],
		['::1', '::1'],
		['fe80::', 'fe80::'],
		['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
		['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
		['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
		['::ffff:c000:0201', '::ffff:192.0.2.1'],
		['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
		['2001:db8::8:800:200c:417a/64', '2001:db8::/64'],
	])('IPv6 %s → %s', (text, canonical) => {
		expect(normaliseIpRange(text)).toBe(canonical);
	});

	test.each([
		'',
		'/24',
		'192.0.2',
		'192.0.2.1.5',
		'192.0.2.256',
		'192.0.2.01',
		'192.0.2.-1',
		'192.0.2.1/33',
		'192.0.2.1/',
		'192.0.2.1/024',
		'192.0.2.1/24/8',
		'192.0.2.1/x',
		'a.b.c.d',
		'2001:db8::1::1',
		'2001:db8:::1',
		':2001:db8::1',
		'2001:db8::1:',
		'1:2:3:4:5:6:7:8:9',
		'1:2:3:4:5:6:7',
		'1:2:3:4:5:6:7:8::',
		'::1:2:3:4:5:6:7:8',
		'2001:db8::12345',
		'2001:db8::g',
		'2001:db8::/129',
		'192.0.2.1::',
		'::192.0.2.1:1',
		'fe80::1%eth0',
		'example.com',
	])('rejects %j', (text) => {
		expect(parseIpRange(text)).toBeUndefined();
	});

	test('parses to the network address and prefix', () => {
		expect(parseIpRange('10.20.30.40/12')).toEqual({
			version: 4,
			bytes: [10, 16, 0, 0],
			prefix: 12,
		});
		expect(parseIpRange('::1')).toEqual({
			version: 6,
			bytes: [...new Array<number>(15).fill(0), 1],
			prefix: 128,
		});
	});

	test('a list in any order and spelling has one canonical form: IPv4 first, sorted, each once', () => {
		const parse = (texts: string[]) => texts.map((text) => parseIpRange(text) as IpRange);
		const one = canonicalIpRanges(
			parse(['2001:db8::/32', '10.0.0.9/8', '192.0.2.7', '10.0.0.0/8', '9.9.9.9']),
		);
		const other = canonicalIpRanges(
			parse(['192.0.2.7/32', '2001:0DB8::/32', '9.9.9.9', '10.1.1.1/8']),
		);
		expect(one).toEqual(['9.9.9.9', '10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);
		expect(other).toEqual(one);
		expect(canonicalIpRanges(parse(['10.0.0.0/16', '10.0.0.0/8']))).toEqual([
			'10.0.0.0/8',
			'10.0.0.0/16',
		]);
		expect(canonicalIpRanges([])).toEqual([]);
	});
});
