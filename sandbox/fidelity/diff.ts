/**
 * `npm run fidelity`: sends each recorded request to a fresh sandbox, in the recorded order, and
 * compares the sandbox's answer with the real one. The sandbox takes the recording's domain and
 * ids; placeholders become valid values; objects the recording uses but never created are
 * created first (prerequisites.ts), so differences are the sandbox's, not the seeding's.
 */
import { ENDPOINTS, type EndpointKey } from '../../nodes/NeteaseEmail/shared/transport/endpoints';
import { startSandbox, type Sandbox, type SandboxIdentity, type SeedName } from '../index';
import { readAnswer, succeeded, type Answer } from './answer';
import { compareAnswers } from './answerDiff';
import { matchCatalogue } from './catalogueCheck';
import { difference, type Difference } from './differences';
import { IdMap } from './idMap';
import { resolvePlaceholders, resolveRequestBody } from './placeholders';
import { Prerequisites } from './prerequisites';
import { RecordedObjects } from './recordedObjects';
import type { RecordedExchange } from './recording';
import { fieldsOf, findRenames, ignoredFields, type Attempt } from './requestFields';
import { SandboxClient, type SandboxReply } from './sandboxClient';
import { compareShapes } from './shape';

export interface DiffOptions {
	/** The credential's Endpoint Path Overrides used while recording. */
	overrides?: Record<string, string>;
	/** Default `empty`. */
	seed?: SeedName;
}

export interface Outcome {
	httpStatus: number;
	code?: number;
	marker?: string;
}

export interface ExchangeResult {
	seq: number;
	/** The catalogue key, null for a path in no entry. */
	key: EndpointKey | null;
	path: string;
	real: Outcome;
	/** Undefined when the request was not sent (unknown path). */
	sandbox?: Outcome;
	differences: Difference[];
	/** What was done to make the comparison fair (objects created, calls not sent). */
	notes: string[];
}

const TOKEN_KEYS = new Set<string>(['token.acquire', 'token.refresh', 'token.sso']);

export async function diffRecording(
	exchanges: RecordedExchange[],
	options: DiffOptions = {},
): Promise<ExchangeResult[]> {
	const sandbox = await startSandbox({
		seed: options.seed ?? 'empty',
		identity: identityOf(exchanges),
	});
	try {
		const run = new FidelityRun(sandbox, options.overrides ?? {});
		await run.start(exchanges);
		const results: ExchangeResult[] = [];
		for (const exchange of exchanges) results.push(await run.compare(exchange));
		return results;
	} finally {
		await sandbox.close();
	}
}

/** The recording's domain, app id and enterprise id, so ids and addresses agree with it. */
export function identityOf(exchanges: RecordedExchange[]): Partial<SandboxIdentity> {
	const identity: Partial<SandboxIdentity> = {};
	const usable = (value: unknown): value is string =>
		typeof value === 'string' && value.trim() !== '' && !value.includes('<');
	for (const exchange of exchanges) {
		const fields = fieldsOf(exchange.request.body);
		if (!identity.domain && usable(fields.domain)) identity.domain = fields.domain;
		if (!identity.appId && usable(fields.appId)) identity.appId = fields.appId;
		if (!identity.orgOpenId && usable(fields.orgOpenId)) identity.orgOpenId = fields.orgOpenId;
	}
	return identity;
}

function outcome(answer: Answer): Outcome {
	const result: Outcome = { httpStatus: answer.httpStatus };
	if (answer.code !== undefined) result.code = answer.code;
	if (answer.marker !== undefined && answer.code !== 0) result.marker = answer.marker;
	return result;
}

class FidelityRun {
	private readonly client: SandboxClient;
	private readonly ids = new IdMap();
	private readonly known = new RecordedObjects();
	private readonly prerequisites: Prerequisites;

	constructor(
		private readonly sandbox: Sandbox,
		private readonly overrides: Record<string, string>,
	) {
		this.client = new SandboxClient(sandbox);
		this.prerequisites = new Prerequisites(sandbox, this.client, this.ids, this.known);
	}

	async start(exchanges: RecordedExchange[]): Promise<void> {
		await this.client.login();
		for (const exchange of exchanges) {
			const real = readAnswer(exchange.response.httpStatus, exchange.response.body);
			if (succeeded(real)) this.known.add(exchange.seq, this.resolve(real.data));
		}
	}

	private resolve(value: unknown): unknown {
		return resolvePlaceholders(value, this.client);
	}

	async compare(exchange: RecordedExchange): Promise<ExchangeResult> {
		const real = readAnswer(exchange.response.httpStatus, exchange.response.body);
		const match = matchCatalogue(exchange, this.overrides, succeeded(real));
		const result: ExchangeResult = {
			seq: exchange.seq,
			key: match.key,
			path: exchange.path,
			real: outcome(real),
			differences: [...match.differences],
			notes: [],
		};
		if (!match.key) {
			result.notes.push('not sent: the sandbox answers catalogue paths only');
			return result;
		}
		if (TOKEN_KEYS.has(match.key)) return this.compareTokenCall(match.key, real, result);

		const endpoint = ENDPOINTS[match.key];
		const body = resolveRequestBody(exchange.request.body, this.client);
		const query = this.resolve(exchange.query) as Record<string, string>;
		result.notes.push(
			...(await this.prerequisites.prepare({
				seq: exchange.seq,
				key: match.key,
				write: endpoint.write,
				body,
				real,
				realData: this.resolve(real.data),
			})),
		);
		const before = endpoint.write && succeeded(real) ? this.sandbox.control.state() : undefined;
		const send = async (sent: unknown): Promise<Attempt<SandboxReply>> => {
			const reply = await this.client.send({
				path: match.sandboxPath,
				query: this.ids.apply(query) as Record<string, string>,
				body: this.ids.apply(sent),
			});
			return { reply, answer: readAnswer(reply.httpStatus, reply.body) };
		};

		let attempt = await send(body);
		let sentBody = body;
		const refused = succeeded(real) && attempt.answer.code === -401 && attempt.answer.marker;
		if (refused) {
			const found = await findRenames(body, attempt.answer, send);
			if (found) {
				for (const { from, to } of found.renames)
					result.differences.push(
						difference(
							'renamedRequestField',
							`request field: the real platform accepted \`${from}\`, the sandbox expects \`${to}\``,
							from,
						),
					);
				attempt = found;
				sentBody = found.body;
			}
			if (!succeeded(attempt.answer)) result.differences.push(refusal(exchange, attempt.answer));
		}
		result.sandbox = outcome(attempt.answer);
		if (succeeded(real) && /NOTEXIST/.test(attempt.answer.marker ?? ''))
			result.notes.push(
				`the sandbox lacked an object the real platform had (${attempt.answer.marker}): only departments and accounts are created from the recording`,
			);
		const answerDifferences = compareAnswers(sentBody, real, attempt.answer);
		result.differences.push(
			...(refused && !succeeded(attempt.answer)
				? answerDifferences.filter((each) => each.kind !== 'code')
				: answerDifferences),
		);
		if (before && succeeded(attempt.answer)) {
			const after = this.sandbox.control.state();
			for (const field of ignoredFields(
				this.ids.apply(sentBody),
				before,
				after,
				attempt.answer.data,
			))
				result.differences.push(
					difference(
						'ignoredRequestField',
						`request field: the real platform accepted \`${field}\`, the sandbox ignores it (its value was stored nowhere): a name the sandbox and node spell differently, or a field they lack`,
						field,
					),
				);
		}
		if (endpoint.write && succeeded(real) && succeeded(attempt.answer))
			this.ids.learn(this.resolve(real.data), attempt.answer.data);
		return result;
	}

	/** Token calls: the sandbox issues its own tokens; only the answers' shapes are compared. */
	private async compareTokenCall(
		key: string,
		real: Answer,
		result: ExchangeResult,
	): Promise<ExchangeResult> {
		if (!succeeded(real)) {
			result.notes.push(
				`not sent: a token call the real platform refused (${real.code}) depends on its token state`,
			);
			return result;
		}
		const path = ENDPOINTS[key as EndpointKey].path;
		const reply =
			key === 'token.refresh'
				? await this.client.send({
						path,
						query: { refreshToken: (await this.client.newTokenPair()).refreshToken },
						body: null,
					})
				: await this.client.send({ path, query: {}, body: this.client.credentials() });
		const answer = readAnswer(reply.httpStatus, reply.body);
		result.sandbox = outcome(answer);
		if (!succeeded(answer))
			result.differences.push(
				difference('code', `the real platform answered code 0, the sandbox code ${answer.code}`),
			);
		else result.differences.push(...compareShapes(real.body, answer.body));
		return result;
	}
}

/** Why the sandbox still refuses a request the real platform accepted. */
function refusal(exchange: RecordedExchange, answer: Answer): Difference {
	const field = answer.marker ?? '';
	const recorded = fieldsOf(exchange.request.body)[field];
	if (answer.code === -401 && recorded !== undefined)
		return difference(
			'refusedRequest',
			`request field: the real platform accepted \`${field}\` = ${short(recorded)}, the sandbox refuses it (-401)`,
			field,
		);
	if (answer.code === -401)
		return difference(
			'refusedRequest',
			`request field: the sandbox requires \`${field}\`, which the real platform did without (no field of the request stands for it)`,
			field,
		);
	return difference(
		'refusedRequest',
		`the real platform accepted the request, the sandbox refuses it: code ${answer.code}${answer.marker ? ` ${answer.marker}` : ''}`,
	);
}

function short(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
