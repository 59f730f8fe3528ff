/**
 * Turns a recording's placeholders (`<user-1>`, `<mobile-1>`, `<password-1>`…) into valid values
 * the sandbox accepts, the same value for the same placeholder everywhere.
 */
import { createHash } from 'node:crypto';

import { isRecord } from './answer';
import { PLACEHOLDER } from './redact';

/** Values standing for the sandbox's own secrets. */
export interface SandboxSecrets {
	authCode: string;
	accessToken(): string;
	refreshToken(): string;
	ssoToken(): string;
}

/** `<user-3>` → `user3`, `<mobile-3>` → `13800000003`, `<password-3>` → `Fidelity#0003`. */
export function placeholderValue(kind: string, n: number, secrets: SandboxSecrets): string {
	switch (kind) {
		case 'user':
			return `user${n}`;
		case 'mobile':
			return `138${String(n).padStart(8, '0')}`;
		case 'password':
			return `Fidelity#${String(n).padStart(4, '0')}`;
		case 'appkey':
			return secrets.authCode;
		case 'access-token':
			return secrets.accessToken();
		case 'refresh-token':
			return secrets.refreshToken();
		case 'sso-token':
			return secrets.ssoToken();
		default:
			return `${kind.replace(/-/g, '')}${n}`;
	}
}

export function resolveText(text: string, secrets: SandboxSecrets): string {
	return text.replace(new RegExp(PLACEHOLDER.source, 'g'), (_match, kind: string, n: string) =>
		placeholderValue(kind, Number(n), secrets),
	);
}

/** A deep copy of `value` with every placeholder resolved (in keys too). */
export function resolvePlaceholders(value: unknown, secrets: SandboxSecrets): unknown {
	if (typeof value === 'string') return resolveText(value, secrets);
	if (Array.isArray(value)) return value.map((each) => resolvePlaceholders(each, secrets));
	if (isRecord(value))
		return Object.fromEntries(
			Object.entries(value).map(([key, each]) => [
				resolveText(key, secrets),
				resolvePlaceholders(each, secrets),
			]),
		);
	return value;
}

/**
 * A request body with its placeholders resolved. With `passType` 1 the platform wants the
 * password's MD5, so a resolved password becomes the MD5 of the stand-in password.
 */
export function resolveRequestBody(body: unknown, secrets: SandboxSecrets): unknown {
	const resolved = resolvePlaceholders(body, secrets);
	if (!isRecord(resolved)) return resolved;
	const fields =
		isRecord(resolved.fields) && resolved.multipart === true ? resolved.fields : resolved;
	if (String(fields.passType) === '1' && typeof fields.password === 'string') {
		if (!/^[0-9a-fA-F]{32}$/.test(fields.password))
			fields.password = createHash('md5').update(fields.password, 'utf8').digest('hex');
	}
	return resolved;
}
