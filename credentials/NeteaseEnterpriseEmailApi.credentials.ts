import type {
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../nodes/NeteaseEmail/shared/credentialType';
import { chinaTimeToIso } from '../nodes/NeteaseEmail/shared/helpers/chinaTime';
import {
	PLATFORM_CODES,
	RATE_LIMIT_CODES,
	describePlatformCode,
	TokenRefusedError,
} from '../nodes/NeteaseEmail/shared/transport/codes';
import {
	DEFAULT_BASE_URL,
	ENDPOINTS,
	endpointPath,
	parseEndpointOverrides,
	trimBaseUrl,
} from '../nodes/NeteaseEmail/shared/transport/endpoints';
import type { Envelope } from '../nodes/NeteaseEmail/shared/transport/envelope';
import { PROCESS_MARK } from '../nodes/NeteaseEmail/shared/transport/renewalGate';

interface TokenData {
	accessToken: string;
	accessTokenExpiredTime: string;
	refreshToken: string;
	refreshTokenExpiredTime: string;
}

/** A refresh token is worth trying only while it has more than a minute left. */
const REFRESH_MARGIN_MS = 60_000;

const testRules: IAuthenticateRuleResponseSuccessBody[] = Object.keys(PLATFORM_CODES)
	.map(Number)
	.map((code) => ({
		type: 'responseSuccessBody',
		properties: {
			key: 'code',
			value: code,
			message: (({ message, description }) => `${message}. ${description}`)(
				describePlatformCode(code),
			),
		},
	}));

export class NeteaseEnterpriseEmailApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'NetEase Enterprise Email API';

	icon: Icon = { light: 'file:../icons/netease.svg', dark: 'file:../icons/netease.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-netease/n8n-nodes-netease-enterprise-email#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Access Token Expires At',
			name: 'accessTokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token Expires At',
			name: 'refreshTokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Renewed By',
			name: 'renewedBy',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Renewed At',
			name: 'renewedAt',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'CorpID',
			name: 'orgOpenId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 0a1b2c3d4e5f6a7b',
			description:
				'The enterprise open ID (企业OpenId), shown with the app under 企业设置 / 自建应用管理 in the NetEase admin console',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. qy20260101000000ABCD',
			description: 'The application ID (应用ID) of the self-built app',
		},
		{
			displayName: 'AppKey',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The application authorization code (应用授权码, sent as authCode). It changes whenever the app is re-authorized.',
		},
		{
			displayName: 'Default Mail Domain',
			name: 'domain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. example.com',
			description: 'The mail domain used when an operation does not name one',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Where the Open Platform API is served. Point it at the local sandbox (e.g. http://127.0.0.1:8787) to try the nodes without a NetEase account.',
		},
		{
			displayName: 'Endpoint Path Overrides',
			name: 'endpointOverrides',
			type: 'json',
			default: '{}',
			description:
				'JSON object mapping an endpoint key (see the README) to a path, for endpoints NetEase documents differently from this package',
		},
	];

	/** Renews the access token: refresh while the refresh token lives, otherwise acquire with the AppKey. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseURL = trimBaseUrl(credentials.baseUrl as string);
		const parsed = parseEndpointOverrides(credentials.endpointOverrides);
		const overrides = typeof parsed === 'string' ? {} : parsed;
		const post = async (url: string, body?: IDataObject, qs?: IDataObject) =>
			(await this.helpers.httpRequest({
				method: 'POST',
				baseURL,
				url,
				body,
				qs,
				json: true,
			})) as Envelope<TokenData>;

		let answer: Envelope<TokenData> | undefined;
		const refreshExpiresAt = Date.parse((credentials.refreshTokenExpiresAt as string) || '');
		if (credentials.refreshToken && refreshExpiresAt - Date.now() > REFRESH_MARGIN_MS) {
			// A failed refresh (a refusal, or an HTTP or network error) falls back to the AppKey,
			// except a rate-limit answer: acquiring would only be refused too.
			answer = await post(endpointPath('token.refresh', overrides), undefined, {
				refreshToken: credentials.refreshToken,
			}).catch((error: Error) => ({ code: -1, message: error.message, data: null }));
			if (RATE_LIMIT_CODES.has(answer.code))
				throw new TokenRefusedError(answer.code, answer.message);
		}
		if (answer?.code !== 0) {
			answer = await post(endpointPath('token.acquire', overrides), {
				appId: credentials.appId,
				authCode: credentials.appSecret,
				orgOpenId: credentials.orgOpenId,
			});
		}
		if (answer.code !== 0 || !answer.data?.accessToken) {
			throw new TokenRefusedError(answer.code, answer.message);
		}
		const token = answer.data;
		return {
			accessToken: token.accessToken,
			refreshToken: token.refreshToken,
			accessTokenExpiresAt: chinaTimeToIso(token.accessTokenExpiredTime),
			refreshTokenExpiresAt: chinaTimeToIso(token.refreshTokenExpiredTime),
			renewedBy: PROCESS_MARK,
			renewedAt: new Date().toISOString(),
		};
	}

	/**
	 * A function, not a generic definition: n8n evaluates a generic one's `{{$credentials…}}`
	 * expressions in its expression sandbox for every request, about 3 ms of CPU per call.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				'qiye-access-token': String(credentials.accessToken ?? ''),
				'qiye-app-id': String(credentials.appId ?? ''),
				'qiye-org-open-id': String(credentials.orgOpenId ?? ''),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: ENDPOINTS['unit.list'].path,
			method: 'POST',
			body: { domain: '={{$credentials.domain}}' },
		},
		rules: testRules,
	};
}
