/**
 * Step 2b: n8n's own AI Agent uses the NetEase Address Book node as three tools, with n8n's OpenAI
 * Chat Model pointed at a scripted OpenAI-compatible server. The "model" looks up an account and a
 * department (both answered from the sandbox), then tries to delete an account through a tool that
 * is read-only: the tool refuses before any request, the model is sent the refusal, and the
 * sandbox sees no write.
 */
import type { ExampleWorkflow } from '../../lib/examples';
import type { ChatRequest } from '../agent/scriptedModel';
import { startScriptedModel, toolResults } from '../agent/scriptedModel';
import { accountNamed, unchanged } from '../org-state';
import { isBusiness, isWrite, listCalls } from '../platform-calls';
import { assert, nodeItems, oneLine } from '../report';
import type { Suite } from '../suite';

/** The id and name the example's OpenAI Chat Model node refers to. */
const OPENAI_CREDENTIAL = { id: 'openai-credential', name: 'OpenAI account' };
/** n8n names a tool after its node, with what is not [a-zA-Z0-9_-] turned into "_". */
const TOOLS = {
	account: 'Look_up_account',
	department: 'Find_department',
	remove: 'Delete_account',
};

const resultOf = (request: ChatRequest | undefined, tool: string) =>
	request ? toolResults(request).find((result) => result.tool === tool)?.text : undefined;

export async function aiAgent(suite: Suite, workflow: ExampleWorkflow): Promise<void> {
	const before = suite.state();
	const looked = accountNamed(before, 'zhang.wei');
	const leaver = accountNamed(before, 'liu.yang');
	const department = '研发中心';
	const model = await startScriptedModel([
		{
			toolCalls: [
				{ tool: TOOLS.account, args: { email: 'zhang.wei' } },
				{ tool: TOOLS.department, args: { name: department } },
			],
		},
		{ toolCalls: [{ tool: TOOLS.remove, args: { email: 'liu.yang', confirm: 'delete' } }] },
		{
			answer: (request) =>
				`I looked up zhang.wei and ${department}. The deletion was not done: ${resultOf(request, TOOLS.remove) ?? 'no answer'}`,
		},
	]);
	try {
		await suite.command('import:credentials (OpenAI Chat Model → scripted model)', () =>
			suite.n8n.importCredentials([
				{
					...OPENAI_CREDENTIAL,
					type: 'openAiApi',
					data: { apiKey: 'sk-scripted-e2e', url: model.url },
				},
			]),
		);
		const run = await suite.execute(
			'ai-agent-directory-assistant: AI Agent with the Address Book node as three tools',
			workflow.id,
		);
		const after = suite.state();
		const [first, second, third] = model.requests;

		await suite.check(
			'AI agent: the scripted model was asked three times and had no problem',
			() => {
				assert(model.problems.length === 0, model.problems.join('; '));
				assert(model.requests.length === 3, `${model.requests.length} chat requests, expected 3`);
			},
		);
		await suite.check(
			"AI agent: n8n offered the three NetEase tools with the workflow's descriptions and the parameters the model must fill",
			() => {
				const offered = new Map(
					(first?.tools ?? []).map((tool) => [tool.function.name, tool.function]),
				);
				const expect = [
					[TOOLS.account, 'email'],
					[TOOLS.department, 'name'],
					[TOOLS.remove, 'confirm'],
				] as const;
				for (const [tool, parameter] of expect) {
					const offer = offered.get(tool);
					assert(offer, `tool ${tool} not offered (offered: ${[...offered.keys()].join(', ')})`);
					const node = workflow.nodes.find(
						(candidate) => candidate.name.replace(/ /g, '_') === tool,
					);
					const written = String(node?.parameters.toolDescription ?? '');
					assert(
						written && offer.description === written,
						`tool ${tool} is described as ${oneLine(offer.description)}, the workflow says ${oneLine(written)}`,
					);
					const properties = (offer.parameters?.properties ?? {}) as Record<string, unknown>;
					assert(
						parameter in properties,
						`tool ${tool} takes ${Object.keys(properties).join(', ')}, not ${parameter}`,
					);
				}
				return [...offered.values()]
					.map((tool) => `${tool.name}: "${oneLine(tool.description, 60)}"`)
					.join('; ');
			},
		);
		await suite.check(
			'AI agent: the account and the department looked up from the sandbox reached the model',
			() => {
				assert(looked, 'zhang.wei is not in the sandbox');
				const account = resultOf(second, TOOLS.account) ?? '';
				assert(account.includes(looked.name), `the account tool answered ${oneLine(account)}`);
				const found = resultOf(second, TOOLS.department) ?? '';
				assert(found.includes(department), `the department tool answered ${oneLine(found)}`);
				return `${oneLine(account, 80)} · ${oneLine(found, 80)}`;
			},
		);
		await suite.check(
			'AI agent: the delete through a read-only tool was refused, and the model was told why',
			() => {
				const refusal = resultOf(third, TOOLS.remove) ?? '';
				assert(
					/Refused.*read-only.*Nothing was sent to NetEase/.test(refusal),
					`the model was sent ${oneLine(refusal)}`,
				);
				const answer = String(nodeItems(run.json, 'Directory assistant')[0]?.json.output ?? '');
				assert(answer.includes('read-only'), `the agent answered ${oneLine(answer)}`);
				return oneLine(refusal, 140);
			},
		);
		await suite.check('AI agent: no write reached the sandbox; liu.yang is untouched', () => {
			const writes = run.calls.filter(isWrite);
			assert(writes.length === 0, `writes sent: ${listCalls(writes)}`);
			assert(leaver && unchanged(leaver, accountNamed(after, 'liu.yang')), 'liu.yang changed');
			assert(unchanged(before.accounts, after.accounts), 'accounts changed');
			return `${run.calls.filter(isBusiness).length} business calls, all reads: ${listCalls(run.calls.filter(isBusiness), 4)}`;
		});
	} finally {
		await model.close();
	}
}
