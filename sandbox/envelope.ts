/** Response codes and their descriptions, exactly as in the official table (reference §4.2). */
export const CODE_DESCRIPTIONS: Readonly<Record<number, string>> = {
	0: '成功',
	[-1]: '系统内部异常',
	[-2]: '系统内部服务异常',
	[-3]: '通用业务操作失败',
	[-4]: '系统数据不存在',
	[-100]: '认证失败',
	[-101]: '认证数据不存在',
	[-200]: '访问受限',
	[-201]: 'IP 受限',
	[-202]: '接口权限未注册',
	[-300]: 'token 不可用',
	[-301]: 'access token 失效',
	[-302]: 'refresh token 失效',
	[-303]: 'token 产生失败',
	[-304]: '授权失效',
	[-305]: '应用失效',
	[-320]: 'sso token 产生失败',
	[-321]: 'sso token 验证失败',
	[-322]: 'sso token 过期',
	[-400]: '请求异常',
	[-401]: '请求参数异常',
	[-421]: '请求重复',
	[-422]: '请求频率过高',
	[-423]: 'APP 请求频率过高',
	[-424]: '请求头异常',
	[-500]: '第三方服务访问异常',
};

export interface Envelope {
	code: number;
	success: boolean;
	message: string;
	data: unknown;
}

/** `"<description>: <MARKER>[:detail]"`, or just the description when there is no marker. */
export function platformMessage(code: number, marker?: string, detail?: string): string {
	const description = CODE_DESCRIPTIONS[code] ?? '未知错误';
	if (!marker) return description;
	return `${description}: ${marker}${detail ? `:${detail}` : ''}`;
}

export class PlatformError extends Error {
	constructor(
		readonly code: number,
		readonly marker?: string,
		readonly detail?: string,
	) {
		super(platformMessage(code, marker, detail));
		this.name = 'PlatformError';
	}
}

/** -3 with a business marker in the message. */
export function businessError(marker: string, detail?: string): PlatformError {
	return new PlatformError(-3, marker, detail);
}

/** -401 `请求参数异常: <param>`. */
export function paramError(param: string): PlatformError {
	return new PlatformError(-401, param);
}

export function accountNotExist(email: string): PlatformError {
	return businessError('ACCOUNT.NOTEXIST', `${email}账号不存在`);
}

export function successEnvelope(data: unknown): Envelope {
	return { code: 0, success: true, message: '', data: data === undefined ? null : data };
}

export function errorEnvelope(error: PlatformError): Envelope {
	return { code: error.code, success: false, message: error.message, data: null };
}
