/** The benchmark's results as Markdown tables (README-ready). */
import type { CreateMeasure, ReadMeasure } from './measure';

/** The n8n process's resident memory around one measured node's run (MB). */
export interface StepMemory {
	/** VmRSS when the node started: n8n booted, the workflow loaded, nothing read yet. */
	idleRssMb?: number;
	/** The resident peak from then on: the node, then n8n saving and printing the execution. */
	peakMb?: number;
	aboveIdleMb?: number;
	/** The highest VmRSS sampled while the node ran (the rest of the peak comes after it). */
	nodeRunPeakMb?: number;
	/** Resident peak of n8n's child processes (the JavaScript task runner), not in the above. */
	taskRunnerPeakMb?: number;
}

export interface ReadMemory {
	read: StepMemory;
	/** The same node reading 10 accounts. */
	smallRead: StepMemory;
	/** A node outputting as many items of the same shape without a request: n8n's share. */
	standIn: StepMemory & { items?: number };
	/** The same items made by a Code node (in n8n's task runner, then sent to n8n). */
	codeNode: StepMemory & { items?: number };
}

const fixed = (value: number | null | undefined, digits = 2) =>
	value === null || value === undefined ? '—' : value.toFixed(digits);
const seconds = (value: number | null | undefined) =>
	value === null || value === undefined ? '—' : `${value.toFixed(1)} s`;
const ms = (value: number | null | undefined) =>
	value === null || value === undefined ? '—' : `${Math.round(value)} ms`;

function markdown(header: string[], rows: string[][]): string {
	return [header, header.map(() => '---'), ...rows]
		.map((row) => `| ${row.join(' | ')} |`)
		.join('\n');
}

export function createTable(measures: CreateMeasure[]): string {
	return markdown(
		[
			'Run',
			'Create step',
			'Bound N/R',
			'Bound / wall',
			'Accounts created',
			'Items OK, account missing',
			'createAccount calls / account',
			'Business calls / account',
			'Rate-limited answers',
			'Token calls (-301 answers)',
			'Node start → 1st call / 1st create',
		],
		measures.map((m) => [
			`(${m.run}) ${m.label}`,
			seconds(m.createStepSeconds),
			seconds(m.boundSeconds),
			fixed(m.boundOverWall),
			`${m.created} of ${m.accounts}`,
			String(m.reportedOkNotCreated),
			fixed(m.createCallsPerAccount, 3),
			fixed(m.businessCallsPerAccount, 3),
			String(m.rateLimitedAnswers),
			`${m.tokenCalls} (${m.tokenExpiredAnswers})`,
			`${ms(m.firstCallAfterStartMs)} / ${ms(m.firstCreateAfterStartMs)}`,
		]),
	);
}

export function readTable(measure: ReadMeasure, memory: ReadMemory, pageMs: number): string {
	const mbText = (value: number | undefined) => (value === undefined ? '—' : `${value} MB`);
	const rss = ({ idleRssMb, peakMb, aboveIdleMb }: StepMemory) =>
		`${mbText(idleRssMb)} → ${mbText(peakMb)} (+${mbText(aboveIdleMb)})`;
	const other = Object.entries(measure.otherCalls)
		.map(([path, calls]) => `${calls} ${path.split('/').pop()}`)
		.join(', ');
	const later = measure.laterPages;
	return markdown(
		[
			'Run',
			'Read step',
			'Calls: pages + token + other (expected)',
			'Bound calls/R',
			'Bound / wall',
			'Pages 2… bound / span',
			'Rate-limited answers',
			'One page to a plain client',
			'Items / missing / duplicated / out of order',
			'n8n RSS at node start → peak (above)',
			'Same for 10 accounts',
			"Same for as many items made without a request (n8n's share)",
			'Same for a Code node making them',
		],
		[
			[
				measure.label,
				seconds(measure.readStepSeconds),
				`${measure.calls}: ${measure.pageCalls} + ${measure.tokenCalls} + ${measure.otherBusinessCalls}${other ? ` (${other})` : ''} (${measure.expectedCalls ?? '—'})`,
				seconds(measure.boundSeconds),
				fixed(measure.boundOverWall),
				`${fixed(later.boundOverSpan)} (${later.calls} in ${seconds(later.spanSeconds)})`,
				String(measure.rateLimitedAnswers),
				ms(pageMs),
				`${measure.outputItems} / ${measure.missing} / ${measure.duplicated} / ${measure.outOfOrder}`,
				rss(memory.read),
				rss(memory.smallRead),
				rss(memory.standIn),
				rss(memory.codeNode),
			],
		],
	);
}
