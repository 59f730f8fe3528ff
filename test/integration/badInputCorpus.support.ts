import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RunOptions } from '../support/netease';
import { locator, usePlatform } from '../support/netease';

export const DOMAIN = 'sandbox.example.com';

/** One malformed input: what a node is given, and the error it must stop with before any request. */
export interface BadInput {
	/** What is wrong, as the test's name shows it. */
	case: string;
	parameters: INodeParameters;
	/** Input items as JSON (default one empty item), for parameters that read `$json`. */
	items?: IDataObject[];
	/** Whole input items, e.g. with files; instead of `items`. */
	inputItems?: INodeExecutionData[];
	/**
	 * The exact message, or a pattern that names the field and ends with the item. Every message
	 * reads `<Field label> <problem> [item N]`.
	 */
	error: string | RegExp;
}

export type NodeType = NonNullable<RunOptions['nodeType']>;

/** The account (or mailbox) locator By Address, as most rows give it. */
export const address = (value: string) => locator(value, 'address');

/** A text of `length` characters. */
export const longText = (length: number, character = 'a') => character.repeat(length);

/**
 * Runs every row on its own against a freshly reset sandbox and checks that the run stopped with
 * the row's error, worded `<Field> <problem> [item N]` with a fix, and that the sandbox received no
 * business request (token requests aside): bad input is refused before anything is read or sent.
 */
export function describeBadInputs(title: string, nodeType: NodeType, rows: BadInput[]): void {
	describe(title, () => {
		const platform = usePlatform();
		const businessRequests = () =>
			platform.sandbox.control
				.requests()
				.filter((request) => !request.path.startsWith('/api/pub/token/'))
				.map((request) => request.path);

		test.each(rows.map((row) => [row.case, row] as const))('%s', async (_, row) => {
			const run = await platform.run(row.parameters, {
				nodeType,
				items: row.items,
				inputItems: row.inputItems,
			});
			if (process.env.BAD_INPUT_PROBE) {
				console.log(
					`${row.case}\n  → ${JSON.stringify(run.error?.message)}\n  → ${JSON.stringify(businessRequests())}`,
				);
				return;
			}
			expect(run.success).toBe(false);
			const message = run.error?.message;
			if (typeof row.error === 'string') expect(message).toBe(row.error);
			else expect(message).toMatch(row.error);
			expect(message).toMatch(/\S \[item \d+\]$/);
			expect(run.error?.description).toBeTruthy();
			expect(businessRequests()).toEqual([]);
		});
	});
}
