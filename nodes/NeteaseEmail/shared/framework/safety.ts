import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { validateBoolean } from '../helpers/validation';
import type { Item } from './item';
import type { Changes, Operation } from './operation';

/** Operation values that only read (get, getAll, getChanges, find, findByJobNumber, export…). */
const READS = /^(get|find|list|search|export)/;
/**
 * Operation values that remove or cut off something people rely on; a sync suspends whom the HR
 * list lacks, and `set` is what the Settings and SSO nodes call an organisation-wide setting.
 */
const DESTROYS = /^(delete|permanentDelete|remove|suspend|offboard|recall|sync)|^set$/;

/** What running the operation does to the organisation: its own declaration, else by its value. */
export function changeClassOf(operation: Pick<Operation, 'value' | 'changes'>): Changes {
	if (operation.changes) return operation.changes;
	if (DESTROYS.test(operation.value)) return 'destructive';
	if (READS.test(operation.value)) return 'nothing';
	return 'writes';
}

/**
 * n8n turns a node with `usableAsTool` into an AI tool by copying its type with "Tool" appended to
 * the name (convertNodeToAiTool), so a node an AI agent runs has a type such as
 * `…neteaseEmailAddressBookTool`; n8n's own isToolType checks the same suffix.
 */
export function runsAsTool(node: INode): boolean {
	return node.type.endsWith('Tool');
}

export const readOnlyProperty: INodeProperties = {
	displayName: 'Read Only',
	name: 'readOnly',
	type: 'boolean',
	default: false,
	description:
		'Whether to refuse every operation that changes something (create, update, send, delete…) before any request is sent. Turn it on when an AI agent uses this node as a tool and may only look things up.',
};

/** The word a model must type to confirm a destructive operation: the operation's value. */
const confirmation = (operation: Operation) => operation.value;

/** The Confirm parameter of a destructive operation; none for the others. */
export function confirmProperties(operation: Operation): INodeProperties[] {
	if (changeClassOf(operation) !== 'destructive') return [];
	const word = confirmation(operation);
	return [
		{
			displayName: 'Confirm',
			name: 'confirm',
			type: 'string',
			default: '',
			placeholder: word,
			description: `Checked only when an AI agent runs this node as a tool: "${word}" confirms this destructive operation, anything else refuses it. Let the model define it, so the model must confirm each time.`,
		},
	];
}

/**
 * An AI agent is sent only a failed tool's message, so there the message also says what to do
 * (n8n hands the model `{ error: message }`; the description stays in the execution log).
 */
function refused(node: INode, item: Item, message: string, description: string) {
	const told = runsAsTool(node) ? `${message}. ${description}` : message;
	return new NodeOperationError(node, `${told} [item ${item.index}]`, {
		itemIndex: item.index,
		description,
	});
}

/**
 * Refuses an item before anything is sent: any change while Read Only is on, and a destructive
 * operation an AI agent runs without typing its confirmation. Workflows that are no AI tool need
 * no confirmation, so they keep working as they did.
 */
export function checkSafety(node: INode, operation: Operation, item: Item): void {
	const changes = changeClassOf(operation);
	if (changes === 'nothing') return;
	const what = `"${operation.action}"`;
	if (validateBoolean(item.field('readOnly'), item.param('readOnly', false))) {
		throw refused(
			node,
			item,
			`Refused: ${what} changes data and this node is read-only`,
			'Read Only is on, so only operations that change nothing run (get, get many, find, export…). Nothing was sent to NetEase. To look something up, choose such an operation; to make this change, the workflow owner must turn off Read Only on this node.',
		);
	}
	if (changes !== 'destructive' || !runsAsTool(node)) return;
	const word = confirmation(operation);
	const typed = item.param<unknown>('confirm', '');
	if (typeof typed === 'string' && typed.trim().toLowerCase() === word.toLowerCase()) return;
	throw refused(
		node,
		item,
		`Refused: ${what} is destructive and was not confirmed`,
		`Nothing was sent to NetEase. Ask the user whether to go ahead; only if they agree, run it again with Confirm set to "${word}". If this tool takes no Confirm, the workflow owner must let the model define Confirm on this node.`,
	);
}
