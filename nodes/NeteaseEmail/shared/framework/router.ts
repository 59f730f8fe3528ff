import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { mapWithConcurrency } from '../helpers/concurrency';
import * as account from './account';
import * as department from './department';
import type { Operation } from './operation';

const resources: Record<string, Record<string, Operation<unknown>>> = {
	account: account.operations,
	department: department.operations,
};

function asNodeError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(this.getNode(), error as Error, {
		itemIndex,
		message: `${(error as Error).message} [item ${itemIndex}]`,
	});
}

function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs the chosen operation over all items: first every item is prepared (checked, no writes), then
 * the items run, several at once where the operation allows it, and their output keeps input order.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not supported for "${resource}"`,
		);
	}

	const continueOnFail = this.continueOnFail();
	const inputs = new Map<number, unknown>();
	const failed = new Map<number, NodeApiError | NodeOperationError>();
	for (let i = 0; i < items.length; i++) {
		try {
			inputs.set(i, await operation.prepare.call(this, i));
		} catch (error) {
			if (!continueOnFail) throw asNodeError.call(this, error, i);
			failed.set(i, asNodeError.call(this, error, i));
		}
	}

	const results = await mapWithConcurrency(
		[...inputs.keys()],
		operation.concurrency ?? 1,
		async (i) => {
			try {
				return await operation.execute.call(this, inputs.get(i), i);
			} catch (error) {
				if (!continueOnFail) throw asNodeError.call(this, error, i);
				failed.set(i, asNodeError.call(this, error, i));
				return [];
			}
		},
	);

	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const error = failed.get(i);
		if (error) {
			returnData.push(errorItem(error, i));
			continue;
		}
		const result = results.get(i) as IDataObject | IDataObject[];
		for (const json of Array.isArray(result) ? result : [result]) {
			returnData.push({ json, pairedItem: { item: i } });
		}
	}
	return [returnData];
}
