import { paramError } from './envelope';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './rules';

/**
 * Readers for request-body parameters. Missing or malformed → -401 `请求参数异常: <name>`.
 * Lenient on representation (sandbox choice): ids may come as numbers, integers as numeric strings.
 */
export type Params = Record<string, unknown>;

function isAbsent(value: unknown): boolean {
	return value === undefined || value === null;
}

export function optionalString(params: Params, name: string): string | undefined {
	const value = params[name];
	if (isAbsent(value)) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw paramError(name);
}

/** A required, non-empty string. */
export function requiredString(params: Params, name: string): string {
	const value = optionalString(params, name);
	if (value === undefined || value.trim() === '') throw paramError(name);
	return value;
}

export function optionalInteger(params: Params, name: string): number | undefined {
	const value = params[name];
	if (isAbsent(value) || value === '') return undefined;
	const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number)) throw paramError(name);
	return number;
}

export function requiredInteger(params: Params, name: string): number {
	const value = optionalInteger(params, name);
	if (value === undefined) throw paramError(name);
	return value;
}

/** An integer restricted to `allowed`; undefined when absent. */
export function optionalChoice<T extends number>(
	params: Params,
	name: string,
	allowed: readonly T[],
): T | undefined {
	const value = optionalInteger(params, name);
	if (value === undefined) return undefined;
	if (!(allowed as readonly number[]).includes(value)) throw paramError(name);
	return value as T;
}

export function requiredChoice<T extends number>(
	params: Params,
	name: string,
	allowed: readonly T[],
): T {
	const value = optionalChoice(params, name, allowed);
	if (value === undefined) throw paramError(name);
	return value;
}

/** A string restricted to `allowed` (trimmed); undefined when absent or `""`. */
export function optionalOneOf<T extends string>(
	params: Params,
	name: string,
	allowed: readonly T[],
): T | undefined {
	const value = optionalString(params, name)?.trim();
	if (value === undefined || value === '') return undefined;
	if (!(allowed as readonly string[]).includes(value)) throw paramError(name);
	return value as T;
}

export function requiredOneOf<T extends string>(
	params: Params,
	name: string,
	allowed: readonly T[],
): T {
	const value = optionalOneOf(params, name, allowed);
	if (value === undefined) throw paramError(name);
	return value;
}

/** true / 1 / "true" / "1" and false / 0 / "false" / "0". */
export function optionalBoolean(params: Params, name: string): boolean | undefined {
	const value = params[name];
	if (isAbsent(value) || value === '') return undefined;
	if (value === true || value === 1 || value === 'true' || value === '1') return true;
	if (value === false || value === 0 || value === 'false' || value === '0') return false;
	throw paramError(name);
}

/** Comma-separated string (the platform's usual form) or an array; empty items dropped. */
export function optionalList(params: Params, name: string): string[] | undefined {
	const value = params[name];
	if (isAbsent(value)) return undefined;
	const items = Array.isArray(value)
		? value
		: typeof value === 'string' || typeof value === 'number'
			? String(value).split(',')
			: null;
	if (!items || !items.every((item) => typeof item === 'string' || typeof item === 'number'))
		throw paramError(name);
	return items.map((item) => String(item).trim()).filter((item) => item !== '');
}

export interface Paging {
	pageNum: number;
	pageSize: number;
}

/** `pageNum` 1-based (default 1), `pageSize` 1–500 (default 20). */
export function paging(params: Params): Paging {
	const pageNum = optionalInteger(params, 'pageNum') ?? 1;
	const pageSize = optionalInteger(params, 'pageSize') ?? DEFAULT_PAGE_SIZE;
	if (pageNum < 1) throw paramError('pageNum');
	if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw paramError('pageSize');
	return { pageNum, pageSize };
}

export function paginate<T>(
	items: readonly T[],
	{ pageNum, pageSize }: Paging,
): { list: T[]; count: number } {
	const start = (pageNum - 1) * pageSize;
	return { list: items.slice(start, start + pageSize), count: items.length };
}
