/**
 * A scripted stand-in for OpenAI's chat completions API, so that n8n's own AI Agent and OpenAI Chat
 * Model nodes run for real (point the openAiApi credential's Base URL at `url`) while the "model"
 * follows a fixed script: a request holding the tool calls of turn n (n8n may split one turn's
 * calls over several assistant messages) is answered by turn n + 1, a request with none by turn 0.
 * A turn either calls tools (by the names n8n gave them) or answers in text built from the tool
 * results it was sent. Every request is kept for the checks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
	role: string;
	content?: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatTool {
	type: string;
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	/** Refused: the script answers whole messages only. */
	stream?: boolean;
}

export type Turn =
	| { toolCalls: Array<{ tool: string; args: Record<string, unknown> }> }
	| { answer: (request: ChatRequest) => string };

export interface ScriptedModel {
	/** The Base URL for the openAiApi credential, e.g. http://127.0.0.1:41234/v1. */
	url: string;
	requests: ChatRequest[];
	/** Problems the server met (unknown tool, script exhausted…), also answered to n8n as HTTP 400. */
	problems: string[];
	close(): Promise<void>;
}

/** The text of a message whatever form its content takes. */
export function textOf(message: ChatMessage): string {
	const { content } = message;
	if (typeof content === 'string') return content;
	return (content ?? []).map((part) => part.text ?? '').join('');
}

/** The tool results a request carries, each with the name of the tool that produced it. */
export function toolResults(request: ChatRequest): Array<{ tool: string; text: string }> {
	const names = new Map<string, string>();
	for (const message of request.messages)
		for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
	return request.messages
		.filter((message) => message.role === 'tool')
		.map((message) => ({
			tool: names.get(message.tool_call_id ?? '') ?? '?',
			text: textOf(message),
		}));
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** The assistant message of a turn, in chat-completions form; `callId` names each tool call. */
function assistantMessage(turn: Turn, request: ChatRequest, callId: () => string) {
	if ('answer' in turn) return { role: 'assistant', content: turn.answer(request) };
	return {
		role: 'assistant',
		content: null,
		tool_calls: turn.toolCalls.map(({ tool, args }) => ({
			id: callId(),
			type: 'function',
			function: { name: tool, arguments: JSON.stringify(args) },
		})),
	};
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

function sendCompletion(
	res: ServerResponse,
	request: ChatRequest,
	message: ReturnType<typeof assistantMessage>,
) {
	const base = {
		id: `chatcmpl-${Date.now()}`,
		created: Math.floor(Date.now() / 1000),
		model: request.model ?? 'scripted',
	};
	const finish = message.tool_calls ? 'tool_calls' : 'stop';
	const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
	sendJson(res, 200, {
		...base,
		object: 'chat.completion',
		choices: [{ index: 0, message, finish_reason: finish }],
		usage,
	});
}

export async function startScriptedModel(turns: Turn[]): Promise<ScriptedModel> {
	const requests: ChatRequest[] = [];
	const problems: string[] = [];
	/** Tool call id → the turn that made it. */
	const turnOfCall = new Map<string, number>();
	const nextTurn = (request: ChatRequest) =>
		Math.max(
			-1,
			...request.messages.flatMap((message) =>
				(message.tool_calls ?? []).map((call) => turnOfCall.get(call.id) ?? -1),
			),
		) + 1;
	const refuse = (res: ServerResponse, problem: string) => {
		problems.push(problem);
		sendJson(res, 400, { error: { message: problem, type: 'invalid_request_error' } });
	};
	const server = createServer((req, res) => {
		void (async () => {
			const url = req.url ?? '';
			if (req.method === 'GET' && url.endsWith('/models')) {
				sendJson(res, 200, { object: 'list', data: [{ id: 'gpt-4.1-mini', object: 'model' }] });
				return;
			}
			if (req.method !== 'POST' || !url.endsWith('/chat/completions')) {
				refuse(
					res,
					`the scripted model serves POST /v1/chat/completions, not ${req.method} ${url}`,
				);
				return;
			}
			const request = JSON.parse(await readBody(req)) as ChatRequest;
			requests.push(request);
			if (request.stream) {
				refuse(res, 'the scripted model does not stream; n8n execute asks without streaming');
				return;
			}
			const index = nextTurn(request);
			const turn = turns[index];
			if (!turn) {
				refuse(res, `the script has ${turns.length} turns and the conversation asked for another`);
				return;
			}
			const offered = new Set((request.tools ?? []).map((tool) => tool.function.name));
			const missing =
				'toolCalls' in turn ? turn.toolCalls.find(({ tool }) => !offered.has(tool)) : undefined;
			if (missing) {
				refuse(
					res,
					`the script calls the tool ${missing.tool}, the agent offered ${[...offered].join(', ') || 'none'}`,
				);
				return;
			}
			const callId = () => {
				const id = `call_${turnOfCall.size + 1}`;
				turnOfCall.set(id, index);
				return id;
			};
			sendCompletion(res, request, assistantMessage(turn, request, callId));
		})().catch((error: unknown) => refuse(res, `scripted model: ${String(error)}`));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		problems,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
