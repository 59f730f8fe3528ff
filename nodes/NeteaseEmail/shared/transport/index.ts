import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { isMailDomain } from '../helpers/validation';
import type { EndpointKey } from './endpoints';
import { ENDPOINTS, endpointPath } from './endpoints';
import { unknownOutcomeError } from './errors';
import type { Upload } from './multipart';
import { encodeMultipart, isUpload } from './multipart';
import type { Answer, Step, Tally, TokenKind } from './policy';
import { classify, isExpiryAnswer, POLICY } from './policy';
import type { ApiContext, Session } from './session';
import { backoffMs } from './pacing';
import { getSession, sendWithSsoToken, sendWithToken, storedTokenDiffers } from './session';
import { requestTimeout } from './timeouts';

export type { ApiContext } from './session';
export { refusalMarker } from './errors';
export type { Upload, UploadFile } from './multipart';
export type { Answer, Refusal } from './policy';

/** A path outside the catalogue (Platform Request): the caller says whether it writes. */
export interface CustomEndpoint {
	path: string;
	write: boolean;
}

export interface RequestOptions {
	itemIndex?: number;
	query?: IDataObject;
	/**
	 * For writes: looks up whether a write whose answer never arrived took effect. Returns the
	 * answer's `data` as the platform would have sent it when it did, `undefined` when it did not
	 * (the write is then sent again).
	 */
	verify?: () => Promise<IDataObject | undefined>;
}

function target(ref: EndpointKey | CustomEndpoint, session: Session) {
	if (typeof ref === 'object') {
		const token: TokenKind = 'accessToken';
		return { label: ref.path, url: ref.path, checkedWrite: ref.write, token, upload: false };
	}
	const { write, idempotent, auth, body } = ENDPOINTS[ref];
	if (auth === 'none') throw new Error(`"${ref}" is a token endpoint, called by the credential`);
	return {
		label: ref,
		url: endpointPath(ref, session.overrides),
		checkedWrite: write && !idempotent,
		token: auth,
		upload: body === 'upload',
	};
}

/** The body as it travels: JSON, or multipart for an endpoint that takes files. */
function encodeBody(body: IDataObject | Upload, upload: boolean, label: string) {
	if (upload !== isUpload(body)) {
		throw new Error(`"${label}" takes ${upload ? 'an upload' : 'a JSON body'}`);
	}
	if (!isUpload(body)) return { body };
	const encoded = encodeMultipart(body);
	return { body: encoded.body, headers: { 'content-type': encoded.contentType } };
}

/**
 * Calls one endpoint and applies the retry POLICY to each attempt: renews the token on the
 * platform's expiry codes, paces on rate limits, retries transient failures, and never sends a
 * write again before `verify` has shown that the first attempt did not take effect. The platform's
 * refusals are returned, not thrown, so callers can act on an expected one (e.g. "already exists").
 */
export async function tryApiRequest(
	this: ApiContext,
	ref: EndpointKey | CustomEndpoint,
	body: IDataObject | Upload = {},
	{ itemIndex, query, verify }: RequestOptions = {},
): Promise<Answer> {
	const node = this.getNode();
	const session = await getSession(this);
	const { label, url, checkedWrite, token: tokenKind, upload } = target(ref, session);
	const request: IHttpRequestOptions = {
		method: 'POST',
		baseURL: session.baseUrl,
		url,
		...encodeBody(body, upload, label),
		qs: query,
		json: true,
		timeout: requestTimeout(this, itemIndex),
	};
	const send = (staleToken: string | undefined, reacquire: boolean) =>
		tokenKind === 'ssoToken'
			? sendWithSsoToken.call(this, session, request, staleToken)
			: sendWithToken.call(this, session, request, staleToken, reacquire);

	const tally: Tally = { expiryAnswers: 0, rateLimited: 0, transient: 0, failedRenewals: 0 };
	let staleToken: string | undefined;
	let reacquire = false;
	for (;;) {
		const { attempt, token, renewed, turn } = await send(staleToken, reacquire);
		session.pacing.answered(turn);
		const failedRenewal =
			renewed &&
			isExpiryAnswer(attempt, tokenKind) &&
			// A token another execution's renewal retired since is no failure of this one.
			!(tokenKind === 'accessToken' && (await storedTokenDiffers.call(this, token)));
		if (failedRenewal) tally.failedRenewals++;
		const verdict = classify(attempt, {
			node,
			endpoint: label,
			itemIndex,
			checkedWrite,
			token: tokenKind,
			tally,
		});
		const rule = POLICY[verdict.outcome];

		if (rule.verify) {
			if (!verify) throw unknownOutcomeError(node, label, verdict.reason ?? '', itemIndex);
			const applied = await verify();
			if (applied !== undefined) return { data: applied };
		}
		if (!rule.step || !rule.budget) return verdict.settle();
		const [counter, limit] = rule.budget;
		if (tally[counter] >= limit) return verdict.settle();
		const retry = tally[counter]++;

		if (!verdict.renewalFailed) {
			staleToken = undefined;
			reacquire = false;
		}
		const steps: Record<Step, () => Promise<void> | void> = {
			renewToken: () => {
				staleToken = token;
				reacquire = verdict.reacquire ?? false;
			},
			pace: async () => {
				const wait = session.pacing.refused(turn, retry);
				if (wait > 0) await sleep(wait);
			},
			backOff: () => sleep(backoffMs(retry)),
		};
		await steps[rule.step]();
	}
}

/** Calls one endpoint and returns the envelope's `data`; see `tryApiRequest`. */
export async function apiRequest(
	this: ApiContext,
	ref: EndpointKey | CustomEndpoint,
	body: IDataObject | Upload = {},
	options: RequestOptions = {},
): Promise<IDataObject> {
	const answer = await tryApiRequest.call(this, ref, body, options);
	if ('refusal' in answer) throw answer.refusal.error;
	return answer.data;
}

export interface PageOptions {
	itemIndex?: number;
	/** Stop after this many items; omit for all of them. */
	limit?: number;
	pageSize?: number;
	/** Filters each page as it comes: only the items it keeps are returned and count towards `limit`. */
	keep?: (item: IDataObject) => boolean;
	/**
	 * Turns each page's kept items into what is returned, one for one and in order, as the page
	 * arrives: the raw answer is dropped then, so a long list is never held twice.
	 */
	convert?: (items: IDataObject[]) => IDataObject[] | Promise<IDataObject[]>;
}

/** Pages in flight at most once the first page told how many there are; the pacing still applies. */
const PARALLEL_PAGES = 10;

interface Page {
	items: IDataObject[];
	/** Items the platform listed on the page, before `keep`. */
	listed: number;
	total?: number;
}

/**
 * Reads a `pageNum`/`pageSize` list: all of it, or until `limit` items were kept. When the first
 * page gives the `count`, the other pages are read up to PARALLEL_PAGES at a time, each sent as
 * soon as one before it is taken; otherwise one after another until a page comes back short or
 * empty. Items come back in the platform's order either way.
 */
export async function apiRequestAllItems(
	this: ApiContext,
	key: EndpointKey,
	body: IDataObject = {},
	{ itemIndex, limit, pageSize = 100, keep, convert }: PageOptions = {},
): Promise<IDataObject[]> {
	// One page size for the whole walk: pageNum offsets shift if it changes between pages.
	const size = limit === undefined || keep ? pageSize : Math.min(pageSize, limit);
	const readPage = async (pageNum: number): Promise<Page> => {
		const page = await apiRequest.call(
			this,
			key,
			{ ...body, pageNum, pageSize: size },
			{ itemIndex },
		);
		const list = (page?.list as IDataObject[] | undefined) ?? [];
		const kept = keep ? list.filter(keep) : list;
		return {
			items: convert ? await convert(kept) : kept,
			listed: list.length,
			total: typeof page?.count === 'number' ? page.count : undefined,
		};
	};
	const items: IDataObject[] = [];
	let seen = 0;
	/** Takes a page in; true when the walk is over. */
	const take = ({ items: pageItems, listed, total }: Page): boolean => {
		seen += listed;
		const room = limit === undefined ? pageItems.length : limit - items.length;
		for (let n = 0; n < Math.min(room, pageItems.length); n++) items.push(pageItems[n]);
		// Trust `count` when given: the platform may serve fewer items per page than asked for.
		const lastPage = listed === 0 || (total !== undefined ? seen >= total : listed < size);
		return lastPage || (limit !== undefined && items.length >= limit);
	};

	const first = await readPage(1);
	let done = take(first);
	let pageNum = 2;
	// A full first page with a count: the pages ahead are known, read them several at a time.
	if (!done && first.total !== undefined && first.listed === size) {
		// Without a filter, a limit says how many items are wanted; with one, it is not known.
		const wanted = limit === undefined || keep ? first.total : Math.min(first.total, limit);
		const lastPage = Math.ceil(wanted / size);
		const inFlight = new Map<number, Promise<Page>>();
		let nextToSend = pageNum;
		for (; !done && pageNum <= lastPage; pageNum++) {
			while (nextToSend <= lastPage && inFlight.size < PARALLEL_PAGES) {
				const reading = readPage(nextToSend);
				// Pages still in flight when the walk ends or fails are not awaited: no unhandled rejection.
				reading.catch(() => undefined);
				inFlight.set(nextToSend++, reading);
			}
			const page = await inFlight.get(pageNum)!;
			inFlight.delete(pageNum);
			done = take(page);
		}
	}
	while (!done) done = take(await readPage(pageNum++));
	return items;
}

/** The credential's default mail domain, checked before it is used in any request. */
export async function defaultDomain(this: ApiContext): Promise<string> {
	const session = await getSession(this);
	const domain = String(session.credential.data?.domain ?? '')
		.trim()
		.toLowerCase();
	if (!isMailDomain(domain)) {
		throw new NodeOperationError(
			this.getNode(),
			`The credential's Default Mail Domain "${domain}" is not a mail domain`,
			{
				description: 'Set it to your mail domain, e.g. example.com, without "@" or "http://".',
			},
		);
	}
	return domain;
}

/** The credential's CorpID (orgOpenId), which some endpoints (the revision feed) take in the body. */
export async function organisationId(this: ApiContext): Promise<string> {
	const session = await getSession(this);
	const id = String(session.credential.data?.orgOpenId ?? '').trim();
	if (!id) {
		throw new NodeOperationError(this.getNode(), "The credential's CorpID is empty", {
			description:
				'Enter the enterprise open ID (企业OpenId) in the NetEase Enterprise Email API credential.',
		});
	}
	return id;
}
