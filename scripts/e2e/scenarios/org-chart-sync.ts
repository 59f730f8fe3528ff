/**
 * Step 6: the org-chart sync example. As shipped it previews (dry run): every row says what would
 * change and nothing is written. With Settings → apply switched on it applies the CSV; applied
 * again, every row is unchanged and nothing is written.
 */
import { promises as fs } from 'node:fs';

import type { ExampleWorkflow } from '../../lib/examples';
import { ORG_CHART_CSV } from '../fixtures';
import { accountNamed, unchanged, unitPath } from '../org-state';
import { isWrite } from '../platform-calls';
import { assert, nodeItems } from '../report';
import type { Suite } from '../suite';

/** The same workflow with Settings → apply on, under its own id. */
function applying(workflow: ExampleWorkflow): ExampleWorkflow {
	const copy = JSON.parse(JSON.stringify(workflow)) as ExampleWorkflow;
	copy.id = `${workflow.id}-apply`;
	copy.name = `${workflow.name} (apply)`;
	const settings = copy.nodes.find((node) => node.name === 'Settings');
	assert(settings, 'org-chart-sync has no Settings node');
	settings.parameters.jsonOutput = String(settings.parameters.jsonOutput).replace(
		'"apply": false',
		'"apply": true',
	);
	return copy;
}

export async function orgChartSync(suite: Suite, workflow: ExampleWorkflow): Promise<void> {
	const rows = (await fs.readFile(ORG_CHART_CSV, 'utf8')).trim().split(/\r?\n/).length - 1;
	const before = suite.state();
	const preview = await suite.execute('org-chart-sync (as shipped: dry run)', workflow.id);
	await suite.check(
		'org-chart-sync dry run: one item per row saying what would change, no write sent',
		() => {
			const items = nodeItems(preview.json, 'Preview changes (dry run)').map((item) => item.json);
			assert(items.length === rows, `${items.length} items for ${rows} rows`);
			const creates = items.filter((item) => item.outcome === 'wouldCreate').length;
			const update = items.find((item) => item.key === 'li.na@sandbox.example.com');
			assert(creates === rows - 1, `${creates} rows would create, expected ${rows - 1}`);
			assert(update?.outcome === 'wouldUpdate', `li.na: ${JSON.stringify(update)}`);
			const writes = preview.calls.filter(isWrite);
			assert(
				writes.length === 0,
				`${writes.length} writes sent: ${writes.map((w) => w.path).join(', ')}`,
			);
			assert(unchanged(before, suite.state()), 'the organisation changed');
			return `${creates} × wouldCreate, li.na wouldUpdate (${JSON.stringify(update.changes)}), 0 writes`;
		},
	);

	const variant = applying(workflow);
	await suite.command('import:workflow (apply variant)', () => suite.n8n.importWorkflow([variant]));
	const applied = await suite.execute('org-chart-sync with apply on', variant.id);
	await suite.check(
		'org-chart-sync applied: accounts created in their new departments, li.na moved',
		() => {
			const items = nodeItems(applied.json, 'Sync org chart').map((item) => item.json);
			const created = items.filter((item) => item.outcome === 'created').length;
			assert(
				created === rows - 1,
				`${created} created, expected ${rows - 1}: ${JSON.stringify(items.find((i) => i.outcome !== 'created'))}`,
			);
			const after = suite.state();
			const org000 = accountNamed(after, 'org000');
			assert(
				org000 && unitPath(after, org000.unitId) === '华东销售部/上海组',
				'org000 is not in 华东销售部/上海组',
			);
			const liNa = accountNamed(after, 'li.na');
			assert(liNa && unitPath(after, liNa.unitId) === '研发中心/测试组', 'li.na was not moved');
			return `${created} created, li.na updated`;
		},
	);

	const again = await suite.execute('org-chart-sync applied again', variant.id);
	await suite.check('org-chart-sync applied again: every row unchanged, no write sent', () => {
		const items = nodeItems(again.json, 'Sync org chart').map((item) => item.json);
		const changed = items.filter((item) => item.outcome !== 'unchanged');
		assert(
			changed.length === 0,
			`${changed.length} rows not unchanged: ${JSON.stringify(changed[0])}`,
		);
		const writes = again.calls.filter(isWrite);
		assert(writes.length === 0, `${writes.length} writes sent`);
		return `${items.length} × unchanged, 0 writes`;
	});
}
