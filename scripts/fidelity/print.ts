/** The fidelity report as text: per endpoint, then the to-do list. */
import type { FidelityReport, TodoItem } from '../../sandbox/fidelity/report';

const seqsText = (seqs: number[]) => `(#${seqs.join(', #')})`;

export function reportText(report: FidelityReport): string {
	const lines = [
		`Sandbox vs real platform — recording ${report.recording}, ${report.exchanges} exchanges`,
		'',
	];
	for (const endpoint of report.endpoints) {
		const head = `${endpoint.endpoint}  ${endpoint.path}  [${endpoint.status}]  ${endpoint.calls} call(s), ${endpoint.realSuccesses} answered code 0 by the real platform`;
		lines.push(head);
		if (endpoint.differences.length === 0) lines.push('  no differences');
		for (const found of endpoint.differences)
			lines.push(`  - [${found.fixIn}] ${found.message} ${seqsText(found.seqs)}`);
		for (const note of endpoint.notes) lines.push(`  note ${note}`);
		lines.push('');
	}
	const { todo } = report;
	lines.push('To do');
	lines.push(
		`  Can be marked seen (inferred, answered code 0): ${todo.canBeMarkedSeen.join(', ') || 'none'}`,
	);
	if (todo.canBeMarkedSeen.length)
		lines.push('    → npm run fidelity -- DIR --update-catalogue [--source "recording …"]');
	lines.push(...todoLines('Fix in the sandbox', todo.fixInSandbox));
	lines.push(
		...todoLines('Change in the node (request fields, catalogue paths)', todo.changeInNode),
	);
	return lines.join('\n');
}

function todoLines(title: string, items: TodoItem[]): string[] {
	if (items.length === 0) return [`  ${title}: nothing`];
	return [
		`  ${title}:`,
		...items.map((item) => `    - ${item.endpoint}: ${item.message} ${seqsText(item.seqs)}`),
	];
}
