/** Step 1: the sandbox credential and the example workflows imported; n8n lists the node type. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

import type { ExampleWorkflow } from '../../lib/examples';
import { CREDENTIAL_TYPE } from '../../lib/examples';
import { CREDENTIAL, NODE_TYPES } from '../fixtures';
import { assert, oneLine } from '../report';
import type { Suite } from '../suite';

/** True when the credential and the workflows are in, so that the scenarios can run. */
export async function importExamples(suite: Suite, workflows: ExampleWorkflow[]): Promise<boolean> {
	const { n8n } = suite;
	const { orgOpenId, appId, authCode, domain, baseUrl } = suite.sandbox.credential;
	let ready = await suite.check(
		'credential imported (type neteaseEnterpriseEmailApi, pointing at the sandbox)',
		async () => {
			const res = await suite.command('import:credentials', () =>
				n8n.importCredentials([
					{
						...CREDENTIAL,
						type: CREDENTIAL_TYPE,
						data: { orgOpenId, appId, appSecret: authCode, domain, baseUrl },
					},
				]),
			);
			assert(
				/Successfully imported 1 credential/.test(res.stdout),
				'import:credentials did not report the import',
			);
			return `${(res.durationMs / 1000).toFixed(1)} s (includes the database migrations)`;
		},
	);
	ready =
		(await suite.check(
			`example workflows imported (${workflows.map((w) => w.id).join(', ')})`,
			async () => {
				const res = await suite.command('import:workflow', () => n8n.importWorkflow(workflows));
				const expected = `Successfully imported ${workflows.length} workflows`;
				assert(
					res.stdout.includes(expected),
					`import:workflow did not say "${expected}": ${oneLine(res.stdout.slice(-200))}`,
				);
			},
		)) && ready;
	await suite.check(
		`n8n knows the node types ${NODE_TYPES.join(', ')} (export:nodes), each with credential ${CREDENTIAL_TYPE}`,
		async () => {
			const out = path.join(n8n.userFolder, 'nodes.json');
			await suite.command('export:nodes', () => n8n.run(['export:nodes', `--output=${out}`]));
			const types = JSON.parse(await fs.readFile(out, 'utf8')) as Array<{
				name: string;
				version: number | number[];
				credentials?: Array<{ name: string }>;
			}>;
			for (const type of NODE_TYPES) {
				const ours = types.find((t) => t.name === type);
				assert(
					ours,
					`${type} is not among the ${types.length} node types n8n loaded (N8N_CUSTOM_EXTENSIONS=${suite.extensionDir})`,
				);
				assert(
					ours.credentials?.some((c) => c.name === CREDENTIAL_TYPE),
					`${type} does not declare ${CREDENTIAL_TYPE}`,
				);
				// Action nodes are usable as AI tools; triggers are not.
				const tool = types.some((t) => t.name === `${type}Tool`);
				assert(
					tool === !type.endsWith('Trigger'),
					`${type}: an AI tool variant was ${tool ? '' : 'not '}found`,
				);
			}
			return `${NODE_TYPES.length} node types, the action nodes also as AI tools, among ${types.length} types`;
		},
	);
	return ready;
}
