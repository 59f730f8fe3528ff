/**
 * IPv4 and IPv6 ranges: a single address (`192.0.2.7`, `2001:db8::1`) or an address with a prefix
 * length (`192.0.2.0/24`, `2001:db8::/32`), parsed strictly and written in one canonical form, so
 * that two lists naming the same ranges compare equal whatever their spelling or order.
 */
export interface IpRange {
	version: 4 | 6;
	/** The network address: 4 or 16 bytes, the bits after the prefix cleared. */
	bytes: number[];
	/** 0–32 or 0–128; the full length for a single address. */
	prefix: number;
}

const DECIMAL = /^(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIPv4(text: string): number[] | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((part) => DECIMAL.test(part))) return undefined;
	const bytes = parts.map(Number);
	return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

/** Hex groups of one side of `::` as bytes; the last group may be a dotted IPv4 address. */
function groupBytes(groups: string[], allowIPv4Tail: boolean): number[] | undefined {
	const bytes: number[] = [];
	for (const [index, group] of groups.entries()) {
		if (allowIPv4Tail && index === groups.length - 1 && group.includes('.')) {
			const ipv4 = parseIPv4(group);
			if (!ipv4) return undefined;
			bytes.push(...ipv4);
		} else if (HEX_GROUP.test(group)) {
			const value = parseInt(group, 16);
			bytes.push(value >> 8, value & 0xff);
		} else {
			return undefined;
		}
	}
	return bytes;
}

function parseIPv6(text: string): number[] | undefined {
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const split = (half: string) => (half === '' ? [] : half.split(':'));
	if (halves.length === 1) {
		const bytes = groupBytes(split(text), true);
		return bytes?.length === 16 ? bytes : undefined;
	}
	const head = groupBytes(split(halves[0]), false);
	const tail = groupBytes(split(halves[1]), true);
	// `::` stands for at least one group of zeros.
	if (!head || !tail || head.length + tail.length > 14) return undefined;
	return [...head, ...new Array<number>(16 - head.length - tail.length).fill(0), ...tail];
}

function clearHostBits(bytes: number[], prefix: number): number[] {
	return bytes.map((byte, index) => {
		const networkBits = Math.min(8, Math.max(0, prefix - index * 8));
		return byte & ((0xff << (8 - networkBits)) & 0xff);
	});
}

/** `192.0.2.0/24`, `2001:db8::/32` or a single address; undefined when it does not parse. */
export function parseIpRange(text: string): IpRange | undefined {
	const [address, prefixText, ...rest] = text.trim().split('/');
	if (rest.length > 0) return undefined;
	const version = address.includes(':') ? 6 : 4;
	const bytes = version === 4 ? parseIPv4(address) : parseIPv6(address);
	if (!bytes) return undefined;
	const bits = bytes.length * 8;
	let prefix = bits;
	if (prefixText !== undefined) {
		if (!DECIMAL.test(prefixText) || Number(prefixText) > bits) return undefined;
		prefix = Number(prefixText);
	}
	return { version, bytes: clearHostBits(bytes, prefix), prefix };
}

/** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as `::`. */
function formatIPv6(bytes: number[]): string {
	const groups = Array.from({ length: 8 }, (_, n) => (bytes[2 * n] << 8) | bytes[2 * n + 1]);
	const mappedIPv4 = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
	if (mappedIPv4) return `::ffff:${bytes.slice(12).join('.')}`;
	let best = { start: -1, length: 1 };
	for (let start = 0; start < 8; ) {
		let end = start;
		while (end < 8 && groups[end] === 0) end++;
		if (end - start > best.length) best = { start, length: end - start };
		start = end === start ? start + 1 : end;
	}
	const hex = (list: number[]) => list.map((group) => group.toString(16)).join(':');
	if (best.start === -1) return hex(groups);
	const head = hex(groups.slice(0, best.start));
	const tail = hex(groups.slice(best.start + best.length));
	return `${head}::${tail}`;
}

/** The canonical spelling: a single address without its prefix, a range as its network address. */
export function formatIpRange({ version, bytes, prefix }: IpRange): string {
	const address = version === 4 ? bytes.join('.') : formatIPv6(bytes);
	return prefix === bytes.length * 8 ? address : `${address}/${prefix}`;
}

/** The canonical spelling of `text`, or undefined when it is not an address or a CIDR range. */
export function normaliseIpRange(text: string): string | undefined {
	const range = parseIpRange(text);
	return range && formatIpRange(range);
}

/** IPv4 first, then by network address, then by prefix length. */
export function compareIpRanges(a: IpRange, b: IpRange): number {
	if (a.version !== b.version) return a.version - b.version;
	for (let index = 0; index < a.bytes.length; index++) {
		if (a.bytes[index] !== b.bytes[index]) return a.bytes[index] - b.bytes[index];
	}
	return a.prefix - b.prefix;
}

/** Parsed ranges in canonical spelling, each once, sorted: equal lists mean the same ranges. */
export function canonicalIpRanges(ranges: IpRange[]): string[] {
	const sorted = [...ranges].sort(compareIpRanges).map(formatIpRange);
	return sorted.filter((range, index) => range !== sorted[index - 1]);
}
