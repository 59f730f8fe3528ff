/**
 * The secrets a run handled, and where any of them shows up in text n8n wrote.
 *
 * Secrets: the AppKey of every credential (the sandbox's and a wrong one), and every access,
 * refresh and SSO token the sandbox's request log shows n8n sending (`qiye-access-token` and
 * `qiye-sso-auth-token` headers, `refreshToken` of /api/pub/token/refresh, `authCode` of token
 * calls), plus the tokens n8n stored last in its credentials (issued, maybe never sent).
 */
import type { RequestRecord } from '../../../sandbox';

export interface Secret {
	/** What it is, e.g. "access token". */
	kind: string;
	value: string;
}

/** A text n8n wrote, and what to call it in a finding. */
export interface Written {
	where: string;
	text: string;
}

export interface Leak {
	secret: Secret;
	where: string;
	/** 1-based line of the first occurrence. */
	line: number;
	/** That line, the secret masked, cut to about 200 characters around it. */
	excerpt: string;
}

/** Shorter values are too likely to match by chance (and no secret here is that short). */
const MIN_LENGTH = 6;

/** The secrets the sandbox saw in the calls n8n made. */
export function sentSecrets(calls: RequestRecord[]): Secret[] {
	const found: Secret[] = [];
	const add = (kind: string, value: unknown) => {
		if (typeof value === 'string' && value) found.push({ kind, value });
	};
	for (const call of calls) {
		add('access token', call.headers['qiye-access-token']);
		add('SSO token', call.headers['qiye-sso-auth-token']);
		add('refresh token', call.query.refreshToken);
		if (call.path.startsWith('/api/pub/token/') && call.body && typeof call.body === 'object')
			add('AppKey', (call.body as Record<string, unknown>).authCode);
	}
	return found;
}

/** Each value once (the first kind named wins), none too short to search for. */
export function distinct(secrets: Secret[]): Secret[] {
	const byValue = new Map<string, Secret>();
	for (const secret of secrets)
		if (secret.value.length >= MIN_LENGTH && !byValue.has(secret.value))
			byValue.set(secret.value, secret);
	return [...byValue.values()];
}

/** Every place (text and line) where a secret occurs, first occurrence per secret and text. */
export function findLeaks(secrets: Secret[], written: Written[]): Leak[] {
	const leaks: Leak[] = [];
	for (const { where, text } of written) {
		for (const secret of secrets) {
			const at = text.indexOf(secret.value);
			if (at < 0) continue;
			const lineStart = text.lastIndexOf('\n', at) + 1;
			const lineEnd = text.indexOf('\n', at);
			const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
			const column = at - lineStart;
			const excerpt = line
				.slice(Math.max(0, column - 100), column + secret.value.length + 100)
				.split(secret.value)
				.join(`<${secret.kind}>`);
			leaks.push({
				secret,
				where,
				line: text.slice(0, at).split('\n').length,
				excerpt: excerpt.replace(/\s+/g, ' ').trim(),
			});
		}
	}
	return leaks;
}

/** One line per leak: what, where, and the masked line. */
export function describeLeaks(leaks: Leak[]): string {
	return leaks
		.map(
			(leak) =>
				`${leak.secret.kind} ${leak.secret.value.slice(0, 8)}… in ${leak.where} line ${leak.line}: ${leak.excerpt}`,
		)
		.join('; ');
}

/** How many leaks, and where: short enough for a check line (describeLeaks has every detail). */
export function summarizeLeaks(leaks: Leak[]): string {
	const places = [...new Set(leaks.map((leak) => leak.where))];
	return `${leaks.length} found, in ${places.length} place(s): ${places.join('; ')}`;
}

/** "AppKey ×2, access token ×5, …" */
export function countKinds(secrets: Secret[]): string {
	const counts = new Map<string, number>();
	for (const { kind } of secrets) counts.set(kind, (counts.get(kind) ?? 0) + 1);
	return [...counts].map(([kind, n]) => `${kind} ×${n}`).join(', ');
}
