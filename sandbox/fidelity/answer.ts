/** A platform answer as the fidelity diff reads it: envelope code, business marker, data. */

export type AnswerKind = 'envelope' | 'json' | 'text' | 'file' | 'empty';

export interface Answer {
	kind: AnswerKind;
	httpStatus: number;
	/** The envelope's code; undefined when the answer is no envelope. */
	code?: number;
	/** The business marker (`UNIT.EXIST`) or, for -401, the parameter named (`unitName`). */
	marker?: string;
	/** The envelope's data; undefined when the answer is no envelope. */
	data?: unknown;
	/** The whole parsed body. */
	body: unknown;
}

export function readAnswer(httpStatus: number, body: unknown): Answer {
	if (body === null || body === undefined || body === '')
		return { kind: 'empty', httpStatus, body: null };
	if (typeof body === 'string') return { kind: 'text', httpStatus, body };
	if (isRecord(body) && body.binary === true && typeof body.size === 'number')
		return { kind: 'file', httpStatus, body };
	if (isRecord(body) && typeof body.code === 'number') {
		const marker = typeof body.message === 'string' ? markerOf(body.message) : undefined;
		return { kind: 'envelope', httpStatus, code: body.code, marker, data: body.data, body };
	}
	return { kind: 'json', httpStatus, body };
}

/**
 * The marker of `"<description>: <MARKER>[:detail]"` (reference §4.1): `通用业务操作失败:
 * ACCOUNT.NOTEXIST:x账号不存在` → `ACCOUNT.NOTEXIST`, `请求参数异常: unitName` → `unitName`.
 */
export function markerOf(message: string): string | undefined {
	const colon = message.indexOf(': ');
	if (colon < 0) return undefined;
	const rest = message.slice(colon + 2);
	const end = rest.indexOf(':');
	const marker = (end < 0 ? rest : rest.slice(0, end)).trim();
	return marker === '' ? undefined : marker;
}

export function succeeded(answer: Answer): boolean {
	return answer.kind === 'envelope' && answer.code === 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
