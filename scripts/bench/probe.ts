/**
 * How long the sandbox itself takes to answer one page of the account list to a plain client
 * (its latency included), to tell its share of a Get Many run from n8n's.
 */
import type { Sandbox } from '../../sandbox';

async function post(url: string, body: object, headers: Record<string, string> = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	return (await response.json()) as {
		code: number;
		message?: string;
		data?: Record<string, unknown>;
	};
}

/**
 * Median milliseconds of one getAccountList page (pageSize 100) over the given pages, each asked
 * twice: first to warm up (the first calls run cold code), then timed.
 */
export async function pageAnswerMs(sandbox: Sandbox, pageNums: number[]): Promise<number> {
	const { appId, authCode, orgOpenId, domain } = sandbox.identity;
	const token = await post(`${sandbox.url}/api/pub/token/acquireToken`, {
		appId,
		authCode,
		orgOpenId,
	});
	if (token.code !== 0) throw new Error(`acquireToken answered ${token.code} ${token.message}`);
	const headers = {
		'qiye-access-token': String(token.data?.accessToken),
		'qiye-app-id': appId,
		'qiye-org-open-id': orgOpenId,
	};
	const page = async (pageNum: number) => {
		const started = performance.now();
		const answer = await post(
			`${sandbox.url}/api/open/unit/getAccountList`,
			{ domain, recursion: true, pageNum, pageSize: 100 },
			headers,
		);
		if (answer.code !== 0)
			throw new Error(`getAccountList answered ${answer.code} ${answer.message}`);
		return performance.now() - started;
	};
	for (const pageNum of pageNums) await page(pageNum);
	const times: number[] = [];
	for (const pageNum of pageNums) times.push(await page(pageNum));
	times.sort((a, b) => a - b);
	return Math.round(times[Math.floor(times.length / 2)]);
}
