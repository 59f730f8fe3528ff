import type { Field } from './validation';

const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const pad = (n: number) => String(n).padStart(2, '0');

/** How far `timeZone`'s wall clock is ahead of UTC at `epochMs`, in ms. */
function zoneOffset(epochMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(new Date(epochMs));
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
	const wall = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	);
	return wall - Math.floor(epochMs / 1000) * 1000;
}

/** A wall-clock time of `timeZone` (given as if it were UTC) as epoch ms. */
function fromWallClock(wallAsUtc: number, timeZone: string): number {
	const first = wallAsUtc - zoneOffset(wallAsUtc, timeZone);
	return wallAsUtc - zoneOffset(first, timeZone);
}

function parseIso(text: string, timeZone: string): number {
	const match = ISO.exec(text);
	if (!match) return Date.parse(text);
	const [year, month, day, hour, minute, second] = match
		.slice(1, 7)
		.map((part) => Number(part ?? 0));
	const ms = Number((match[7] ?? '0').padEnd(3, '0'));
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	const check = new Date(wall);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23) return NaN;
	const zone = match[8];
	if (!zone) return fromWallClock(wall, timeZone);
	if (zone.toUpperCase() === 'Z') return wall;
	const digits = zone.replace(':', '');
	const offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
	return digits[0] === '+' ? wall - offset : wall + offset;
}

/**
 * A date-and-time parameter as epoch ms, `undefined` when empty: ISO text with any zone (without
 * one it is the workflow's time zone), epoch ms, a Date, or a Luxon DateTime from an expression.
 */
export function parseDateTime(field: Field, value: unknown, timeZone: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let epoch = NaN;
	if (typeof value === 'number') epoch = value;
	else if (value instanceof Date) epoch = value.getTime();
	else if (typeof value === 'string') epoch = parseIso(value.trim(), timeZone);
	else if (typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		epoch = (value as { toMillis: () => number }).toMillis();
	}
	if (!Number.isFinite(epoch)) {
		throw field.invalid(
			`"${String(value)}" is not a date and time`,
			"Use e.g. 2026-03-01T09:00:00 (the workflow's time zone), 2026-03-01T09:00:00+08:00, or an expression such as {{ $now.minus({ days: 1 }) }}.",
		);
	}
	return epoch;
}

/** `2026-03-05 14:30 (UTC+08:00)`: a time as people in `timeZone` read it. */
export function formatDateTime(epochMs: number, timeZone: string): string {
	const offset = zoneOffset(epochMs, timeZone);
	const wall = new Date(epochMs + offset);
	const sign = offset < 0 ? '-' : '+';
	const minutes = Math.abs(offset) / 60_000;
	return (
		`${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
		`${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())} ` +
		`(UTC${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)})`
	);
}
