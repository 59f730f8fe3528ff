/** The platform speaks China time (UTC+8) in `yyyy-MM-dd HH:mm:ss` strings, whatever the host's zone. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export function formatChinaTime(epochMs: number): string {
	const iso = new Date(epochMs + CHINA_OFFSET_MS).toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

const TIME_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/;

/** Parses `yyyy-MM-dd HH:mm:ss` (padding optional, e.g. `2021-9-1 10:1:1`) as China time; null if invalid. */
export function parseChinaTime(text: unknown): number | null {
	if (typeof text !== 'string') return null;
	const match = TIME_PATTERN.exec(text.trim());
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
	const utc = Date.UTC(year, month - 1, day, hour, minute, second);
	if (new Date(utc).getUTCDate() !== day) return null; // e.g. 2021-2-30
	return utc - CHINA_OFFSET_MS;
}
