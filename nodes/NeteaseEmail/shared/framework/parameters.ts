import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

/** `{{ $json.<field> }}`: what dragging a field of the input onto a parameter writes. */
const INPUT_FIELD = /^=\{\{\s*\$json\.([A-Za-z_$][\w$]*)\s*\}\}$/;

/** Parameter types n8n hands over as an expression gave them when they have no `validateType`. */
const PLAIN_TYPES = new Set(['string', 'number', 'boolean', 'options']);

/** How a parameter is read: the same value for every item, one input field, or through n8n. */
type Source = 'fixed' | { field: string } | 'n8n';

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(holdsExpression);
	return false;
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** The value saved in the workflow (`a.b` for a collection field), before n8n resolves it. */
function savedValue(parameters: object, name: string): unknown {
	let value: unknown = parameters;
	for (const key of name.split('.')) {
		if (value === null || typeof value !== 'object' || !hasOwn(value, key)) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

const isPrimitive = (value: unknown): value is string | number | boolean =>
	typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const copyOf = <T>(value: T): T =>
	value !== null && typeof value === 'object' ? (deepCopy(value as object) as T) : value;

/**
 * The parameters of one execution, read item by item with what n8n would give, in less time.
 * n8n resolves every read (defaults, expressions, schema checks), and its default expression
 * engine runs each expression in an isolated V8 context, about half a millisecond apiece: for
 * thousands of items that was seconds before the first request. So:
 * - a parameter whose saved value holds no expression is the same for every item: it is read
 *   through n8n once and then handed out as a copy;
 * - a parameter that is just `{{ $json.<field> }}` is that field of the item's input when it holds
 *   text, a number or a boolean (what n8n would give, unchanged); anything else goes through n8n.
 */
export class NodeParameters {
	private saved?: object;

	private readonly sources = new Map<string, Source>();

	private readonly fixed = new Map<string, { value: unknown }>();

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly properties: INodeProperties[],
	) {}

	get(name: string, index: number, fallback?: unknown): unknown {
		const known = this.fixed.get(name);
		if (known) return copyOf(known.value);
		const source = this.sourceOf(name);
		if (typeof source === 'object') {
			const json = this.context.getInputData()[index]?.json;
			const value = json && hasOwn(json, source.field) ? json[source.field] : undefined;
			if (isPrimitive(value)) return value;
		}
		const value = this.context.getNodeParameter(name, index, fallback);
		if (source === 'fixed') this.fixed.set(name, { value: copyOf(value) });
		return value;
	}

	private sourceOf(name: string): Source {
		let source = this.sources.get(name);
		if (source) return source;
		this.saved ??= this.context.getNode().parameters;
		// Without a saved value, n8n gives the fallback, which may differ between reads.
		const value = name.includes('[') ? undefined : savedValue(this.saved, name);
		const field = typeof value === 'string' ? INPUT_FIELD.exec(value)?.[1] : undefined;
		const property = this.properties.find((candidate) => candidate.name === name);
		const plain = property && PLAIN_TYPES.has(property.type) && !property.validateType;
		if (value === undefined) source = 'n8n';
		else if (!holdsExpression(value)) source = 'fixed';
		else source = field && plain ? { field } : 'n8n';
		this.sources.set(name, source);
		return source;
	}
}
