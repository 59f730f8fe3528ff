/**
 * The platform writes and reads times as `yyyy-MM-dd HH:mm:ss` in China Standard Time (UTC+8,
 * no daylight saving), whatever the n8n server's own time zone is.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{1,2}):(\d{1,2})$/;

/** Returns epoch milliseconds, or NaN when the text is not a platform time. */
export function parseChinaTime(text: string): number {
	const match = PATTERN.exec((text ?? '').trim());
	if (!match) return NaN;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	// Date.UTC rolls impossible values over (Feb 30 → Mar 2); refuse them instead.
	const exact =
		utc.getUTCMonth() === month - 1 &&
		utc.getUTCDate() === day &&
		hour < 24 &&
		minute < 60 &&
		second < 60;
	return exact ? utc.getTime() - CHINA_OFFSET_MS : NaN;
}

export function chinaTimeToIso(text: string): string {
	const ms = parseChinaTime(text);
	return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

export function formatChinaTime(epochMs: number): string {
	const d = new Date(epochMs + CHINA_OFFSET_MS);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
