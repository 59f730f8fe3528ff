/**
 * The suite's own client for the sandbox's platform API, for causing events the way an
 * administrator's other tools would (creating an account, setting a forward). Its calls carry
 * `x-e2e-driver: 1`, so that counting what the triggers cost can leave them out.
 */
import type { RequestRecord, Sandbox } from '../../../sandbox';

export const DRIVER_HEADER = 'x-e2e-driver';

export const isDriverCall = (call: RequestRecord) => call.headers[DRIVER_HEADER] === '1';

interface Envelope {
	code: number;
	success: boolean;
	message: string;
	data: unknown;
}

export class PlatformDriver {
	private token: string | undefined;

	constructor(private readonly sandbox: Sandbox) {}

	private async post(
		path: string,
		body: object,
		headers: Record<string, string>,
	): Promise<Envelope> {
		const res = await fetch(`${this.sandbox.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [DRIVER_HEADER]: '1', ...headers },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(15_000),
		});
		return (await res.json()) as Envelope;
	}

	/** A business call; throws with the platform's message unless it answers code 0. */
	async call<T = unknown>(path: string, body: object): Promise<T> {
		const { appId, orgOpenId, authCode, domain } = this.sandbox.credential;
		if (!this.token) {
			const answer = await this.post(
				'/api/pub/token/acquireToken',
				{ appId, authCode, orgOpenId },
				{},
			);
			if (answer.code !== 0)
				throw new Error(`acquireToken answered ${answer.code} ${answer.message}`);
			this.token = String((answer.data as { accessToken: string }).accessToken);
		}
		const answer = await this.post(
			path,
			{ domain, ...body },
			{ 'qiye-access-token': this.token, 'qiye-app-id': appId, 'qiye-org-open-id': orgOpenId },
		);
		if (answer.code !== 0) throw new Error(`${path} answered ${answer.code} ${answer.message}`);
		return answer.data as T;
	}
}
