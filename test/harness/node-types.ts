import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';

/** Node types as a test supplies them: instances or classes, keyed by the type name used in `INode.type`. */
export type NodeTypeMap = Record<
	string,
	INodeType | IVersionedNodeType | (new () => INodeType | IVersionedNodeType)
>;

/** The type name of the harness's start node. */
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';

/** The start node as a workflow names it: connect from "Start". */
export const START_NODE: INode = {
	id: 'start',
	name: 'Start',
	type: MANUAL_TRIGGER_TYPE,
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * The harness's start node: stands in for n8n's Manual Trigger but is a plain programmatic
 * node that outputs its input items (the harness feeds it `startItems`).
 */
export class HarnessManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger (harness)',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow with the items the test gives',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

const instantiate = (entry: NodeTypeMap[string]): INodeType | IVersionedNodeType =>
	typeof entry === 'function' ? new entry() : entry;

/** Builds the `nodeTypes` provider the `Workflow` needs from the map plus the start node. */
export function createNodeTypes(map: NodeTypeMap = {}): INodeTypes {
	const types = new Map<string, INodeType | IVersionedNodeType>();
	types.set(MANUAL_TRIGGER_TYPE, new HarnessManualTrigger());
	for (const [name, entry] of Object.entries(map)) types.set(name, instantiate(entry));

	const getByName = (nodeType: string): INodeType | IVersionedNodeType => {
		const type = types.get(nodeType);
		if (!type) {
			throw new Error(`Unknown node type "${nodeType}"; known: ${[...types.keys()].join(', ')}`);
		}
		return type;
	};

	return {
		getByName,
		getByNameAndVersion: (nodeType: string, version?: number): INodeType =>
			NodeHelpers.getVersionedNodeType(getByName(nodeType), version),
		getKnownTypes: (): IDataObject =>
			Object.fromEntries(
				[...types.keys()].map((name) => [name, { className: name, sourcePath: '' }]),
			),
	};
}
