import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What happened in a step: `result` in a word, then its details. */
export interface StepOutcome extends IDataObject {
	result: string;
}

/** One step of an Employee operation and its outcome, as the output item lists them. */
export interface StepReport extends StepOutcome {
	step: string;
}

/** Results that say a step left everything as it was. */
const NOTHING_CHANGED = new Set([
	'unchanged',
	'exists',
	'alreadyDone',
	'inProgress',
	'skipped',
	'waiting',
	'issued',
]);

const ITEM_SUFFIX = /\s*\[item \d+\]$/;

/**
 * Runs the steps of one item in order and keeps their reports. A step that fails stops the item
 * with an error naming the step and what the steps before it did, so the user can fix the cause
 * and run it again (steps already done then report so).
 */
export class StepRun {
	readonly steps: StepReport[] = [];

	constructor(
		private readonly node: INode,
		private readonly operation: string,
		private readonly itemIndex: number,
	) {}

	async step(step: string, task: () => Promise<StepOutcome>): Promise<StepOutcome> {
		let report: StepOutcome;
		try {
			report = await task();
		} catch (error) {
			throw this.stoppedAt(step, error);
		}
		this.steps.push({ step, ...report });
		return report;
	}

	/** Records a step that needed no call, e.g. one not asked for. */
	note(step: string, report: StepOutcome): void {
		this.steps.push({ step, ...report });
	}

	skip(step: string, reason: string): void {
		this.note(step, { result: 'skipped', reason });
	}

	/** Whether any step changed something. */
	get changed(): boolean {
		return this.steps.some(({ result }) => !NOTHING_CHANGED.has(result));
	}

	private stoppedAt(step: string, error: unknown): NodeOperationError {
		const { message, description } = error as { message?: string; description?: string };
		const done = this.steps
			.filter(({ result }) => result !== 'skipped')
			.map(({ step: name, result }) => `${name} ${result}`);
		const before = done.length
			? `Done before it: ${done.join(', ')}.`
			: 'Nothing was done before it.';
		return new NodeOperationError(
			this.node,
			`${this.operation} stopped at step "${step}": ${String(message ?? error).replace(ITEM_SUFFIX, '')} [item ${this.itemIndex}]`,
			{
				itemIndex: this.itemIndex,
				description: [
					description,
					before,
					'Fix the cause and run it again: steps already done report so and are not repeated.',
				]
					.filter(Boolean)
					.join(' '),
			},
		);
	}
}

const turns = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Runs `task` once every earlier task of this execution under the same key has settled: items
 * running at once must not both create the same department.
 */
export async function inTurn<T>(context: object, key: string, task: () => Promise<T>): Promise<T> {
	let byKey = turns.get(context);
	if (!byKey) turns.set(context, (byKey = new Map()));
	const run = (byKey.get(key) ?? Promise.resolve()).catch(() => undefined).then(task);
	byKey.set(key, run);
	return await run;
}
