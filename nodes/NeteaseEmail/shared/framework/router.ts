import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { requestTimeoutMs, withRequestOptions } from '../descriptions/options';
import { setRequestTimeout } from '../transport/timeouts';
import { mapWithConcurrency } from './concurrency';
import { Item } from './item';
import type { Operation, OperationOutput } from './operation';
import { FileItem } from './operation';
import { NodeParameters } from './parameters';
import type { Resource } from './resource';
import { checkSafety, confirmProperties, readOnlyProperty, runsAsTool } from './safety';
import { forModel, ToolParameters } from './toolOutput';

/** The value n8n gives Resource/Operation when a user picks its generic "Custom API Call". */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

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

function chosenOperation(this: IExecuteFunctions, resources: Resource[]) {
	const resourceName = this.getNodeParameter('resource', 0) as string;
	// Picked as the resource, it hides every Operation parameter: check it before reading one.
	const operationName =
		resourceName === CUSTOM_API_CALL
			? CUSTOM_API_CALL
			: (this.getNodeParameter('operation', 0) as string);
	if (operationName === CUSTOM_API_CALL) {
		throw new NodeOperationError(
			this.getNode(),
			'"Custom API Call" cannot renew NetEase tokens or read the platform\'s answer codes',
			{
				description:
					'Choose Resource → Platform Request in this node instead: it calls any path with the same token renewal, pacing and error handling as the other operations.',
			},
		);
	}
	const operation = resources
		.find((resource) => resource.value === resourceName)
		?.operations.find((candidate) => candidate.value === operationName);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not supported for "${resourceName}"`,
		);
	}
	return operation;
}

async function run(
	this: IExecuteFunctions,
	operation: Operation,
	inputs: Map<number, unknown>,
	itemOf: (i: number) => Item,
	fail: (error: unknown, i: number) => void,
): Promise<Map<number, OperationOutput>> {
	if (operation.executeBatch) {
		if (inputs.size === 0) return new Map();
		try {
			return await operation.executeBatch.call(this, inputs);
		} catch (error) {
			for (const i of inputs.keys()) fail(error, i);
			return new Map();
		}
	}
	return await mapWithConcurrency([...inputs.keys()], operation.concurrency ?? 1, async (i) => {
		try {
			return await operation.execute.call(this, inputs.get(i), itemOf(i));
		} catch (error) {
			fail(error, i);
			return [];
		}
	});
}

/**
 * Runs the chosen operation over all items: first every item is prepared (checked, no writes), then
 * the items run, several at once where the operation allows it, and their output keeps input order.
 */
export async function router(
	this: IExecuteFunctions,
	resources: Resource[],
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = chosenOperation.call(this, resources);
	const continueOnFail = this.continueOnFail();
	const inputs = new Map<number, unknown>();
	const failed = new Map<number, NodeApiError | NodeOperationError>();
	// What the editor shows for the operation: its own properties, the Options every one has, and
	// the safety switches.
	const properties = [
		...withRequestOptions(operation.properties),
		...confirmProperties(operation),
		readOnlyProperty,
	];
	const node = this.getNode();
	// An AI agent reads the output of a tool: it gets it compact (see toolOutput.ts).
	const asTool = runsAsTool(node);
	const parameters = asTool
		? new ToolParameters(this, properties)
		: new NodeParameters(this, properties);
	const itemOf = (i: number) => new Item(this, i, properties, parameters);
	const fail = (error: unknown, i: number) => {
		if (!continueOnFail) throw asNodeError.call(this, error, i);
		failed.set(i, asNodeError.call(this, error, i));
	};
	for (let i = 0; i < items.length; i++) {
		try {
			const item = itemOf(i);
			checkSafety(node, operation, item);
			setRequestTimeout(this, i, requestTimeoutMs(item));
			inputs.set(i, await operation.prepare.call(this, item));
		} catch (error) {
			fail(error, i);
		}
	}

	const results = await run.call(this, operation, inputs, itemOf, fail);

	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const error = failed.get(i);
		if (error) {
			returnData.push(errorItem(error, i));
			continue;
		}
		const result = results.get(i) ?? [];
		for (const output of Array.isArray(result) ? result : [result]) {
			const pairedItem = { item: i };
			const json = output instanceof FileItem ? output.json : output;
			const shown = asTool ? forModel(operation, json) : json;
			returnData.push(
				output instanceof FileItem
					? { json: shown, binary: output.binary, pairedItem }
					: { json: shown, pairedItem },
			);
		}
	}
	return [returnData];
}
