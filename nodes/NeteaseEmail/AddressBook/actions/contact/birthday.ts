import { formatChinaTime, parseChinaTime } from '../../../shared/helpers/chinaTime';
import type { Field } from '../../../shared/helpers/validation';

/**
 * The platform keeps a contact's birthday as epoch seconds. A birthday is a calendar date: the date
 * as written is sent as midnight China time (the platform's time zone), and read back as that date,
 * so it round-trips whatever the time zone of the n8n server.
 */
export function birthdaySeconds(field: Field, value: unknown): number {
	const written = value instanceof Date ? value.toISOString() : String(value ?? '').trim();
	const date = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(written);
	const ms = date ? parseChinaTime(`${date[1]}-${date[2]}-${date[3]} 0:0:0`) : NaN;
	if (Number.isNaN(ms)) {
		throw field.invalid(`"${written}" is not a date`, 'Pick a date, or give one as 1990-05-01.');
	}
	return ms / 1000;
}

/** `YYYY-MM-DD`, or null when the platform has none (it may answer 0 for none). */
export function birthdayIso(seconds: number | null): string | null {
	if (seconds === null || seconds === 0) return null;
	return formatChinaTime(seconds * 1000).slice(0, 10);
}
